//! A worker's side of the jobs (the files worker and the Excel worker are
//! each a bin that calls [`serve`]): each message is a job as JSON, each
//! answer its outcome as JSON, with the bytes of a file or of picked
//! files beside either (see `core::exchange::file_jobs::Message` and [`post`]).

use crate::core::exchange::file_jobs::{Message, PickedFile};
use wasm_bindgen::{closure::Closure, JsCast, JsValue};

/// What was posted: the JSON alone, or `[json, Uint8Array or null,
/// picked]`, where `picked` holds the page's picked files as
/// [`crate::files::read_picked`] read them: `[name, size, ArrayBuffer or null]` each.
pub fn received(data: &JsValue) -> Message {
    let Some(parts) = data.dyn_ref::<js_sys::Array>() else {
        return Message {
            json: data.as_string().unwrap_or_default(),
            ..Message::default()
        };
    };
    let files = parts
        .get(2)
        .dyn_into::<js_sys::Array>()
        .map(|picked| picked.iter().map(|p| picked_file(&p.into())).collect())
        .unwrap_or_default();
    Message {
        json: parts.get(0).as_string().unwrap_or_default(),
        bytes: parts.get(1).dyn_into::<js_sys::Uint8Array>().ok().map(|b| b.to_vec()),
        files,
    }
}

/// One picked file: `[name, size, ArrayBuffer or null]`; a file read is
/// weighed by its bytes.
fn picked_file(entry: &js_sys::Array) -> PickedFile {
    let bytes = entry.get(2).dyn_into::<js_sys::ArrayBuffer>().ok();
    let size = bytes
        .as_ref()
        .map_or_else(|| entry.get(1).as_f64().unwrap_or(0.0), |b| f64::from(b.byte_length()));
    PickedFile {
        name: entry.get(0).as_string().unwrap_or_default(),
        size,
        bytes: bytes.map(|b| js_sys::Uint8Array::new(&b).to_vec()),
    }
}

/// Posts `message` with `post_message` (a worker's or its scope's): the
/// bytes, if any, go beside the JSON as a transferred ArrayBuffer, not
/// copied again, and so do those of `picked`, the page's picked files (see
/// [`crate::files::read_picked`]).
pub fn post(
    message: Message,
    picked: Option<&js_sys::Array>,
    post_message: impl Fn(&JsValue, &JsValue) -> Result<(), JsValue>,
) -> Result<(), JsValue> {
    let json = JsValue::from_str(&message.json);
    if message.bytes.is_none() && picked.is_none() {
        return post_message(&json, &js_sys::Array::new());
    }
    let transfer = js_sys::Array::new();
    let bytes = message.bytes.map_or(JsValue::NULL, |b| {
        let bytes = js_sys::Uint8Array::from(b.as_slice());
        transfer.push(&bytes.buffer());
        bytes.into()
    });
    for entry in picked.iter().flat_map(|p| p.iter()) {
        let buffer = js_sys::Array::from(&entry).get(2);
        if buffer.is_instance_of::<js_sys::ArrayBuffer>() {
            transfer.push(&buffer);
        }
    }
    let picked = picked.map_or(JsValue::NULL, JsValue::from);
    post_message(&js_sys::Array::of3(&json, &bytes, &picked), &transfer)
}

/// Answers every message to this worker with `answer`, once it has said it is ready.
pub fn serve(answer: fn(Message) -> Message) {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let replies = scope.clone();
    let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |msg: web_sys::MessageEvent| {
        let _ = post(answer(received(&msg.data())), None, |m, t| {
            replies.post_message_with_transfer(m, t)
        });
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // Lives as long as the worker.
    on_message.forget();
    // Messages sent before this point would have been dropped: say it is ready.
    let _ = scope.post_message(&JsValue::from_str(crate::core::exchange::file_jobs::READY));
}
