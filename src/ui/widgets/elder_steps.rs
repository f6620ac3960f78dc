//! 长辈模式's self-check: one item a screen, in large type. The item, its
//! 评分标准 in plain words and its answers as big buttons (see
//! `core::assessment::choices`), 读给我听, an optional 说明, and big
//! 上一项 / 下一项 with where the member is (第 5 项，共 17 项). The answers
//! are the same signals and the same save queue as the normal view's, so
//! switching between the two loses nothing.

use crate::core::assessment::choices::{choices, Choice};
use crate::core::assessment::spoken;
use crate::core::assessment::steps::{first_step, steps};
use crate::core::basics::numbering::{item_number, section_heading};
use crate::core::{Assessment, Item, ItemScore, Response, Template};
use crate::ui::screens::editor::Responses;
use crate::ui::state::clock::now_ms;
use crate::ui::state::route::Route;
use crate::ui::widgets::item_card::{answering, AnswerControl, ItemProblem, TextField};
use crate::ui::widgets::read_aloud::ReadAloud;
use leptos::prelude::*;

#[component]
pub fn ElderSteps(
    template: &'static Template,
    responses: Responses,
    /// The self-check's id, for the summary at the end.
    id: String,
    /// The part on screen, kept in the address by the editor; the steps
    /// start at the first item from it on still open (see
    /// `core::assessment::steps::first_step`) and set it as they move.
    current: RwSignal<usize>,
) -> impl IntoView {
    let items = steps(template);
    let total = items.len();
    let answered = |id: &str| responses.get(id).is_some_and(|r| r.with_untracked(Option::is_some));
    let place = RwSignal::new(first_step(&items, current.get_untracked(), answered));
    let items = StoredValue::new(items);
    let go = move |to: usize| {
        place.set(to);
        current.set(items.with_value(|i| i[to].0));
        // The new item starts at the top, its title taking the focus (a screen reader reads it).
        request_animation_frame(|| {
            window().scroll_to_with_x_and_y(0.0, 0.0);
            if let Some(h) = document().get_element_by_id("elder-item-title") {
                if let Ok(h) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(h) {
                    let _ = h.focus();
                }
            }
        });
    };
    let summary = Route::Summary { id }.to_hash();
    view! {
        <div class="elder-steps" data-testid="elder-steps">
            {move || {
                let p = place.get();
                let (si, ii, item) = items.with_value(|i| i[p]);
                view! {
                    <ElderItem
                        item=item
                        response=responses[&item.id]
                        number=item_number(si, ii)
                        part=section_heading(si, &template.sections[si].title)
                        place=p + 1
                        total=total
                    />
                }
            }}
            <nav class="elder-nav" aria-label="逐项填写">
                <button
                    type="button"
                    class="elder-prev"
                    disabled=move || place.get() == 0
                    on:click=move |_| go(place.get_untracked().saturating_sub(1))
                >
                    "← 上一项"
                </button>
                <Show
                    when=move || place.get() + 1 < total
                    fallback={
                        let summary = summary.clone();
                        move || {
                            view! {
                                <a class="button primary elder-next" href=summary.clone()>
                                    "完成，查看得分 →"
                                </a>
                            }
                        }
                    }
                >
                    <button type="button" class="primary elder-next" on:click=move |_| go(place.get_untracked() + 1)>
                        "下一项 →"
                    </button>
                </Show>
            </nav>
        </div>
    }
}

/// One item, as 长辈模式 shows it.
#[component]
fn ElderItem(
    item: &'static Item,
    response: RwSignal<Option<Response>>,
    number: String,
    part: String,
    /// Its place among all the items, from 1, and how many there are.
    place: usize,
    total: usize,
) -> impl IntoView {
    let problem = RwSignal::new(None::<String>);
    let answer = answering(item, response, problem);
    let offered = choices(item);
    let criteria = spoken::criteria(item);
    let scoring = item.rule.describe(item.points);
    let name = format!("{number} {}", item.title);
    let heard = {
        let part = part.clone();
        Callback::new(move |()| spoken::read_aloud(place, total, &part, item, response.get_untracked().as_ref()))
    };
    let buttons = match offered {
        Some(list) => view! {
            <div class="elder-choices" role="radiogroup" aria-labelledby="elder-item-title">
                {list
                    .into_iter()
                    .map(|Choice { label, response: r }| {
                        let chosen = {
                            let r = r.clone();
                            move || response.with(|cur| cur.as_ref() == Some(&r))
                        };
                        let checked = chosen.clone();
                        let shown = chosen.clone();
                        view! {
                            <label class="elder-choice" class:chosen=chosen>
                                <input
                                    type="radio"
                                    name=format!("elder-{}", item.id)
                                    prop:checked=checked
                                    on:change=move |_| answer.run(Some(r.clone()))
                                />
                                // Chosen is said in words and a mark, not in colour alone.
                                <span class="mark" aria-hidden="true">
                                    {move || if shown() { "✓" } else { "" }}
                                </span>
                                <span>{label}</span>
                            </label>
                        }
                    })
                    .collect_view()}
            </div>
        }
        .into_any(),
        None => view! {
            <div class="elder-typed">
                <AnswerControl item=item name=name.clone() response=response answer=answer problem=problem />
            </div>
        }
        .into_any(),
    };
    view! {
        <section class="panel elder-item" data-item=item.id.clone()>
            <p class="elder-progress" data-testid="elder-progress">
                {format!("第 {place} 项，共 {total} 项")}
            </p>
            <p class="elder-part">{part}</p>
            <h2 id="elder-item-title" class="elder-title" tabindex="-1">
                {name.clone()}
            </h2>
            <div class="elder-criteria">
                <p>
                    <strong>"评分标准："</strong>
                    {criteria}
                </p>
                <p>
                    <strong>"怎么计分："</strong>
                    {scoring}
                </p>
            </div>
            <ReadAloud text=heard />
            {buttons}
            <p class="elder-earned" data-testid="elder-earned">
                {move || match response.get() {
                    None => "还没有选择".to_string(),
                    Some(r) => format!("已选：{}，{}", r.label(), ItemScore::of(item, Some(&r)).label()),
                }}
            </p>
            <ItemProblem problem=problem />
            <details class="elder-note">
                <summary>"写说明（可以不写）"</summary>
                <TextField
                    label="说明"
                    item_name=name
                    class="note"
                    placeholder="想说明的情况，可以不写"
                    set=move |a: &mut Assessment, v: &str| a.set_note(&item.id, v, now_ms())
                    get=move |a: &Assessment| a.note(&item.id).to_string()
                />
            </details>
        </section>
    }
}
