//! 汇总: one self-check on a page — section scores (self and review), the
//! radar chart, every item, the 整改清单 the user fills in, and signature
//! lines. The same page is what prints on A4.

use crate::core::assessment::action::Action;
use crate::core::assessment::round::{compare_rounds, other_rounds, Trend};
use crate::core::assessment::shortfalls::shortfalls;
use crate::core::assessment::summary::{item_lines, percent, SectionLine, Summary};
use crate::core::basics::numbering::section_heading;
use crate::core::exchange::file_jobs::Job;
use crate::core::{Assessment, Points, Template};
use crate::files::{self, Form};
use crate::ui::or_dash;
use crate::ui::screens::editor::{cannot_open_panel, open_assessment, set_aside_notice};
use crate::ui::state::clock::{format_local, now_ms};
use crate::ui::state::library::use_library;
use crate::ui::state::route::Route;
use crate::ui::state::save_queue::{Editing, SaveQueues};
use crate::ui::widgets::notice::{while_working, WorkingNotice};
use crate::ui::widgets::radar::{RadarChart, Series};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn SummaryPage(id: String) -> impl IntoView {
    move || match open_assessment(&id, expect_context()) {
        Err(e) => cannot_open_panel(e),
        Ok(o) => {
            let notice = set_aside_notice(&o);
            view! {
                {notice}
                <SummarySheet template=o.template assessment=o.assessment write_now=o.from_kept_copy />
            }
            .into_any()
        }
    }
}

#[component]
fn SummarySheet(
    template: &'static Template,
    assessment: Assessment,
    /// Opened from a copy kept aside: store it at once.
    write_now: bool,
) -> impl IntoView {
    let t = template;
    let sum = Summary::of(t, &assessment);
    let a = assessment.clone();
    let queue = expect_context::<SaveQueues>().editing(assessment, false).queue;
    if write_now {
        queue.with_value(|q| q.write_now());
    }
    let failed = RwSignal::new(None::<String>);
    // After an export: the file's name and where it goes next, and the name to share it under.
    let exported = RwSignal::new(None::<(String, String)>);
    let working = RwSignal::new(None::<String>);
    let received = a.is_received();
    let role = crate::ui::state::role::use_role();
    let review_href = Route::Review {
        id: a.id.clone(),
        section: 0,
    }
    .to_hash();
    // The phone's share sheet, with the file as it is now.
    let share = move |name: String| {
        let (_, text) = queue.with_value(|q| q.result_file(t));
        spawn_local(async move {
            failed.set(files::share(&name, Form::Json.mime(), &text).await.err().map(|e| e.0));
        });
    };

    // The result file (JSON), or the self-check for Excel (CSV, a workbook).
    let export = move |form: Form| {
        if form == Form::Json {
            match queue.with_value(|q| q.export_result(t)) {
                Ok(name) => {
                    failed.set(None);
                    let reviewed = queue.with_value(|q| q.read(|a| a.is_reviewed()));
                    let next = if reviewed {
                        format!("已导出“{name}”，其中有审核分。请按要求发回党员或报上级党组织。")
                    } else {
                        format!("已导出“{name}”。请把这个文件发给支部书记审核。")
                    };
                    exported.set(Some((next, name)));
                }
                Err(e) => {
                    exported.set(None);
                    failed.set(Some(e.0));
                }
            }
            return;
        }
        let (name, assessment) =
            queue.with_value(|q| q.read(|a| (format!("{}.{}", a.title(t), form.ext()), a.clone())));
        let job = if form == Form::Xlsx {
            Job::AssessmentXlsx {
                template: t.clone(),
                date: format_local(assessment.updated_at),
                assessment: Box::new(assessment),
            }
        } else {
            Job::AssessmentCsv {
                template: t.clone(),
                assessment: Box::new(assessment),
            }
        };
        let what = crate::files_module::working_on(&job);
        spawn_local(async move {
            match while_working(working, what, crate::files_module::download(&name, form.mime(), job)).await {
                Ok(()) => failed.set(None),
                Err(e) => failed.set(Some(e.0)),
            }
        });
    };
    let print = move |_| {
        queue.with_value(|q| q.flush());
        let _ = window().print();
    };

    let own = &sum.self_card;
    let review = sum.review_card.clone();
    let labels: Vec<String> = t.sections.iter().map(|s| s.short_title().to_string()).collect();
    let mut series = vec![Series {
        class: "own",
        label: "自评",
        rates: sum.sections.iter().map(|l| l.self_rate()).collect(),
    }];
    if review.is_some() {
        series.push(Series {
            class: "review",
            label: "审核",
            rates: sum
                .sections
                .iter()
                .map(|l| l.review_rate().unwrap_or_default())
                .collect(),
        });
    }
    let final_card = sum.final_card().clone();
    let id = a.id.clone();

    view! {
        <div class="summary-page">
            <nav class="toolbar no-print" aria-label="汇总页操作">
                <a class="button" href="#/">
                    "← 首页"
                </a>
                {(!received)
                    .then(|| {
                        view! {
                            <a
                                class="button"
                                href=Route::Check {
                                    id: id.clone(),
                                    section: 0,
                                }
                                    .to_hash()
                            >
                                "继续填写"
                            </a>
                        }
                    })}
                <Show when=move || received || role.reviews()>
                    <a class="button" href=review_href.clone()>
                        "审核"
                    </a>
                </Show>
                <button class="primary" on:click=print>
                    "打印"
                </button>
                <button on:click=move |_| export(
                    Form::Json,
                )>{if received { "导出审核后的结果文件" } else { "导出结果文件" }}</button>
                <button on:click=move |_| export(Form::Xlsx)>"导出Excel"</button>
                <button on:click=move |_| export(Form::Csv)>"导出CSV（Excel）"</button>
                <crate::ui::screens::editor::SaveBadge />
            </nav>
            <crate::ui::screens::editor::SaveProblem template=t />
            <WorkingNotice working=working />
            {move || {
                failed
                    .get()
                    .map(|m| {
                        view! {
                            <p class="notice error no-print" role="alert">
                                {m}
                            </p>
                        }
                    })
            }}
            {move || {
                exported
                    .get()
                    .map(|(m, name)| {
                        view! {
                            <div class="notice ok no-print" role="status" data-testid="exported">
                                <p>{m}</p>
                                {files::can_share_files()
                                    .then(|| {
                                        view! {
                                            <button class="primary" on:click=move |_| share(name.clone())>
                                                "分享…"
                                            </button>
                                        }
                                    })}
                            </div>
                        }
                    })
            }}
            <article class="sheet" data-testid="summary-sheet">
                <header class="sheet-header">
                    <h1>
                        {if t.title.ends_with('表') { t.title.clone() } else { format!("{}自查评分表", t.title) }}
                    </h1>
                    <table class="meta">
                        <tbody>
                            <tr>
                                <th>"单位"</th>
                                <td>{a.respondent.unit.clone()}</td>
                                <th>"支部"</th>
                                <td>{a.respondent.branch.clone()}</td>
                                <th>"姓名"</th>
                                <td data-testid="sheet-name">{a.respondent.name.clone()}</td>
                            </tr>
                            <tr>
                                <th>"轮次"</th>
                                <td>{a.round.clone()}</td>
                                <th>"日期"</th>
                                <td>{format_local(a.updated_at)}</td>
                                <th>"版本"</th>
                                <td>{format!("第{}版", t.version)}</td>
                            </tr>
                        </tbody>
                    </table>
                </header>

                <section class="block">
                    <h2>"得分汇总"</h2>
                    <div class="summary-grid">
                        <div
                            class="table-scroll"
                            tabindex="0"
                            role="region"
                            aria-label="得分汇总（可左右滚动）"
                        >
                            <table class="scores" data-testid="section-table">
                                <thead>
                                    <tr>
                                        <th>"一级指标"</th>
                                        <th>"满分"</th>
                                        <th>"自评分"</th>
                                        <th>"审核分"</th>
                                        <th>"得分率"</th>
                                        <th>"已答"</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {sum
                                        .sections
                                        .iter()
                                        .enumerate()
                                        .map(|(i, l)| {
                                            view! {
                                                <tr>
                                                    <td>{section_heading(i, &l.title)}</td>
                                                    <td class="num">{l.self_score.applicable.to_string()}</td>
                                                    <td class="num">{l.self_score.earned.to_string()}</td>
                                                    <td class="num">
                                                        {or_dash(l.review_score.as_ref().map(|r| r.earned))}
                                                    </td>
                                                    <td class="num">
                                                        {format!("{}%", l.review_rate().unwrap_or(l.self_rate()))}
                                                    </td>
                                                    <td class="num">
                                                        {format!("{}/{}", l.self_score.answered, l.self_score.items)}
                                                    </td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()}
                                </tbody>
                                <tfoot>
                                    <tr class="total-row">
                                        <th>"总分"</th>
                                        <td class="num">{t.total.to_string()}</td>
                                        <td class="num" data-testid="sheet-total">
                                            {own.total.to_string()}
                                        </td>
                                        <td class="num" data-testid="sheet-review-total">
                                            {or_dash(review.as_ref().map(|c| c.total))}
                                        </td>
                                        <td class="num">{format!("{}%", percent(final_card.total, t.total))}</td>
                                        <td class="num">{format!("{}/{}", own.answered, own.items)}</td>
                                    </tr>
                                    <tr>
                                        <th>"等次"</th>
                                        <td></td>
                                        <td data-testid="sheet-grade">{own.grade_shown().to_string()}</td>
                                        <td>{or_dash(review.as_ref().map(|c| c.grade_shown()))}</td>
                                        <td colspan="2"></td>
                                    </tr>
                                </tfoot>
                            </table>
                        </div>
                        <RadarChart labels=labels series=series />
                    </div>
                    {(own.bonus > Points::ZERO)
                        .then(|| {
                            view! {
                                <p>
                                    {format!(
                                        "自评：基础分 {} + 加分 {} = 总分 {}",
                                        own.base,
                                        own.bonus,
                                        own.total,
                                    )}
                                </p>
                            }
                        })}
                    {final_card.veto_notice().map(|notice| view! { <p class="veto-line">{notice}</p> })}
                    <p class="hint">
                        "不适用项不计入满分，总分按满分折算；未作答项按0分计。"
                    </p>
                </section>

                <RoundCompare template=t assessment=a.clone() />

                <section class="block">
                    <h2>"逐项评分"</h2>
                    <div class="table-scroll" tabindex="0" role="region" aria-label="逐项得分（可左右滚动）">
                        <ItemTable template=t assessment=a.clone() lines=sum.sections.clone() />
                    </div>
                </section>

                <section class="block">
                    <h2>"整改清单"</h2>
                    <ActionList template=t assessment=a.clone() />
                </section>

                <Signatures first="本人签字" />
            </article>
        </div>
    }
}

/// Lines to sign on paper: `first`, then 支部书记签字 and 日期.
#[component]
pub fn Signatures(first: &'static str) -> impl IntoView {
    view! {
        <footer class="signatures">
            {[first, "支部书记签字"]
                .map(|who| view! { <span>{format!("{who}：")}<span class="sign-line"></span></span> })}
            <span>"日期："<span class="sign-line short"></span></span>
        </footer>
    }
}

/// 轮次对比: this round's self scores against another round of the same
/// checklist by the same person, section by section (screen only).
#[component]
fn RoundCompare(template: &'static Template, assessment: Assessment) -> impl IntoView {
    let all = crate::store::list_assessments()
        .map(|(good, _)| good)
        .unwrap_or_default();
    let others: Vec<Assessment> = other_rounds(&all, &assessment).into_iter().cloned().collect();
    if others.is_empty() {
        return view! {
            <section class="block no-print">
                <h2>"轮次对比"</h2>
                <p class="hint">
                    "同一评分表的下一轮自查开始后，可在这里逐项对比两轮得分（新一轮不会覆盖旧的一轮）。"
                </p>
            </section>
        }
        .into_any();
    }
    let chosen = RwSignal::new(others[0].id.clone());
    let options = others
        .iter()
        .map(|o| (o.id.clone(), o.round.clone()))
        .collect::<Vec<_>>();
    let lines = move || {
        let other = others.iter().find(|o| o.id == chosen.get())?;
        let t_before = use_library().find(&other.template_id, other.template_version)?;
        Some((
            other.round.clone(),
            compare_rounds(template, &assessment, t_before, other),
        ))
    };
    view! {
        <section class="block no-print round-compare" data-testid="round-compare">
            <h2>"轮次对比"</h2>
            <label class="field inline">
                <span>"与此轮比较"</span>
                <select aria-label="对比轮次" on:change=move |ev| chosen.set(event_target_value(&ev))>
                    {options.into_iter().map(|(id, round)| view! { <option value=id>{round}</option> }).collect_view()}
                </select>
            </label>
            {move || match lines() {
                None => {
                    view! { <p class="notice error">"那一轮所用的评分表不在本机，无法对比。"</p> }
                        .into_any()
                }
                Some((round, lines)) => {
                    view! {
                        <table class="scores">
                            <thead>
                                <tr>
                                    <th>"一级指标"</th>
                                    <th>{round}</th>
                                    <th>"本轮"</th>
                                    <th>"变化"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {lines
                                    .into_iter()
                                    .map(|l| {
                                        let trend = l.trend();
                                        view! {
                                            <tr class=match trend {
                                                Some(Trend::Up(_)) => "up",
                                                Some(Trend::Down(_)) => "down",
                                                _ => "",
                                            }>
                                                <td>{l.title}</td>
                                                <td class="num">{or_dash(l.before)}</td>
                                                <td class="num">{l.now.to_string()}</td>
                                                <td class="num">{or_dash(trend.map(|t| t.label()))}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    }
                        .into_any()
                }
            }}
        </section>
    }
    .into_any()
}

/// Every item with self and review score, and each section's subtotal.
#[component]
fn ItemTable(template: &'static Template, assessment: Assessment, lines: Vec<SectionLine>) -> impl IntoView {
    let rows = template
        .sections
        .iter()
        .zip(item_lines(template, &assessment))
        .enumerate()
        .map(|(si, (s, items))| {
            let items = items
                .into_iter()
                .map(|l| {
                    let (note, evidence) = (l.note, l.evidence);
                    view! {
                        <tr>
                            <td class="num">{l.number}</td>
                            <td>
                                {l.item.title.clone()}
                                {l
                                    .item
                                    .method
                                    .map(|m| {
                                        view! {
                                            <div class="cell-method">{format!("考评方式：{}", m.label())}</div>
                                        }
                                    })}
                                {(!note.is_empty())
                                    .then(|| view! { <div class="cell-note">{format!("说明：{note}")}</div> })}
                                {(!evidence.is_empty())
                                    .then(|| {
                                        view! { <div class="cell-note">{format!("佐证材料：{evidence}")}</div> }
                                    })}
                            </td>
                            <td class="num">{l.item.points.to_string()}</td>
                            <td>{l.own_answer}</td>
                            <td class="num">{l.own_score.label()}</td>
                            <td>{l.review_answer}</td>
                            <td class="num">{l.review_score.map(|s| s.label()).unwrap_or_default()}</td>
                            <td>{l.comment}</td>
                        </tr>
                    }
                })
                .collect_view();
            let line = &lines[si];
            // A part's own row group, kept on one page where it fits: its
            // heading never ends a page alone, its subtotal never starts one.
            view! {
                <tbody class="section-body">
                    <tr class="section-row">
                        <th colspan="8">{section_heading(si, &s.title)}</th>
                    </tr>
                    {items}
                    <tr class="subtotal-row">
                        <td></td>
                        <th>"小计"</th>
                        <td class="num">{line.self_score.applicable.to_string()}</td>
                        <td></td>
                        <td class="num">{line.self_score.earned.to_string()}</td>
                        <td></td>
                        <td class="num">{or_dash(line.review_score.as_ref().map(|r| r.earned))}</td>
                        <td></td>
                    </tr>
                </tbody>
            }
        });
    view! {
        <table class="items-table">
            <thead>
                <tr>
                    <th>"序号"</th>
                    <th>"考核内容"</th>
                    <th>"分值"</th>
                    <th>"自评"</th>
                    <th>"自评分"</th>
                    <th>"审核"</th>
                    <th>"审核分"</th>
                    <th>"审核意见"</th>
                </tr>
            </thead>
            {rows.collect_view()}
        </table>
    }
}

/// 整改清单: one row per shortfall, with 整改措施, 责任人, 完成时限 and 状态,
/// saved with the self-check. On paper the typed values print as text; on a
/// phone each row is a card (see the stylesheet), its cells labelled. A
/// member's file taken in to review shows the member's list as text.
#[component]
fn ActionList(template: &'static Template, assessment: Assessment) -> impl IntoView {
    let Editing { queue, .. } = expect_context();
    let editable = !assessment.is_received();
    let list = shortfalls(template, &assessment);
    if list.is_empty() {
        return view! {
            <p class="empty" data-testid="no-actions">
                "没有低于满分的项目，无需整改。"
            </p>
        }
        .into_any();
    }
    let rows = list
        .iter()
        .enumerate()
        .map(|(n, s)| {
            let item_id: &'static str = s.item.id.as_str();
            let saved = assessment.action(item_id).cloned().unwrap_or_default();
            let field = move |label: &'static str, value: String, multiline: bool, set: fn(&mut Action, String)| {
                let shown = RwSignal::new(value);
                let name = format!("{label}（第{}条）", n + 1);
                let edit = move |ev| {
                    let v = event_target_value(&ev);
                    shown.set(v.clone());
                    queue.with_value(|q| q.change(|a| a.edit_action(item_id, now_ms(), |x| set(x, v))));
                };
                let control = editable.then(|| {
                    if multiline {
                        view! { <textarea class="no-print" rows="2" aria-label=name prop:value=shown.get_untracked() on:input=edit></textarea> }
                        .into_any()
                    } else {
                        view! { <input type="text" class="no-print" aria-label=name prop:value=shown.get_untracked() on:input=edit /> }
                        .into_any()
                    }
                });
                view! { <td data-label=label>{control} <span class:print-only=editable>{move || shown.get()}</span></td> }
            };
            let done = RwSignal::new(saved.done);
            let status = editable.then(|| {
                view! {
                    <select
                        class="no-print"
                        aria-label=format!("状态（第{}条）", n + 1)
                        on:change=move |ev| {
                            let is_done = event_target_value(&ev) == "done";
                            done.set(is_done);
                            queue.with_value(|q| q.change(|a| a.edit_action(item_id, now_ms(), |x| x.done = is_done)));
                        }
                    >
                        <option value="open" selected=!saved.done>
                            "未完成"
                        </option>
                        <option value="done" selected=saved.done>
                            "已完成"
                        </option>
                    </select>
                }
            });
            view! {
                <tr data-item=item_id>
                    <td class="num" data-label="序号">
                        {n + 1}
                    </td>
                    <td data-label="问题">{format!("{}：{}", s.item.title, s.problem())}</td>
                    {field("整改措施", saved.measure.clone(), true, |x, v| x.measure = v)}
                    {field("责任人", saved.owner.clone(), false, |x, v| x.owner = v)}
                    {field("完成时限", saved.deadline.clone(), false, |x, v| x.deadline = v)}
                    <td class="status" data-label="状态">
                        {status}
                        <span class:print-only=editable>
                            {move || if done.get() { "已完成" } else { "未完成" }}
                        </span>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="actions-table" data-testid="actions">
            <thead>
                <tr>
                    <th class="col-no">"序号"</th>
                    <th>"问题"</th>
                    <th>"整改措施"</th>
                    <th class="col-owner">"责任人"</th>
                    <th class="col-deadline">"完成时限"</th>
                    <th class="col-status">"状态"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}
