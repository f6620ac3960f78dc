//! A worker's side of the jobs (the files worker and the Excel worker are
//! each a bin that calls [`serve`]): each message is a job as JSON, each
//! answer its outcome as JSON (see `core::exchange::file_jobs`).

use wasm_bindgen::{closure::Closure, JsCast, JsValue};

/// Answers every message to this worker with `answer`, once it has said it is ready.
pub fn serve(answer: fn(&str) -> String) {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let replies = scope.clone();
    let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |msg: web_sys::MessageEvent| {
        let job = msg.data().as_string().unwrap_or_default();
        let _ = replies.post_message(&JsValue::from_str(&answer(&job)));
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // Lives as long as the worker.
    on_message.forget();
    // Messages sent before this point would have been dropped: say it is ready.
    let _ = scope.post_message(&JsValue::from_str(crate::core::exchange::file_jobs::READY));
}
