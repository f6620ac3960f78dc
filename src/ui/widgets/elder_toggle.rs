//! The switch for 长辈模式 (see `ui::state::elder`), on the home page and
//! above a self-check: a button that says what it does and whether it is on.

use crate::ui::state::elder::use_elder_mode;
use crate::ui::widgets::notice::ProblemNotice;
use leptos::prelude::*;

#[component]
pub fn ElderToggle() -> impl IntoView {
    let mode = use_elder_mode();
    let problem = RwSignal::new(None::<String>);
    view! {
        <div class="elder-toggle no-print">
            <button
                type="button"
                aria-pressed=move || if mode.get() { "true" } else { "false" }
                on:click=move |_| problem.set(mode.set(!mode.get()).err())
            >
                "长辈模式（大字、一次一项、可朗读）"
                // Said by aria-pressed to a screen reader; written out for the eye, not in colour alone.
                <span class="state" aria-hidden="true">
                    {move || if mode.get() { "：已开启" } else { "：未开启" }}
                </span>
            </button>
            <ProblemNotice problem=problem />
        </div>
    }
}
