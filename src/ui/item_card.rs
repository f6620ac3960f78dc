//! One item (考核内容): the requirement, its rule, the answer, note and evidence.

use super::clock::now_ms;
use super::save_queue::SaveQueue;
use crate::core::{item_points, Choice, Item};
use leptos::prelude::*;
use std::rc::Rc;

#[component]
pub fn ItemCard(
    number: String,
    item: &'static Item,
    choice: RwSignal<Option<Choice>>,
    queue: StoredValue<Rc<SaveQueue>, LocalStorage>,
) -> impl IntoView {
    let id: &'static str = item.id.as_str();
    let (note, evidence) = queue.with_value(|q| {
        q.read(|a| {
            a.answer(id)
                .map(|x| (x.note.clone(), x.evidence.clone()))
                .unwrap_or_default()
        })
    });
    let pick = move |c: Option<Choice>| {
        choice.set(c);
        queue.with_value(|q| q.change(|a| a.set_choice(id, c, now_ms())));
    };
    let criteria = if item.criteria.is_empty() {
        item.rule.describe(item.points)
    } else {
        format!("{}（{}）", item.criteria, item.rule.describe(item.points))
    };
    let options = Choice::ALL
        .into_iter()
        .filter(|c| item.allow_na || *c != Choice::NotApplicable)
        .map(|c| {
            view! {
                <label class="choice" class:chosen=move || choice.get() == Some(c) data-choice=c.label()>
                    <input
                        type="radio"
                        name=format!("choice-{id}")
                        prop:checked=move || choice.get() == Some(c)
                        on:change=move |_| pick(Some(c))
                    />
                    <span>{c.label()}</span>
                </label>
            }
        })
        .collect_view();

    view! {
        <article class="item" data-item=id class:answered=move || choice.get().is_some()>
            <header class="item-head">
                <span class="item-no">{number}</span>
                <h3 class="item-title">{item.title.clone()}</h3>
                <span class="item-points">{format!("{}分", item.points)}</span>
            </header>
            <p class="criteria"><span class="tag">"评分标准"</span>{criteria}</p>
            {(!item.evidence.is_empty()).then(|| view! {
                <p class="evidence-hint"><span class="tag">"佐证材料"</span>{item.evidence.clone()}</p>
            })}
            <div class="answer-row">
                <div class="choices" role="radiogroup" aria-label="评定结果">{options}</div>
                <span class="earned" data-testid="item-earned">
                    {move || match (choice.get(), item_points(item, choice.get())) {
                        (None, _) => "未作答".to_string(),
                        (_, None) => "不计入".to_string(),
                        (_, Some(p)) => format!("得{}分", p),
                    }}
                </span>
                <Show when=move || choice.get().is_some()>
                    <button class="link clear" on:click=move |_| pick(None)>"清除"</button>
                </Show>
            </div>
            <div class="texts">
                <label class="field">
                    <span>"说明"</span>
                    <textarea class="note" rows="2" placeholder="自查情况说明、存在问题"
                        prop:value=note
                        on:input=move |ev| {
                            let v = event_target_value(&ev);
                            queue.with_value(|q| q.change(|a| a.set_note(id, &v, now_ms())));
                        }
                    ></textarea>
                </label>
                <label class="field">
                    <span>"佐证材料"</span>
                    <textarea class="evidence" rows="2" placeholder="材料名称、存放位置或文号"
                        prop:value=evidence
                        on:input=move |ev| {
                            let v = event_target_value(&ev);
                            queue.with_value(|q| q.change(|a| a.set_evidence(id, &v, now_ms())));
                        }
                    ></textarea>
                </label>
            </div>
        </article>
    }
}
