//! The files worker (trunk builds it as a web worker, `mofan-files`): a
//! second wasm module, fetched the first time a user imports or exports a
//! spreadsheet or template file. Each message is a job as JSON; it answers
//! with the outcome as JSON (see `core::exchange::file_jobs`).

#[cfg(target_arch = "wasm32")]
fn main() {
    use wasm_bindgen::{closure::Closure, JsCast, JsValue};
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let replies = scope.clone();
    let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |msg: web_sys::MessageEvent| {
        let job = msg.data().as_string().unwrap_or_default();
        let _ = replies.post_message(&JsValue::from_str(&mofan::core::exchange::file_jobs::answer(&job)));
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // Lives as long as the worker.
    on_message.forget();
    // Messages sent before this point would have been dropped: say it is ready.
    let _ = scope.post_message(&JsValue::from_str(mofan::core::exchange::file_jobs::READY));
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("这是模范的文件处理模块，只在浏览器中由应用启动。");
}
