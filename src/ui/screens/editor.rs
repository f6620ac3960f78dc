//! 填写自查: one self-check, section by section, with live scores.

use crate::core::basics::numbering::{item_number, section_heading};
use crate::core::{Assessment, Item, ItemScore, Response, Scorecard, SectionScore, Template};
use crate::store::{self, Loaded};
use crate::ui::state::clock::{after_paint, format_time, now_ms};
use crate::ui::state::kept::KeptCopies;
use crate::ui::state::library::use_library;
use crate::ui::state::route::Route;
use crate::ui::state::save_queue::{Editing, SaveQueues, SaveStatus};
use crate::ui::widgets::elder_steps::ElderSteps;
use crate::ui::widgets::elder_toggle::ElderToggle;
use crate::ui::widgets::item_card::ItemCard;
use crate::ui::widgets::particulars::Particulars;
use crate::ui::widgets::section_nav::SectionNav;
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

/// Why a stored self-check cannot be shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CannotOpen {
    /// Missing, unreadable, or storage refused: said in Chinese.
    Problem(String),
    /// The template version it was made with is not here (never another in its place).
    MissingVersion { id: String, why: String },
}

/// A stored self-check as it opens: the exact template version it was made
/// with, and the answers no rule of it can take, left out (see `core::assessment::answer_check`).
pub struct Opened {
    pub assessment: Assessment,
    pub template: &'static Template,
    /// Opened from a copy kept aside (newer than the stored one): to be written.
    pub from_kept_copy: bool,
    /// Each answer left out, by item, in Chinese.
    pub set_aside: Vec<String>,
    /// Whether the record as found was copied to the quarantine first.
    pub copy_kept: bool,
}

/// A stored self-check and the exact template version it was made with, or
/// why it cannot be shown. A copy kept aside when localStorage was full
/// (`kept`) is what opens when it is newer than the stored one, or when
/// nothing is stored.
pub fn open_assessment(id: &str, kept: KeptCopies) -> Result<Opened, CannotOpen> {
    let problem = |msg: String| CannotOpen::Problem(msg);
    let kept_copy = kept
        .copy_of(id)
        .and_then(|text| crate::core::exchange::record::decode_assessment_under(id, &text).ok());
    let stored = match store::load_assessment(id) {
        Err(e) => return Err(problem(e.to_string())),
        Ok(Loaded::Bad(b)) => {
            return Err(problem(format!(
                "这份自查无法打开：{}。原始内容已原样保留在本机（{}），没有被修改。",
                b.error, b.key
            )))
        }
        Ok(Loaded::Found(a)) => Some(a),
        Ok(Loaded::Missing) => None,
    };
    let (a, from_kept_copy) = match (stored, kept_copy) {
        (stored, Some(k)) if k.is_newer_than(stored.as_ref()) => (k, true),
        (Some(s), _) => (s, false),
        (None, _) => return Err(problem("没有找到这份自查，可能已被删除。".into())),
    };
    let library = use_library();
    match library.find(&a.template_id, a.template_version) {
        None => Err(CannotOpen::MissingVersion {
            id: a.id.clone(),
            why: library.missing_version(&a.template_id, a.template_version),
        }),
        Some(t) => Ok(Opened {
            from_kept_copy,
            ..without_bad_answers(id, a, t)
        }),
    }
}

/// Opens `a` without the answers `t` cannot take, first keeping the record
/// as found in the quarantine, so nothing is lost when it is next saved.
fn without_bad_answers(id: &str, a: Assessment, t: &'static Template) -> Opened {
    let problems = crate::core::assessment::answer_check::answer_problems(t, &a);
    if problems.is_empty() {
        return Opened {
            assessment: a,
            template: t,
            from_kept_copy: false,
            set_aside: Vec::new(),
            copy_kept: false,
        };
    }
    let copy_kept = store::load_assessment_raw(id).is_some_and(|raw| store::set_aside(id, &raw, now_ms()).is_ok());
    Opened {
        assessment: a.without_bad_answers(t),
        template: t,
        from_kept_copy: false,
        set_aside: problems.iter().map(ToString::to_string).collect(),
        copy_kept,
    }
}

/// Which answers were left out when a self-check opened, and where the record as found is.
pub fn set_aside_notice(opened: &Opened) -> Option<AnyView> {
    if opened.set_aside.is_empty() {
        return None;
    }
    let where_kept = if opened.copy_kept {
        "原始记录已原样另存在本机，可在首页“无法读取的记录”中下载。"
    } else {
        "原始记录未能另存（存储空间不足），修改前请先在首页备份，以免丢失这些答案。"
    };
    let items = opened.set_aside.clone();
    Some(
        view! {
            <section class="notice warn set-aside" role="alert">
                <p>
                    {format!(
                        "以下 {} 个答案不符合评分规则，没有采用，请重新作答：",
                        items.len(),
                    )}
                </p>
                <ul>{items.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                <p>{where_kept}</p>
            </section>
        }
        .into_any(),
    )
}

/// A message in place of a screen that cannot be shown.
pub fn problem_panel(msg: String) -> AnyView {
    view! {
        <section class="panel notice error" role="alert">
            <p>{msg}</p>
            <p>
                <a href="#/">"返回首页"</a>
            </p>
        </section>
    }
    .into_any()
}

/// In place of a screen that cannot be shown: why, and for a missing
/// template version, the import right here and the raw record to download.
pub fn cannot_open_panel(e: CannotOpen) -> AnyView {
    let (id, why) = match e {
        CannotOpen::Problem(msg) => return problem_panel(msg),
        CannotOpen::MissingVersion { id, why } => (id, why),
    };
    let failed = RwSignal::new(None::<String>);
    let download = move |_| {
        let raw = store::load_assessment_raw(&id).unwrap_or_default();
        let name = crate::files::safe_file_name(&format!("自查原始记录-{id}.json"));
        failed.set(
            crate::files::download(&name, crate::files::Form::Json.mime(), &raw)
                .err()
                .map(|e| e.0),
        );
    };
    view! {
        <section class="panel notice error missing-version" role="alert">
            <p>{why}</p>
            <p>
                <button on:click=download>"下载原始记录"</button>
                " "
                <a href="#/">"返回首页"</a>
            </p>
            {move || failed.get().map(|e| view! { <p class="error">{e}</p> })}
        </section>
        <crate::ui::widgets::template_import::TemplateImport />
    }
    .into_any()
}

#[component]
pub fn Editor(id: String, section: usize, #[prop(optional)] reviewing: bool) -> impl IntoView {
    // Opened again when a checklist is imported (the library is read inside),
    // so importing the missing version opens it.
    move || match open_assessment(&id, expect_context()) {
        Err(e) => cannot_open_panel(e),
        Ok(o) => {
            let notice = set_aside_notice(&o);
            // A member's file taken in to review opens for review, whatever the address says.
            let reviewing = reviewing || o.assessment.is_received();
            view! {
                {notice}
                <CheckForm
                    template=o.template
                    assessment=o.assessment
                    section=section
                    reviewing=reviewing
                    write_now=o.from_kept_copy
                />
            }
            .into_any()
        }
    }
}

/// How many of a part's items are built with it: more than a screen holds.
/// The rest of a longer part are built once the first have been painted, so
/// a part of hundreds of items can be answered at once.
const FIRST_SCREENFUL: usize = 6;

/// Per-item response signals, shared by the score memo and the item cards.
pub type Responses = Arc<HashMap<String, RwSignal<Option<Response>>>>;

#[component]
fn CheckForm(
    template: &'static Template,
    assessment: Assessment,
    section: usize,
    reviewing: bool,
    /// Opened from a copy kept aside: store it as soon as the form is up.
    write_now: bool,
) -> impl IntoView {
    let t = template;
    // When reviewing, the signals hold the reviewer's responses; the member's stay as saved.
    let shown = move |a: &Assessment, id: &str| {
        if reviewing {
            a.review_response(id).cloned()
        } else {
            a.response(id).cloned()
        }
    };
    let responses: Responses = Arc::new(
        t.items()
            .map(|i| (i.id.clone(), RwSignal::new(shown(&assessment, &i.id))))
            .collect(),
    );
    let own_total = reviewing.then(|| {
        let c = Scorecard::of_self(t, &assessment);
        format!("{} 分 · {}", c.total, c.grade_shown())
    });
    let particulars = RwSignal::new((assessment.respondent.clone(), assessment.round.clone()));
    let received = assessment.is_received().then(|| assessment.respondent.name.clone());
    let is_received = received.is_some();
    let assessment_id = assessment.id.clone();
    let queue = expect_context::<SaveQueues>().editing(assessment, reviewing).queue;
    if write_now {
        queue.with_value(|q| q.write_now());
    }

    // One memo per section reading only its own items' signals, and the
    // total from the section memos: an answer recomputes its section and the
    // total, never the whole checklist.
    let section_scores: Vec<Memo<SectionScore>> = t
        .sections
        .iter()
        .map(|section| {
            let responses = responses.clone();
            Memo::new(move |_| SectionScore::of(section, |id| responses.get(id).and_then(|s| s.get())))
        })
        .collect();
    let card = {
        let sections = section_scores.clone();
        Memo::new(move |_| Scorecard::from_sections(t, sections.iter().map(|m| m.get()).collect()))
    };
    let last = t.sections.len() - 1;
    let current = RwSignal::new(section.min(last));
    let id_for_url = assessment_id.clone();
    // Keep the section in the address so a reload reopens it.
    Effect::new(move |_| {
        let (id, section) = (id_for_url.clone(), current.get());
        if reviewing {
            Route::Review { id, section }.replace()
        } else {
            Route::Check { id, section }.replace()
        }
    });

    // The part whose every item is built: a long part shows its first
    // screenful at once and the rest after that has been painted.
    let whole_part = RwSignal::new(None::<usize>);
    let go_section = move |i: usize| {
        current.set(i);
        window().scroll_to_with_x_and_y(0.0, 0.0);
    };
    // ← 上一部分 / 下一部分 →: the part starts at its heading, which takes the
    // focus, with its first question in view.
    let step_to = move |i: usize| {
        go_section(i);
        request_animation_frame(show_section_start);
    };

    // 下一未答项: the first item still to answer in this part, else in the
    // parts after it, else from the start; the part opens and the item's
    // first control takes the focus (the browser scrolls it into view).
    let next_open = {
        let responses = responses.clone();
        move |_| {
            let open = open_items(t, &responses);
            let here = current.get_untracked();
            // In this part first, then the parts after it, then from the start.
            let Some(&(si, _, item)) = open.iter().find(|(si, ..)| *si >= here).or(open.first()) else {
                return;
            };
            if si != here {
                go_section(si);
            }
            // The item may be past the first screenful of its part: build it all now.
            whole_part.set(Some(si));
            request_animation_frame(move || focus_item(&item.id));
        }
    };

    // 完成: leaving with items unanswered lists them first (the answers are
    // saved either way); with none left it goes home at once.
    let unanswered = RwSignal::new(None::<Vec<String>>);
    let finish = {
        let responses = responses.clone();
        Callback::new(move |()| {
            let left: Vec<String> = open_items(t, &responses)
                .into_iter()
                .map(|(si, ii, i)| format!("{} {}", item_number(si, ii), i.title))
                .collect();
            if left.is_empty() {
                Route::Home.go();
            } else {
                unanswered.set(Some(left));
            }
        })
    };

    // The answer signals follow the stored copy when it changes under them
    // (审核 confirmations, another tab's edits); only changed items update.
    let refresh = {
        let responses = responses.clone();
        move || {
            queue.with_value(|q| {
                q.read(|a| {
                    for (id, signal) in responses.iter() {
                        let r = shown(a, id);
                        if signal.with_untracked(|cur| cur != &r) {
                            signal.set(r);
                        }
                    }
                })
            })
        }
    };
    let outside = queue.with_value(|q| q.outside);
    Effect::new({
        let refresh = refresh.clone();
        move |_| {
            outside.track();
            refresh();
        }
    });
    // 审核: accept the member's answer for every item not yet reviewed, then adjust where needed.
    let confirm_rest = move |_| {
        let confirmed = queue.with_value(|q| q.change_now(|a| Ok::<bool, ()>(a.confirm_unreviewed(now_ms()) > 0)));
        if confirmed.is_ok() {
            refresh();
        }
    };

    let role = crate::ui::state::role::use_role();
    let elder = crate::ui::state::elder::use_elder_mode();
    // Read by the parts' view, built again when 长辈模式 is switched off.
    let part_scores = StoredValue::new(section_scores.clone());
    let part_responses = StoredValue::new(responses.clone());
    let bar_label = if reviewing { "审核分" } else { "总分" };

    view! {
        <div class="editor">
            <section class="panel sheet-head">
                <div class="sheet-title">
                    <a class="back" href="#/" on:click=move |_| Route::Home.go()>
                        "← 首页"
                    </a>
                    <h1>{if reviewing { format!("审核：{}", t.title) } else { t.title.clone() }}</h1>
                    <p class="who">
                        {move || particulars.with(|(who, _)| who.line())} " · "
                        <span class="round">{move || particulars.with(|(_, round)| round.clone())}</span>
                    </p>
                    {(!reviewing)
                        .then(|| {
                            view! {
                                <Particulars shown=particulars />
                                <ElderToggle />
                            }
                        })}
                </div>
                {received
                    .clone()
                    .map(|name| {
                        view! {
                            <p class="notice received-note" data-testid="received-note">
                                {format!(
                                    "这是{name}提交的结果文件：只能审核，不能修改其自评。审核后请在“汇总”页导出审核后的文件。",
                                )}
                            </p>
                        }
                    })}
                {own_total
                    .map(|own| {
                        view! { <p class="own-line">"自评分：" <strong data-testid="own-total">{own}</strong></p> }
                    })}
                {move || {
                    card.with(|c| {
                        (c.bonus > crate::core::Points::ZERO)
                            .then(|| {
                                view! {
                                    <p class="bonus-line" data-testid="bonus">
                                        {format!("基础分 {} + 加分 {} = 总分 {}", c.base, c.bonus, c.total)}
                                    </p>
                                }
                            })
                    })
                }}
                {move || {
                    card.with(|c| {
                        c.veto_notice()
                            .map(|notice| {
                                view! {
                                    <p class="veto-line" role="alert" data-testid="veto">
                                        {notice}
                                    </p>
                                }
                            })
                    })
                }}
                <p class="sheet-links">
                    <a
                        class="button"
                        href=Route::Summary {
                            id: assessment_id.clone(),
                        }
                            .to_hash()
                    >
                        "汇总 · 整改清单 · 打印"
                    </a>
                    {if reviewing {
                        view! {
                            <button on:click=confirm_rest>"未审核的项目按自评确认"</button>
                            {(!is_received)
                                .then(|| {
                                    view! {
                                        <a
                                            class="button"
                                            href=Route::Check {
                                                id: assessment_id.clone(),
                                                section: 0,
                                            }
                                                .to_hash()
                                        >
                                            "回到自评"
                                        </a>
                                    }
                                })}
                        }
                            .into_any()
                    } else {
                        let review_href = Route::Review {
                            id: assessment_id.clone(),
                            section: 0,
                        }
                            .to_hash();
                        // Review is a secretary's: a member is not offered it.
                        view! {
                            <Show when=move || role.reviews()>
                                <a class="button" href=review_href.clone()>
                                    "审核（支部书记）"
                                </a>
                            </Show>
                        }
                            .into_any()
                    }}
                </p>
                <p class="score-note">
                    {move || {
                        card.with(|c| {
                            let (done, open) = if reviewing {
                                ("已全部审核", "未审核")
                            } else {
                                ("已全部作答", "未作答")
                            };
                            if c.is_complete() {
                                format!("{done}。不适用项不计入满分，总分按满分折算。")
                            } else {
                                format!(
                                    "尚有 {} 项{open}（按0分计）。不适用项不计入满分，总分按满分折算。",
                                    c.items - c.answered,
                                )
                            }
                        })
                    }} // 长辈模式 goes item by item on its own.
                    <Show when=move || card.with(|c| c.open > 0) && (reviewing || !elder.get())>
                        <button type="button" class="link next-open" on:click=next_open.clone()>
                            {if reviewing { "下一未审核项" } else { "下一未答项" }}
                        </button>
                    </Show>
                </p>
            </section>
            // The one line that stays in view while answering: 总分 · 等次 · 进度 · 保存状态.
            <div class="score-bar" role="group" aria-label="得分">
                // Read out as it changes, as one line.
                <span class="bar-scores" aria-live="polite" aria-atomic="true">
                    <span class="bar-part">
                        {bar_label}" " <strong class="total-score" data-testid="total">
                            {move || card.with(|c| c.total.to_string())}
                        </strong> <span class="of">{format!("/{}", t.total)}</span>
                    </span>
                    <span class="bar-part">
                        "等次 " <strong class="grade" data-testid="grade">
                            {move || card.with(|c| c.grade_shown().to_string())}
                        </strong>
                    </span>
                    <span class="bar-part">
                        "进度 " <strong class="progress" data-testid="progress">
                            {move || card.with(|c| format!("{}/{}", c.answered, c.items))}
                        </strong>
                    </span>
                </span>
                <SaveBadge />
            </div>
            <SaveProblem template=t />
            // 长辈模式: one item a screen, on the same answers (a reviewer
            // always sees the parts).
            <Show when=move || elder.get() && !reviewing>
                <ElderSteps template=t responses=responses.clone() id=assessment_id.clone() current=current />
            </Show>
            <Show when=move || !elder.get() || reviewing>
                <SectionNav template=t scores=section_scores.clone() current=current />
                // Keyed by section: a new section gets fresh DOM. Patching the
                // previous section's elements in place left restored answers
                // unchecked after a reload (caught by the end-to-end spec).
                <For each=move || [current.get()] key=|si| *si let:si>
                    {
                        let section = &t.sections[si];
                        let score = part_scores.with_value(|s| s[si]);
                        let responses = part_responses.with_value(Arc::clone);
                        let card = move |ii: usize, item: &'static Item| {
                            view! { <ItemCard number=item_number(si, ii) item=item response=responses[&item.id] /> }
                        };
                        let card_later = card.clone();
                        let (first, rest) = section.items.split_at(section.items.len().min(FIRST_SCREENFUL));
                        if !rest.is_empty() && whole_part.get_untracked() != Some(si) {
                            leptos::task::spawn_local(async move {
                                after_paint().await;
                                whole_part.try_set(Some(si));
                            });
                        }
                        let rest_built = move || whole_part.get() == Some(si);
                        let rest = rest.iter().enumerate().map(move |(ii, item)| (first.len() + ii, item));
                        let rest = move || rest.clone().map(|(ii, item)| card_later(ii, item)).collect_view();
                        view! {
                            <section class="panel section" data-section=section.id.clone()>
                                <header class="section-head">
                                    <h2>{section_heading(si, &section.title)}</h2>
                                    <span class="section-sub" data-testid="section-subtotal">
                                        {move || {
                                            score
                                                .with(|s| {
                                                    format!(
                                                        "已答 {}/{} · 小计 {} / {} 分",
                                                        s.answered,
                                                        s.items,
                                                        s.earned,
                                                        s.applicable,
                                                    )
                                                })
                                        }}
                                    </span>
                                </header>
                                {first.iter().enumerate().map(|(ii, item)| card(ii, item)).collect_view()}
                                <Show when=rest_built>{rest.clone()}</Show>
                                <nav class="section-steps">
                                    <button disabled=si == 0 on:click=move |_| step_to(si.saturating_sub(1))>
                                        "← 上一部分"
                                    </button>
                                    {if si < last {
                                        view! {
                                            <button class="primary" on:click=move |_| step_to(si + 1)>
                                                "下一部分 →"
                                            </button>
                                        }
                                            .into_any()
                                    } else {
                                        view! {
                                            <button class="primary" on:click=move |_| finish.run(())>
                                                "完成，返回首页"
                                            </button>
                                        }
                                            .into_any()
                                    }}
                                </nav>
                                {move || {
                                    unanswered
                                        .get()
                                        .map(|left| {
                                            view! {
                                                <div class="notice finish-check" role="alert" data-testid="still-open">
                                                    <p>
                                                        {format!(
                                                            "还有 {} 项未作答（按0分计）：",
                                                            left.len(),
                                                        )}
                                                    </p>
                                                    <ul>
                                                        {left
                                                            .into_iter()
                                                            .map(|l| view! { <li>{l}</li> })
                                                            .collect_view()}
                                                    </ul>
                                                    <button class="primary" on:click=move |_| Route::Home.go()>
                                                        "仍然返回首页"
                                                    </button>
                                                    <button on:click=move |_| {
                                                        unanswered.set(None)
                                                    }>"继续填写"</button>
                                                </div>
                                            }
                                        })
                                }}
                            </section>
                        }
                    }
                </For>
            </Show>
        </div>
    }
}

/// Whether the self-check is stored, in a few words for the score bar;
/// what went wrong, and what to do, is [`SaveProblem`]'s.
#[component]
pub fn SaveBadge() -> impl IntoView {
    let Editing { queue, .. } = expect_context();
    let status = queue.with_value(|q| q.status);
    view! {
        <span class="save-badge" data-testid="save-status" role="status">
            {move || match status.get() {
                SaveStatus::Saved(None) => view! { <span class="ok">"已保存在本机"</span> }.into_any(),
                SaveStatus::Saved(Some(at)) => {
                    view! {
                        <span class="ok">"已保存" <span class="at">{format!(" {}", format_time(at))}</span></span>
                    }
                        .into_any()
                }
                SaveStatus::Pending => view! { <span class="pending">"正在保存…"</span> }.into_any(),
                SaveStatus::Failed(_) => view! { <span class="fail">"未能保存"</span> }.into_any(),
            }}
        </span>
    }
}

/// When a write fails (a full quota, say): why, and what to do. The answers
/// stay on screen, the last good stored copy is untouched, and the user can
/// try again or take the self-check away as a file.
#[component]
pub fn SaveProblem(template: &'static Template) -> impl IntoView {
    let Editing { queue, .. } = expect_context();
    let status = queue.with_value(|q| q.status);
    let kept_aside = queue.with_value(|q| q.kept_aside);
    let export_failed = RwSignal::new(None::<String>);
    let export = move |_| {
        let result = queue.with_value(|q| q.export_result(template));
        export_failed.set(result.err().map(|e| e.0));
    };
    move || {
        let SaveStatus::Failed(e) = status.get() else {
            return None;
        };
        Some(view! {
            <div class="notice error save-problem no-print" role="alert" data-testid="save-problem">
                <p>{e.to_string()}</p>
                <p class="fail-actions">
                    <button on:click=move |_| queue.with_value(|q| q.flush())>"重试保存"</button>
                    <button on:click=export>"导出结果文件"</button>
                </p>
                {move || {
                    kept_aside
                        .get()
                        .map(|kept| {
                            view! {
                                <p class="fail-note" data-testid="kept-aside">
                                    {match kept {
                                        Ok(()) => {
                                            "这些修改已暂存在浏览器的备用存储（IndexedDB）中，\
                                                离开本页也不会丢失；腾出空间后会写回本地存储。"
                                                .to_string()
                                        }
                                        Err(e) => format!("{e}，请立即导出结果文件保存。"),
                                    }}
                                </p>
                            }
                        })
                }}
                {move || export_failed.get().map(|m| view! { <p class="fail-note">{m}</p> })}
            </div>
        })
    }
}

/// The items still to answer (as `SectionScore::open` counts them), in the
/// checklist's order, with their part's and their own place.
fn open_items(t: &'static Template, responses: &Responses) -> Vec<(usize, usize, &'static Item)> {
    t.sections
        .iter()
        .enumerate()
        .flat_map(|(si, s)| s.items.iter().enumerate().map(move |(ii, i)| (si, ii, i)))
        .filter(|(_, _, i)| {
            i.rule.must_be_answered()
                && responses[&i.id].with_untracked(|r| ItemScore::of(i, r.as_ref()) == ItemScore::Unanswered)
        })
        .collect()
}

/// Puts the focus on the first control of the item with `id` on screen.
fn focus_item(id: &str) {
    use wasm_bindgen::JsCast;
    let Ok(items) = document().query_selector_all(".section .item") else {
        return;
    };
    let card = (0..items.length())
        .filter_map(|i| items.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
        .find(|e| e.get_attribute("data-item").as_deref() == Some(id));
    let control = card
        .and_then(|c| c.query_selector("input, textarea").ok().flatten())
        .and_then(|c| c.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(control) = control {
        let _ = control.focus();
    }
}

/// Scrolls the open part's heading to the top of the window (below the
/// stuck score bar: the page's `scroll-padding-top` keeps that clear) and
/// puts the focus on it.
fn show_section_start() {
    use wasm_bindgen::JsCast;
    let Some(heading) = document()
        .query_selector(".section .section-head h2")
        .ok()
        .flatten()
        .and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    heading.scroll_into_view();
    let _ = heading.set_attribute("tabindex", "-1");
    let _ = heading.focus();
}
