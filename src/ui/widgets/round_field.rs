//! 轮次, chosen, not typed: a year, and 上半年, 下半年 or 全年. A round an
//! earlier version stored as typed, which reads as no round, is shown and
//! kept until another is chosen.

use crate::core::assessment::round_pick::{years_on_offer, RoundPart, RoundPick};
use crate::ui::state::clock::this_year;
use leptos::prelude::*;

#[component]
pub fn RoundField(
    /// The round, in the form `RoundPick::label` writes.
    round: RwSignal<String>,
    /// Called when the user picks a year or a part.
    #[prop(optional, into)]
    on_pick: Option<Callback<()>>,
) -> impl IntoView {
    let picked = move || RoundPick::parse(&round.get());
    // What the selects show: the round, or for one that reads as none, today's.
    let shown = move || {
        picked().unwrap_or(RoundPick {
            year: this_year(),
            part: RoundPart::FirstHalf,
        })
    };
    let set = move |change: &dyn Fn(&mut RoundPick)| {
        let mut pick = shown();
        change(&mut pick);
        round.set(pick.label());
        if let Some(f) = on_pick {
            f.run(());
        }
    };
    let years = move || years_on_offer(this_year(), picked().map(|p| p.year));
    view! {
        <fieldset class="field round-field">
            <legend>"轮次"</legend>
            <div class="round-picks">
                <select
                    aria-label="轮次：年份"
                    on:change=move |ev| {
                        if let Ok(y) = event_target_value(&ev).parse() {
                            set(&|p| p.year = y);
                        }
                    }
                >
                    {move || {
                        let chosen = shown().year;
                        years()
                            .into_iter()
                            .map(|y| {
                                view! {
                                    <option value=y.to_string() selected=y == chosen>
                                        {format!("{y}年")}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
                <select
                    aria-label="轮次：期间"
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        if let Some(part) = RoundPart::ALL.into_iter().find(|p| p.label() == v) {
                            set(&|p| p.part = part);
                        }
                    }
                >
                    {move || {
                        let chosen = shown().part;
                        RoundPart::ALL
                            .into_iter()
                            .map(|p| {
                                view! {
                                    <option value=p.label() selected=p == chosen>
                                        {p.label()}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
            </div>
            {move || {
                picked()
                    .is_none()
                    .then(|| {
                        let typed = round.get();
                        (!typed.is_empty())
                            .then(|| {
                                view! {
                                    <span class="hint round-typed">
                                        {format!(
                                            "原轮次“{typed}”不是标准写法，选择年份和期间后改为标准轮次。",
                                        )}
                                    </span>
                                }
                            })
                    })
            }}
        </fieldset>
    }
}
