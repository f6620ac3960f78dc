//! The row of sections (一级指标) with each one's progress and subtotal.

use crate::core::{SectionScore, Template};
use leptos::prelude::*;

#[component]
pub fn SectionNav(
    template: &'static Template,
    scores: Vec<Memo<SectionScore>>,
    current: RwSignal<usize>,
) -> impl IntoView {
    view! {
        <nav class="section-nav" aria-label="一级指标">
            {template
                .sections
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    let score = scores[i];
                    view! {
                        <button
                            class="section-tab"
                            class:active=move || current.get() == i
                            class:done=move || score.with(|s| s.is_complete())
                            aria-current=move || (current.get() == i).then_some("step")
                            on:click=move |_| current.set(i)
                        >
                            <span class="tab-title">{s.title.clone()}</span>
                            <span class="tab-stats">
                                {move || {
                                    score
                                        .with(|s| {
                                            format!(
                                                "{}/{} 项 · {}/{} 分",
                                                s.answered,
                                                s.items,
                                                s.earned,
                                                s.applicable,
                                            )
                                        })
                                }}
                            </span>
                        </button>
                    }
                })
                .collect_view()}
        </nav>
    }
}
