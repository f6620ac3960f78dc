//! One item (考核内容): the requirement, its rule, the answer, note and evidence.
//! The answer control follows the item's rule: choices for 达标 checks,
//! ladders and vetoes; a number for deductions, free scores and bonuses.

use crate::core::assessment::answer_input::{parse_typed, parse_votes, typed_text, typed_votes};
use crate::core::template::format::Source;
use crate::core::template::sources::document_title;
use crate::core::{Assessment, Item, ItemScore, LadderStep, Points, Response, Rule};
use crate::ui::state::clock::now_ms;
use crate::ui::state::save_queue::Editing;
use crate::ui::widgets::notice::ProblemNotice;
use leptos::prelude::*;

#[component]
pub fn ItemCard(
    number: String,
    item: &'static Item,
    /// The member's response, or when reviewing (see [`Editing`]) the reviewer's.
    response: RwSignal<Option<Response>>,
) -> impl IntoView {
    let Editing { queue, reviewing } = expect_context();
    let id: &'static str = item.id.as_str();
    let problem = RwSignal::new(None::<String>);
    let answer = answering(item, response, problem);
    let method = item.rule.describe(item.points);
    // What screen readers call this item's answer and boxes: its number and title.
    let name = format!("{number} {}", item.title);
    let points_label = match item.rule {
        Rule::Veto => "一票否决".to_string(),
        Rule::Bonus { .. } => format!("加分≤{}", item.points),
        _ => format!("{}分", item.points),
    };

    view! {
        <article class="item" data-item=id class:answered=move || response.with(Option::is_some)>
            <header class="item-head">
                <span class="item-no">{number}</span>
                <h3 class="item-title">{item.title.clone()}</h3>
                <span class="item-points">{points_label}</span>
            </header>
            {(!item.criteria.is_empty())
                .then(|| {
                    view! {
                        <p class="criteria">
                            <span class="tag">"评分标准"</span>
                            {item.criteria.clone()}
                        </p>
                    }
                })}
            <p class="criteria method">
                <span class="tag">"计分方式"</span>
                {method}
            </p>
            {(!item.evidence.is_empty())
                .then(|| {
                    view! {
                        <p class="evidence-hint">
                            <span class="tag">"佐证材料"</span>
                            {item.evidence.clone()}
                        </p>
                    }
                })}
            {item
                .method
                .map(|m| {
                    view! {
                        <p class="criteria check-method">
                            <span class="tag">"考评方式"</span>
                            {m.label()}
                        </p>
                    }
                })}
            {item.source.as_ref().map(|s| view! { <SourceQuote source=s /> })}
            {reviewing
                .then(|| {
                    let saved = queue.with_value(|q| q.read(|a| a.answer(id).cloned().unwrap_or_default()));
                    view! { <MemberAnswer item=item answer=saved /> }
                })}
            <div class="answer-row">
                {reviewing.then(|| view! { <span class="tag review-tag">"审核"</span> })}
                <AnswerControl item=item name=name.clone() response=response answer=answer problem=problem />
                <span class="earned" data-testid="item-earned">
                    {move || ItemScore::of(item, response.get().as_ref()).label()}
                </span> <Show when=move || response.with(Option::is_some)>
                    <button class="link clear" on:click=move |_| answer.run(None)>
                        "清除"
                    </button>
                </Show>
            </div>
            <ItemProblem problem=problem />
            {if reviewing {
                view! {
                    <div class="texts">
                        <TextField
                            label="审核意见"
                            item_name=name.clone()
                            class="review-comment"
                            placeholder="扣分理由、需补充的材料"
                            set=move |a: &mut Assessment, v: &str| a.set_review_comment(item, v, now_ms())
                            get=move |a: &Assessment| a.review_comment(id).to_string()
                        />
                    </div>
                }
                    .into_any()
            } else {
                view! {
                    <div class="texts">
                        <TextField
                            label="说明"
                            item_name=name.clone()
                            class="note"
                            placeholder="自查情况说明、存在问题"
                            set=move |a: &mut Assessment, v: &str| a.set_note(id, v, now_ms())
                            get=move |a: &Assessment| a.note(id).to_string()
                        />
                        <TextField
                            label="佐证材料"
                            item_name=name.clone()
                            class="evidence"
                            placeholder="材料名称、存放位置或文号"
                            set=move |a: &mut Assessment, v: &str| a.set_evidence(id, v, now_ms())
                            get=move |a: &Assessment| a.evidence(id).to_string()
                        />
                    </div>
                }
                    .into_any()
            }}
        </article>
    }
}

/// Takes an answer to `item` (or clears it): it goes through core's check
/// against the rule, is stored, and shows in `response`; a refused one
/// changes nothing and says why in `problem`.
pub fn answering(
    item: &'static Item,
    response: RwSignal<Option<Response>>,
    problem: RwSignal<Option<String>>,
) -> Callback<Option<Response>> {
    let Editing { queue, reviewing } = expect_context();
    Callback::new(move |r: Option<Response>| {
        let set = |a: &mut Assessment| {
            if reviewing {
                a.set_review_response(item, r.clone(), now_ms())
            } else {
                a.set_response(item, r.clone(), now_ms())
            }
        };
        match queue.with_value(|q| q.change_now(set)) {
            Ok(()) => {
                problem.set(None);
                response.set(r);
            }
            Err(p) => problem.set(Some(p.message())),
        }
    })
}

/// The item's one message: what was typed or chosen and why it is not an answer.
#[component]
pub fn ItemProblem(problem: RwSignal<Option<String>>) -> impl IntoView {
    view! { <ProblemNotice problem=problem class="item-problem" /> }
}

/// What the member answered, shown to the reviewer as text.
#[component]
fn MemberAnswer(item: &'static Item, answer: crate::core::Answer) -> impl IntoView {
    let chosen = answer.response.as_ref().map_or("未作答".to_string(), Response::label);
    let earned = ItemScore::of(item, answer.response.as_ref()).label();
    view! {
        <div class="member-answer" data-testid="member-answer">
            <p>
                <span class="tag">"自评"</span>
                {format!("{chosen} · {earned}")}
            </p>
            {(!answer.note.is_empty())
                .then(|| {
                    view! {
                        <p>
                            <span class="tag">"说明"</span>
                            {answer.note.clone()}
                        </p>
                    }
                })}
            {(!answer.evidence.is_empty())
                .then(|| {
                    view! {
                        <p>
                            <span class="tag">"佐证材料"</span>
                            {answer.evidence.clone()}
                        </p>
                    }
                })}
        </div>
    }
}

/// 依据原文, on demand: the words of the document the item rests on and
/// where they are, or the national rule it applies.
#[component]
fn SourceQuote(source: &'static Source) -> impl IntoView {
    let cite = if source.national_rule.is_empty() {
        let doc = document_title(&source.file);
        if source.section.is_empty() {
            doc.to_string()
        } else {
            format!("{doc} · {}", source.section)
        }
    } else {
        format!("{}（国家规定，不在本应用所附文件中）", source.national_rule)
    };
    view! {
        <details class="source-quote">
            <summary>"依据原文"</summary>
            {(!source.quote.is_empty()).then(|| view! { <blockquote>{source.quote.clone()}</blockquote> })}
            <p class="cite">{cite}</p>
        </details>
    }
}

/// A note, the evidence list or a review comment: typed text, saved with the
/// debounce. When another tab changes it, the new text shows here, unless
/// this field is being typed in. `get` reads the text from the self-check,
/// for the first showing and after another tab's changes.
#[component]
pub fn TextField(
    label: &'static str,
    /// The item's number and title, so each box is named by its item.
    item_name: String,
    class: &'static str,
    placeholder: &'static str,
    set: impl Fn(&mut Assessment, &str) -> bool + 'static,
    get: impl Fn(&Assessment) -> String + 'static,
) -> impl IntoView {
    let Editing { queue, .. } = expect_context();
    let initial = queue.with_value(|q| q.read(&get));
    let field = NodeRef::<leptos::html::Textarea>::new();
    let outside = queue.with_value(|q| q.outside);
    Effect::new(move |first: Option<()>| {
        outside.track();
        if first.is_none() {
            return;
        }
        let Some(el) = field.get_untracked() else { return };
        let focused = document().active_element().is_some_and(|a| a == **el);
        let now = queue.with_value(|q| q.read(&get));
        if !focused && el.value() != now {
            el.set_value(&now);
        }
    });
    view! {
        <label class="field">
            <span>{label}</span>
            <textarea
                aria-label=format!("{label}：{item_name}")
                class=class
                rows="2"
                placeholder=placeholder
                node_ref=field
                prop:value=initial
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    queue.with_value(|q| q.change(|a| set(a, &v)));
                }
            ></textarea>
        </label>
    }
}

/// The input that fits the item's rule.
#[component]
pub fn AnswerControl(
    item: &'static Item,
    /// The item's number and title, naming its radio group.
    name: String,
    response: RwSignal<Option<Response>>,
    answer: Callback<Option<Response>>,
    /// The item's one message: what was typed or chosen and why it is not an answer.
    problem: RwSignal<Option<String>>,
) -> impl IntoView {
    let mut options: Vec<Response> = match &item.rule {
        Rule::Check { .. } => Response::CHECK_LEVELS.to_vec(),
        Rule::Ladder { steps } => steps.iter().map(|s| Response::Step(s.name.clone())).collect(),
        Rule::Veto => vec![Response::Veto(false), Response::Veto(true)],
        Rule::Deduction { .. } | Rule::Free { .. } | Rule::Bonus { .. } | Rule::Poll { .. } => Vec::new(),
    };
    let numeric = options.is_empty() && !matches!(item.rule, Rule::Poll { .. });
    // 不适用 has no meaning for a bonus: no award is 0 points.
    if item.allow_na && !matches!(item.rule, Rule::Bonus { .. }) {
        options.push(Response::NotApplicable);
    }
    let choices = options
        .into_iter()
        .map(|r| {
            let label = match (&item.rule, &r) {
                (Rule::Ladder { steps }, Response::Step(name)) => {
                    let p = steps
                        .iter()
                        .find(|s| &s.name == name)
                        .map_or(Points::ZERO, |s| s.points);
                    format!("{name}（{p}分）")
                }
                _ => r.label(),
            };
            let is_this = {
                let r = r.clone();
                move || response.with(|cur| cur.as_ref() == Some(&r))
            };
            let is_this2 = is_this.clone();
            let is_veto = matches!(r, Response::Veto(true));
            view! {
                <label class="choice" class:chosen=is_this.clone() class:veto=is_veto>
                    <input
                        type="radio"
                        name=format!("choice-{}", item.id)
                        prop:checked=is_this2
                        on:change=move |_| answer.run(Some(r.clone()))
                    />
                    <span>{label}</span>
                </label>
            }
        })
        .collect_view();

    view! {
        <div class="choices" role="radiogroup" aria-label=format!("{name}：评定结果")>
            {numeric.then(|| view! { <NumberInput item=item response=response answer=answer problem=problem /> })}
            {match &item.rule {
                Rule::Poll { steps } => {
                    Some(view! { <VoteInputs steps=steps response=response answer=answer problem=problem /> })
                }
                _ => None,
            }}
            {choices}
        </div>
    }
}

/// 民主测评: the votes for each step and the blank ballots, one box each.
/// The boxes follow the stored answer; what was typed stays while it is refused.
#[component]
fn VoteInputs(
    steps: &'static [LadderStep],
    response: RwSignal<Option<Response>>,
    answer: Callback<Option<Response>>,
    problem: RwSignal<Option<String>>,
) -> impl IntoView {
    let counts: Vec<RwSignal<String>> = steps.iter().map(|_| RwSignal::new(String::new())).collect();
    let blank = RwSignal::new(String::new());
    let boxes = counts.clone();
    Effect::new(move |_| {
        let (typed, typed_blank) = response.with(|r| typed_votes(steps, r.as_ref()));
        for (sig, text) in boxes.iter().zip(typed) {
            sig.set(text);
        }
        blank.set(typed_blank);
    });
    let all = counts.clone();
    let submit = move || {
        let texts: Vec<String> = all.iter().map(|s| s.get_untracked()).collect();
        match parse_votes(steps, &texts, &blank.get_untracked()) {
            // The answer's own check then sets or clears the message.
            Ok(r) => answer.run(r),
            Err(p) => problem.set(Some(p.message().to_string())),
        }
    };
    let disabled = move || response.with(|r| r == &Some(Response::NotApplicable));
    let vote_box = move |label: String, aria: String, sig: RwSignal<String>| {
        let submit = submit.clone();
        view! {
            <label class="number-answer vote">
                <span>{label}</span>
                <input
                    type="text"
                    inputmode="numeric"
                    aria-label=aria
                    size="3"
                    prop:value=move || sig.get()
                    prop:disabled=disabled
                    on:change=move |ev| {
                        sig.set(event_target_value(&ev));
                        submit();
                    }
                />
                <span>"票"</span>
            </label>
        }
    };
    let step_boxes = steps
        .iter()
        .zip(counts)
        .map(|(s, sig)| {
            vote_box(
                format!("{}（{}分）", s.name, s.points),
                format!("{}（票）", s.name),
                sig,
            )
        })
        .collect_view();
    view! {
        <fieldset class="votes">
            <legend>"民主测评票数"</legend>
            {step_boxes}
            {vote_box("弃权或空白".into(), "弃权或空白（票）".into(), blank)}
        </fieldset>
    }
}

/// A count (deductions) or a score (free, bonus), typed as a number.
#[component]
fn NumberInput(
    item: &'static Item,
    response: RwSignal<Option<Response>>,
    answer: Callback<Option<Response>>,
    problem: RwSignal<Option<String>>,
) -> impl IntoView {
    let (label, unit) = match &item.rule {
        Rule::Deduction { .. } => ("发生次数", "次"),
        Rule::Free { .. } => ("评分", "分"),
        _ => ("加分", "分"),
    };
    view! {
        <label class="number-answer">
            <span>{label}</span>
            <input
                type="text"
                inputmode="decimal"
                aria-label=format!("{label}（{unit}）")
                size="5"
                prop:value=move || response.with(|r| typed_text(r.as_ref()))
                prop:disabled=move || response.with(|r| r == &Some(Response::NotApplicable))
                on:change=move |ev| match parse_typed(&item.rule, &event_target_value(&ev)) {
                    Ok(r) => answer.run(r),
                    Err(p) => problem.set(Some(p.message().to_string())),
                }
            />
            <span>{unit}</span>
        </label>
    }
}
