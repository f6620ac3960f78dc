//! Time and identifiers from the browser, and waiting for it to paint.

use crate::core::assessment::round_pick::round_for;
use crate::core::template::format::Period;
use js_sys::Date;

/// Milliseconds since 1970, as stored in records.
pub fn now_ms() -> i64 {
    Date::now() as i64
}

/// An id unique enough for one person's browser: time plus randomness.
pub fn new_id() -> String {
    let r = (js_sys::Math::random() * 16_777_216.0) as u32;
    format!("{:x}{:06x}", now_ms(), r)
}

/// `2026-11-22 14:03`, in local time.
pub fn format_local(ms: i64) -> String {
    let d = Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    format!(
        "{}-{:02}-{:02} {:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// `14:03:21`, in local time.
pub fn format_time(ms: i64) -> String {
    let d = Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    format!("{:02}:{:02}:{:02}", d.get_hours(), d.get_minutes(), d.get_seconds())
}

/// The round for today in a checklist of `period`: 2026年下半年, or 2026年.
pub fn current_round(period: Period) -> String {
    let d = Date::new_0();
    round_for(period, d.get_full_year() as i32, d.get_month() + 1)
}

/// This year, in local time.
pub fn this_year() -> i32 {
    Date::new_0().get_full_year() as i32
}

/// Lets the browser run what waits (paint, take a click) before going on.
pub async fn next_task() {
    gloo_timers::future::TimeoutFuture::new(0).await;
}

/// Waits until the browser has painted the next frame (the task after the
/// frame's callbacks); in a hidden tab, which paints nothing, until its
/// next task.
pub async fn after_paint() {
    if leptos::prelude::document().visibility_state() == web_sys::VisibilityState::Visible {
        let (framed, frame) = futures::channel::oneshot::channel();
        leptos::prelude::request_animation_frame(move || {
            let _ = framed.send(());
        });
        let _ = frame.await;
    }
    next_task().await;
}
