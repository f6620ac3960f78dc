//! 读给我听: a button that reads an item and its answers aloud (see
//! `crate::speech`); where the system has no Chinese voice it says so and
//! does nothing else.

use crate::speech;
use leptos::prelude::*;

#[component]
pub fn ReadAloud(
    /// What to read, made when the button is pressed (it follows the answer chosen).
    text: Callback<(), String>,
) -> impl IntoView {
    let missing = RwSignal::new(false);
    // Asking once lets the browser load its voices before the first press.
    let _ = speech::has_chinese_voice();
    on_cleanup(speech::stop);
    view! {
        <div class="read-aloud">
            <button
                type="button"
                class="read-aloud-button"
                on:click=move |_| missing.set(speech::read_aloud(&text.run(())).is_err())
            >
                {move || if missing.get() { speech::NO_VOICE } else { "读给我听" }}
            </button>
            <p class="read-aloud-note" role="status">
                {move || missing.get().then_some("（可在系统设置中添加中文语音后再试）")}
            </p>
        </div>
    }
}
