//! A worker's side of the jobs (the files worker and the Excel worker are
//! each a bin that calls [`serve`]): each message is a job as JSON, each
//! answer its outcome as JSON, with a file's bytes beside either (see
//! `core::exchange::file_jobs::Message` and [`post`]).

use crate::core::exchange::file_jobs::Message;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};

/// What was posted: the JSON alone, or `[json, Uint8Array]`.
pub fn received(data: &JsValue) -> Message {
    match data.dyn_ref::<js_sys::Array>() {
        Some(parts) => Message {
            json: parts.get(0).as_string().unwrap_or_default(),
            bytes: parts.get(1).dyn_into::<js_sys::Uint8Array>().ok().map(|b| b.to_vec()),
        },
        None => Message {
            json: data.as_string().unwrap_or_default(),
            bytes: None,
        },
    }
}

/// Posts `message` with `post_message` (a worker's or its scope's): the
/// bytes, if any, go beside the JSON as a transferred ArrayBuffer, not copied again.
pub fn post(message: Message, post_message: impl Fn(&JsValue, &JsValue) -> Result<(), JsValue>) -> Result<(), JsValue> {
    let json = JsValue::from_str(&message.json);
    match message.bytes {
        None => post_message(&json, &js_sys::Array::new()),
        Some(bytes) => {
            let bytes = js_sys::Uint8Array::from(bytes.as_slice());
            post_message(&js_sys::Array::of2(&json, &bytes), &js_sys::Array::of1(&bytes.buffer()))
        }
    }
}

/// Answers every message to this worker with `answer`, once it has said it is ready.
pub fn serve(answer: fn(Message) -> Message) {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let replies = scope.clone();
    let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |msg: web_sys::MessageEvent| {
        let _ = post(answer(received(&msg.data())), |m, t| {
            replies.post_message_with_transfer(m, t)
        });
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // Lives as long as the worker.
    on_message.forget();
    // Messages sent before this point would have been dropped: say it is ready.
    let _ = scope.post_message(&JsValue::from_str(crate::core::exchange::file_jobs::READY));
}
