//! 支部汇总: the secretary brings in members' result files (or the organ
//! party committee brings in branch summaries), sees the combined table,
//! grade distribution, section averages, weakest items and who is missing,
//! exports the summary and prints it. The files are combined in memory only;
//! nothing here changes stored self-checks.

use crate::core::exchange::branch::{parse_roster, Combined, Level, Row, SortKey};
use crate::core::exchange::desk::{Desk, Refusal};
use crate::core::exchange::desk_asks::DeskAsks;
use crate::core::exchange::file_jobs::{DeskJob, Job, Outcome};
use crate::core::exchange::folder::FolderPick;
use crate::core::exchange::pile::{DeskView, PileState, ViewAsk};
use crate::core::{Points, Template};
use crate::files::{FileError, Form};
use crate::ui::or_dash;
use crate::ui::state::clock::{after_paint, format_local, next_task, now_ms};
use crate::ui::state::library::{use_library, Library};
use crate::ui::widgets::file_pick::{dropped, dropped_entries, files_in, FilePick};
use crate::ui::widgets::notice::{while_working, ProblemNotice, WorkingNotice};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// How many files go to the desk's worker at a time: the progress moves on
/// after each batch, and a cancel waits for one batch at most.
const BATCH: usize = 100;

/// How many batches the page reads side by side.
const READ_AHEAD: usize = 3;

/// What the desk says of files chosen or dropped while others are read.
const STILL_READING: &str = "上一批文件还在读取，这次选择或拖入的文件没有读取；请等读完（或点“取消导入”）后再选";

/// How many rows of the member table a screen shows at a time: a
/// committee's 10,000 members are pages, not one table the browser lays
/// out at once. Printing shows every row.
const PAGE: usize = 100;

/// How far the desk has read a pick of files, and the bad ones found so far.
#[derive(Debug, Clone, Default, PartialEq)]
struct Reading {
    done: usize,
    total: usize,
    refused: Vec<Refusal>,
    cancelled: bool,
}

// One formatter for every count: `toLocaleString` makes a new one at each
// call (about a millisecond each). A cache, not app state.
thread_local! {
    static COUNTS: js_sys::Intl::NumberFormat =
        js_sys::Intl::NumberFormat::new(&js_sys::Array::of1(&"zh-CN".into()), &js_sys::Object::new());
}

/// `3,200`: a count as the user's locale writes it.
fn count(n: usize) -> String {
    COUNTS
        .with(|f| f.format().call1(&wasm_bindgen::JsValue::NULL, &(n as f64).into()))
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| n.to_string())
}

/// One batch read (side by side, see `files::read_picked`) and sent to the
/// desk's worker, to be checked and held there under `pick` (see
/// `core::exchange::pile`): the files' names and the worker's answer to come.
async fn send_batch(
    pick: u32,
    batch: Vec<web_sys::File>,
    library: Library,
) -> (Vec<String>, Result<crate::files_module::Answer, FileError>) {
    let job = Job::from(DeskJob::AddToPile {
        pick,
        files: Vec::new(),
        imported: library.imported_owned(),
    });
    let names = batch.iter().map(crate::files::picked_name).collect();
    (names, crate::files_module::send_with_files(job, &batch).await)
}

/// The worker's answer for a batch: for each file in order, whether it was
/// taken or why not.
async fn batch_taken(
    names: Vec<String>,
    answer: Result<crate::files_module::Answer, FileError>,
) -> Vec<Option<Refusal>> {
    let outcome = match answer {
        Ok(answer) => answer.outcome().await,
        Err(e) => Err(e),
    };
    match outcome {
        Ok(Outcome::Taken(taken)) if taken.len() == names.len() => names
            .into_iter()
            .zip(taken)
            .map(|(file, why)| why.map(|why| Refusal { file, why }))
            .collect(),
        outcome => {
            let why = crate::files_module::why_not(outcome).0;
            names
                .into_iter()
                .map(|file| Some(Refusal { file, why: why.clone() }))
                .collect()
        }
    }
}

/// Reads every file a batch at a time into the desk's worker's pile, as
/// pick `pick`, saying how far it has got in `reading`; the bad ones become
/// refusals. `None` when the user cancelled: the pick is dropped whole.
/// The page reads [`READ_AHEAD`] batches side by side, and goes on reading
/// while the worker checks the batches sent.
async fn read_all(
    pick: u32,
    list: Vec<web_sys::File>,
    library: Library,
    reading: RwSignal<Option<Reading>>,
) -> Option<Vec<Refusal>> {
    use futures::StreamExt;
    let mut refused = Vec::new();
    reading.set(Some(Reading {
        total: list.len(),
        ..Reading::default()
    }));
    // The progress shows first: the browser has just spent long on the pick
    // (building the list of 10,000 files takes it over a second).
    next_task().await;
    // Cancelled, or the desk left (its signals gone) while a batch was read.
    let cancelled = move || {
        reading
            .try_with_untracked(|r| r.as_ref().is_none_or(|r| r.cancelled))
            .unwrap_or(true)
    };
    let batches: Vec<Vec<web_sys::File>> = list.chunks(BATCH).map(<[_]>::to_vec).collect();
    let in_all = batches.len();
    let mut checked = futures::stream::iter(batches)
        .map(|batch| send_batch(pick, batch, library))
        .buffered(READ_AHEAD)
        .map(|(names, answer)| batch_taken(names, answer))
        .buffered(in_all.max(1));
    while let Some(batch) = checked.next().await {
        if cancelled() {
            // The batches under way are dropped with `checked`: those not
            // yet sent are never sent, and the worker forgets the pick.
            return None;
        }
        let found = refused.len();
        let files = batch.len();
        refused.extend(batch.into_iter().flatten());
        reading.try_update(|r| {
            if let Some(r) = r {
                r.done += files;
                r.refused.extend_from_slice(&refused[found..]);
            }
        });
    }
    (!cancelled()).then_some(refused)
}

/// What the desk shows, from the desk's worker, or why not.
async fn view_job(job: Job) -> Result<DeskView, String> {
    match crate::files_module::run(job).await {
        Ok(Outcome::View { json }) => DeskView::read(&json),
        outcome => Err(crate::files_module::why_not(outcome).0),
    }
}

/// The number of the next pick of files, for the desk's worker to hold its
/// self-checks apart until it is read whole.
fn next_pick() -> u32 {
    use std::sync::atomic::{AtomicU32, Ordering};
    static PICKS: AtomicU32 = AtomicU32::new(1);
    PICKS.fetch_add(1, Ordering::Relaxed)
}

#[component]
pub fn BranchDesk() -> impl IntoView {
    // Everything the desk reads goes through the desk's worker: start it while
    // the secretary is still choosing files.
    crate::files_module::warm_up_pile();
    let library = use_library();
    // The counts' formatter is made now, not while the first files come in.
    let _ = count(0);
    // What this tab's desk held before a reload or a visit to the home page.
    let failed = RwSignal::new(None::<String>);
    let working = RwSignal::new(None::<String>);
    let kept = crate::store::kept_desk().unwrap_or_else(|why| {
        failed.set(Some(why));
        None
    });
    let kept = kept.unwrap_or_default();
    // What the desk's worker holds (see `core::exchange::pile`), and a
    // change to it shown (counted in `DeskAsks`).
    let pile = RwSignal::new(PileState::default());
    let pile_changed = Trigger::new();
    let refusals = RwSignal::new(kept.refusals);
    // While a pick is read: how far, and what was found wrong so far.
    let reading = RwSignal::new(None::<Reading>);
    // What the desk says of the last pick besides what it read: a folder's
    // other files (see `FolderPick::note`), or a pick left unread.
    let pick_note = RwSignal::new(None::<String>);
    // A folder dropped is being listed, before its files are read: how
    // many of its files the browser has handed over, of how many.
    let listing = RwSignal::new(None::<(usize, usize)>);
    let roster_text = RwSignal::new(crate::store::load_setting("roster").unwrap_or_default());
    let level_choice = RwSignal::new(kept.level);
    let sort = RwSignal::new((SortKey::Total, true));
    let branch_name = RwSignal::new(kept.branch_name);
    let restoring = RwSignal::new(!kept.checks.is_empty());
    let restored = RwSignal::new(None::<usize>);

    let template = Memo::new(move |_| {
        pile.with(|p| p.template.clone())
            .and_then(|(id, v)| library.find(&id, v))
    });
    let level = Memo::new(move |_| level_choice.get().unwrap_or_else(|| pile.with(|p| p.suggested)));
    let roster = Memo::new(move |_| parse_roster(&roster_text.get()));
    // The view the desk's worker combined: drawn again only when it was
    // scored again; another order redraws the rows alone.
    let combined = RwSignal::new(None::<Combined>);
    let rows = RwSignal::new(Vec::<Row>::new());
    // What was asked of the worker, what was shown, what the tab keeps.
    let asks = StoredValue::new(DeskAsks::default());
    let ask = move |settle: Option<u32>, restore: Option<String>| ViewAsk {
        settle,
        restore,
        expected: pile.with_untracked(|p| p.count),
        imported: library.imported_owned(),
        roster: roster.get_untracked(),
        level: level_choice.get_untracked(),
        sort: sort.get_untracked().0,
        descending: sort.get_untracked().1,
    };
    let show = move |view: DeskView| {
        if let Some(change) = asks.try_update_value(DeskAsks::shown).flatten() {
            pile_changed.notify();
            // What the tab keeps comes after what the secretary sees: the
            // worker writes it once the view is painted, not while the
            // page lays the view out (on two cores they would take turns).
            spawn_local(async move {
                after_paint().await;
                if let Ok(Outcome::Kept { json, too_many }) = crate::files_module::run(DeskJob::KeptPile.into()).await {
                    let json = String::from_utf8(json).ok().filter(|_| !too_many);
                    asks.try_update_value(|a| a.keep(change, json));
                }
            });
        }
        let scoring = view
            .combined
            .as_ref()
            .map(|c| (view.state.template.clone(), roster.get_untracked(), c.level));
        let rescored = asks.try_update_value(|a| a.rescored(scoring)).unwrap_or(false);
        pile.set(view.state);
        match view.combined {
            Some(mut c) => {
                rows.set(std::mem::take(&mut c.rows));
                if rescored {
                    combined.set(Some(c));
                }
            }
            None => {
                combined.set(None);
                rows.set(Vec::new());
            }
        }
    };
    // Asks the desk's worker for the view, after the change named, if any.
    let request = move |settle: Option<u32>, restore: Option<String>| {
        let changes_pile = settle.is_some() || restore.is_some();
        let job = DeskJob::PileView(Box::new(ask(settle, restore))).into();
        let this = asks.try_update_value(|a| a.ask(changes_pile)).unwrap_or_default();
        async move {
            let view = view_job(job).await;
            // A later ask has been sent: its answer shows this change too.
            if !asks.try_with_value(|a| a.is_latest(this)).unwrap_or(false) {
                return view.map(|v| v.state.count);
            }
            match view {
                Ok(view) => {
                    let count = view.state.count;
                    show(view);
                    Ok(count)
                }
                Err(why) => Err(why),
            }
        }
    };
    // Another roster, level or order: the view again.
    Effect::new(move |first: Option<()>| {
        roster.track();
        level_choice.track();
        sort.track();
        if first.is_some() && pile.with_untracked(|p| p.count > 0) {
            spawn_local(async move {
                if let Err(why) = request(None, None).await {
                    failed.try_set(Some(why));
                }
            });
        }
    });
    // The self-checks kept for the tab go back to the worker first.
    if !kept.checks.is_empty() {
        spawn_local(async move {
            match request(None, Some(kept.checks)).await {
                Ok(count) => {
                    restored.try_set(Some(count));
                }
                Err(why) => {
                    failed.try_set(Some(why));
                }
            }
            restoring.try_set(false);
        });
    }

    // Kept for the tab when the page goes (a reload, ← 首页, another
    // address), once per change: `beforeunload` and then `pagehide` both come
    // on a reload, and the second finds it kept. When it cannot be kept (too
    // many files for the tab's storage), the browser asks before leaving.
    let kept_as_is = RwSignal::new(true);
    Effect::new(move |first: Option<()>| {
        pile_changed.track();
        refusals.track();
        branch_name.track();
        level_choice.track();
        if first.is_some() {
            kept_as_is.set(false);
        }
    });
    let keep = move || -> Result<(), crate::store::StoreError> {
        if kept_as_is.get_untracked() {
            return Ok(());
        }
        let checks = if pile.with_untracked(|p| p.count) == 0 {
            String::new()
        } else {
            asks.with_value(|a| a.kept_now().map(str::to_owned))
                .ok_or_else(|| crate::store::StoreError::WriteFailed("导入的文件太多，本页无法暂存".into()))?
        };
        let desk = Desk {
            checks,
            refusals: refusals.get_untracked(),
            branch_name: branch_name.get_untracked(),
            level: level_choice.get_untracked(),
        };
        crate::store::keep_desk(&desk)?;
        kept_as_is.set(true);
        Ok(())
    };
    let leaving = window_event_listener(leptos::ev::beforeunload, move |ev| {
        if keep().is_err() {
            ev.prevent_default();
            ev.set_return_value("导入的文件无法在本页暂存，离开后需要重新导入");
        }
    });
    let hidden = window_event_listener(leptos::ev::pagehide, move |_| {
        let _ = keep();
    });
    // Every row of the member table on paper, a page of them on screen.
    let show_all = RwSignal::new(false);
    let printing = window_event_listener(leptos::ev::beforeprint, move |_| show_all.set(true));
    let printed = window_event_listener(leptos::ev::afterprint, move |_| show_all.set(false));
    on_cleanup(move || {
        leaving.remove();
        hidden.remove();
        printing.remove();
        printed.remove();
    });

    // Nothing more is chosen, nor the desk emptied, while a pick is read, a
    // dropped folder listed or the tab's files restored.
    let picking_shut = move || reading.with(Option::is_some) || listing.with(Option::is_some) || restoring.get();
    // Whether another pick is being read, or a dropped folder listed; if
    // so, the desk says this one is not read.
    let still_reading = move || {
        let busy = reading.with_untracked(Option::is_some) || listing.with_untracked(Option::is_some);
        if busy {
            pick_note.set(Some(STILL_READING.into()));
        }
        busy
    };
    let take = move |list: Vec<web_sys::File>| {
        if list.is_empty() {
            return;
        }
        if still_reading() {
            return;
        }
        pick_note.set(None);
        if let Some(p) = window().performance() {
            let _ = p.mark("mofan-files-chosen");
        }
        spawn_local(async move {
            let pick = next_pick();
            let read = read_all(pick, list, library, reading).await;
            let shown = match read {
                Some(new_refusals) => {
                    refusals.try_update(|r| r.extend(new_refusals));
                    request(Some(pick), None).await.map(Some)
                }
                None => crate::files_module::run(DeskJob::ForgetPick { pick }.into())
                    .await
                    .map(|_| None)
                    .map_err(|e| e.0),
            };
            reading.try_set(None);
            match shown {
                Ok(Some(_)) => {
                    if branch_name.get_untracked().is_empty() {
                        branch_name.set(pile.with_untracked(|p| p.branch.clone()));
                    }
                    // A standard measure (DevTools shows it; the benchmark reads
                    // it): files chosen → the summary laid out, just before the next frame.
                    request_animation_frame(move || {
                        let _ = document().body().map(|b| b.offset_height());
                        if let Some(p) = window().performance() {
                            let _ = p.measure_with_start_mark("mofan-summarise", "mofan-files-chosen");
                        }
                    });
                }
                Ok(None) => {}
                Err(why) => {
                    failed.try_set(Some(why));
                }
            }
        });
    };
    // A folder: its result files, in the order of their paths; the rest is
    // counted, not read.
    let take_folder = move |list: Vec<web_sys::File>| {
        if still_reading() {
            return;
        }
        let paths: Vec<String> = list.iter().map(crate::files::picked_name).collect();
        let folder = FolderPick::of(&paths);
        take(folder.taken.iter().map(|&i| list[i].clone()).collect());
        pick_note.set(folder.note());
    };
    // A drop: the files dropped, or with a folder among them, every file
    // under it as if the folder had been chosen (listed first, which takes
    // the browser a while for thousands of files).
    let take_dropped = move |ev: leptos::ev::DragEvent| {
        let entries = dropped_entries(&ev);
        if !entries.iter().any(web_sys::FileSystemEntry::is_directory) {
            take(dropped(&ev));
            return;
        }
        if still_reading() {
            return;
        }
        listing.set(Some((0, 0)));
        spawn_local(async move {
            let found = files_in(entries, |got, of| {
                listing.try_set(Some((got, of)));
            })
            .await;
            listing.try_set(None);
            match found {
                Ok(list) => take_folder(list),
                Err(path) => {
                    failed.try_set(Some(format!(
                        "无法读取拖入的“{path}”，请重新拖入或用“或整个文件夹”选择"
                    )));
                }
            }
        });
    };
    let clear = move |_| {
        // Emptied on the page at once, before the level below is set again:
        // another view asked for now would be of the files being cleared.
        // Answers to views asked for before are not shown.
        asks.update_value(|a| {
            a.ask(true);
        });
        show(DeskView {
            state: PileState::default(),
            combined: None,
        });
        refusals.set(Vec::new());
        pick_note.set(None);
        level_choice.set(None);
        match crate::store::keep_desk(&Desk::default()) {
            Ok(()) => kept_as_is.set(true),
            Err(e) => failed.set(Some(e.to_string())),
        }
        spawn_local(async move {
            if let Err(e) = crate::files_module::run(DeskJob::ClearPile.into()).await {
                failed.try_set(Some(e.0));
            }
        });
    };
    let save_roster = move |text: String| {
        roster_text.set(text.clone());
        if let Err(e) = crate::store::save_setting("roster", &text) {
            failed.set(Some(format!("名单未能保存在本机：{e}")));
        }
    };

    // The summary file (JSON), or the combined view for Excel (CSV, a workbook).
    let export = move |form: Form| {
        let (Some(t), Some(c)) = (template.get_untracked(), combined.get_untracked()) else {
            return;
        };
        let branch = branch_name.get_untracked();
        let stem = format!(
            "{}-{}-汇总",
            t.short_title,
            if branch.is_empty() { "支部" } else { &branch }
        );
        let job = match form {
            Form::Json => DeskJob::PileBranchFile {
                ask: Box::new(ask(None, None)),
                branch: branch.clone(),
                now: now_ms(),
            }
            .into(),
            Form::Xlsx => {
                let rows = rows.get_untracked();
                let c = Combined {
                    rows: rows.clone(),
                    ..c
                };
                Job::BranchXlsx {
                    template: t.clone(),
                    rows,
                    combined: serde_json::to_string(&c).unwrap_or_default(),
                    scope: c.scope(&branch),
                    date: format_local(now_ms()),
                }
            }
            Form::Csv => Job::TableCsv {
                template: t.clone(),
                level: c.level,
                rows: rows.get_untracked(),
            },
        };
        let what = crate::files_module::working_on(&job);
        spawn_local(async move {
            let name = format!("{stem}.{}", form.ext());
            let done = while_working(working, what, crate::files_module::download(&name, form.mime(), job)).await;
            failed.set(done.err().map(|e| e.0));
        });
    };

    view! {
        <div class="branch-desk">
            <section
                class="panel no-print"
                aria-labelledby="branch-h"
                on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default()
                on:drop=take_dropped
            >
                <p>
                    <a href="#/">"← 首页"</a>
                </p>
                <h1 id="branch-h">"支部汇总"</h1>
                <p class="hint">
                    "选择（可多选）或拖入党员导出的结果文件（.json），也可选择或拖入存放结果文件的文件夹（连同其中的子文件夹）；机关党委可导入各支部导出的汇总文件，比较各支部。"
                    "文件只在本页汇总，不会改动本机保存的自查；刷新或返回首页后仍在，关闭本标签页后清空。"
                </p>
                {move || {
                    restored
                        .get()
                        .filter(|&n| n > 0)
                        .map(|n| {
                            view! {
                                <p class="notice ok" role="status" data-testid="desk-restored">
                                    {format!("已恢复本标签页先前导入的 {n} 份自查。")}
                                </p>
                            }
                        })
                }}
                <div class="desk-controls">
                    <FilePick
                        label="选择结果文件"
                        accept=".json,application/json"
                        multiple=true
                        disabled=Signal::derive(picking_shut)
                        on_files=take
                    />
                    <FilePick
                        label="选择文件夹"
                        caption="或整个文件夹："
                        accept=""
                        folder=true
                        disabled=Signal::derive(picking_shut)
                        on_files=take_folder
                    />
                    <button on:click=clear disabled=picking_shut>
                        "清空"
                    </button>
                </div>
                <p class="hint" data-testid="desk-count" role="status">
                    {move || {
                        if restoring.get() {
                            "正在恢复本标签页先前导入的文件…".to_string()
                        } else if let Some((got, of)) = listing.get() {
                            if of == 0 {
                                "正在列出拖入的文件夹中的文件…".to_string()
                            } else {
                                format!("正在列出拖入的文件夹中的文件：{} / {}", count(got), count(of))
                            }
                        } else if reading.with(Option::is_some) {
                            "正在读取…".to_string()
                        } else {
                            format!(
                                "已导入 {} 份自查，未接受 {} 个文件",
                                pile.with(|p| p.count),
                                refusals.with(Vec::len),
                            )
                        }
                    }}
                </p>
                {move || {
                    pick_note
                        .get()
                        .map(|note| {
                            view! {
                                <p class="hint" role="status" data-testid="pick-note">
                                    {note}
                                </p>
                            }
                        })
                }}
                {move || {
                    reading
                        .get()
                        .map(|r| {
                            let said = format!("已读 {} / {}", count(r.done), count(r.total));
                            view! {
                                <div class="reading" data-testid="desk-reading">
                                    <label class="reading-bar">
                                        <span>{said}</span>
                                        <progress max=r.total value=r.done></progress>
                                    </label>
                                    <button
                                        on:click=move |_| {
                                            reading
                                                .update(|r| {
                                                    if let Some(r) = r {
                                                        r.cancelled = true;
                                                    }
                                                })
                                        }
                                        disabled=r.cancelled
                                    >
                                        {if r.cancelled { "正在取消…" } else { "取消导入" }}
                                    </button>
                                    <p class="hint">"取消后，这次选择的文件一个也不导入。"</p>
                                    {(!r.refused.is_empty())
                                        .then(|| {
                                            view! {
                                                <div class="notice error" data-testid="desk-found">
                                                    <p>
                                                        {format!(
                                                            "已发现 {} 个文件不能接受（读完后照常汇总其余文件）：",
                                                            r.refused.len(),
                                                        )}
                                                    </p>
                                                    <ul>
                                                        {r
                                                            .refused
                                                            .iter()
                                                            .map(|x| {
                                                                view! { <li>{format!("{}：{}", x.file, x.why)}</li> }
                                                            })
                                                            .collect_view()}
                                                    </ul>
                                                </div>
                                            }
                                        })}
                                </div>
                            }
                        })
                }}
                <div class="field-row">
                    <label class="field">
                        <span>"支部名称（用于导出和打印）"</span>
                        <input
                            type="text"
                            prop:value=move || branch_name.get()
                            on:input=move |ev| branch_name.set(event_target_value(&ev))
                        />
                    </label>
                    <label class="field">
                        <span>"汇总层级"</span>
                        <select
                            aria-label="汇总层级"
                            on:change=move |ev| {
                                level_choice
                                    .set(
                                        Some(
                                            if event_target_value(&ev) == "branch" {
                                                Level::Branch
                                            } else {
                                                Level::Member
                                            },
                                        ),
                                    )
                            }
                        >
                            <option value="member" selected=move || level.get() == Level::Member>
                                "按党员"
                            </option>
                            <option value="branch" selected=move || level.get() == Level::Branch>
                                "按支部（机关党委）"
                            </option>
                        </select>
                    </label>
                </div>
                <label class="field">
                    <span>
                        "应参加名单（每行一个，或用逗号、顿号分隔；按支部汇总时填支部名称）"
                    </span>
                    <textarea
                        rows="3"
                        aria-label="应参加名单"
                        prop:value=roster_text.get_untracked()
                        on:change=move |ev| save_roster(event_target_value(&ev))
                    ></textarea>
                </label>
                <ProblemNotice problem=failed />
                {move || {
                    let r = refusals.get();
                    (!r.is_empty())
                        .then(|| {
                            view! {
                                <div class="notice error" role="alert" data-testid="desk-refusals">
                                    <p>
                                        <strong>
                                            {format!("{} 个文件未接受（其余文件照常汇总）：", r.len())}
                                        </strong>
                                    </p>
                                    <ul>
                                        {r
                                            .into_iter()
                                            .map(|x| view! { <li>{format!("{}：{}", x.file, x.why)}</li> })
                                            .collect_view()}
                                    </ul>
                                </div>
                            }
                        })
                }}
                {move || {
                    combined
                        .with(|c| {
                            c.as_ref()
                                .filter(|c| c.level == Level::Member && c.branches.len() > 1)
                                .map(|c| {
                                    let list: Vec<String> = c
                                        .branches
                                        .iter()
                                        .map(|(b, n)| {
                                            format!("{}（{n}人）", if b.is_empty() { "未填支部" } else { b })
                                        })
                                        .collect();
                                    view! {
                                        <p class="notice warn" role="status" data-testid="branch-mix">
                                            {format!(
                                                "导入的文件来自 {} 个支部：{}。现按党员汇总；如要比较各支部，请把“汇总层级”改为“按支部”。",
                                                c.branches.len(),
                                                list.join("、"),
                                            )}
                                        </p>
                                    }
                                })
                        })
                }}
                <div class="actions">
                    <button
                        class="primary"
                        on:click=move |_| {
                            show_all.set(true);
                            request_animation_frame(|| {
                                let _ = window().print();
                            });
                        }
                        disabled=move || combined.with(Option::is_none)
                    >
                        "打印"
                    </button>
                    <button on:click=move |_| export(Form::Json) disabled=move || combined.with(Option::is_none)>
                        "导出汇总文件"
                    </button>
                    <button on:click=move |_| export(Form::Xlsx) disabled=move || combined.with(Option::is_none)>
                        "导出Excel"
                    </button>
                    <button on:click=move |_| export(Form::Csv) disabled=move || combined.with(Option::is_none)>
                        "导出CSV（Excel）"
                    </button>
                </div>
                <WorkingNotice working=working />
            </section>
            {move || match (template.get(), combined.get()) {
                (Some(t), Some(c)) => {
                    view! {
                        <BranchSheet template=t combined=c rows=rows branch=branch_name sort=sort show_all=show_all />
                    }
                        .into_any()
                }
                _ => {
                    (pile.with(|p| p.count > 0 && template.with(Option::is_none)))
                        .then(|| {
                            view! {
                                <p class="notice error" role="alert">
                                    "导入的文件所用的评分表不在本机，无法汇总。"
                                </p>
                            }
                        })
                        .into_any()
                }
            }}
        </div>
    }
}

#[component]
fn BranchSheet(
    template: &'static Template,
    combined: Combined,
    /// The combined rows in the order chosen: another order redraws the table's rows alone.
    rows: RwSignal<Vec<Row>>,
    /// Typed on the desk; only the header follows it, not the whole table.
    branch: RwSignal<String>,
    sort: RwSignal<(SortKey, bool)>,
    /// Every row (for printing) rather than a page of [`PAGE`].
    show_all: RwSignal<bool>,
) -> impl IntoView {
    let t = template;
    let c = combined;
    let page = RwSignal::new(0usize);
    // Another order has as many rows.
    let total_rows = rows.with_untracked(Vec::len);
    let pages = total_rows.div_ceil(PAGE).max(1);
    let shown = move || {
        rows.with(|r| {
            if show_all.get() {
                return r.clone();
            }
            let from = (page.get().min(pages - 1) * PAGE).min(r.len());
            r[from..(from + PAGE).min(r.len())].to_vec()
        })
    };
    let pager = move || {
        (total_rows > PAGE).then(|| {
            let at = move || page.get().min(pages - 1);
            let on_last = move || at() + 1 == pages;
            view! {
                <nav class="pager no-print" aria-label="成员得分表分页" data-testid="pager">
                    <button on:click=move |_| page.update(|p| *p = p.saturating_sub(1)) disabled=move || at() == 0>
                        "上一页"
                    </button>
                    <span role="status">
                        {move || {
                            let from = at() * PAGE;
                            format!(
                                "第 {}–{} 行，共 {} 行",
                                count(from + 1),
                                count((from + PAGE).min(total_rows)),
                                count(total_rows),
                            )
                        }}
                    </span>
                    <button on:click=move |_| page.update(|p| *p = (*p + 1).min(pages - 1)) disabled=on_last>
                        "下一页"
                    </button>
                </nav>
            }
        })
    };
    let by_branch = c.level == Level::Branch;
    // With anyone reviewed, every score has a 自评 and a 审核 column.
    let reviewed = c.reviewed > 0;
    let span = if reviewed { "2" } else { "1" };
    let sort_button = move |label: String, key: SortKey| {
        let mark = move || match sort.get() {
            (k, true) if k == key => " ▼",
            (k, false) if k == key => " ▲",
            _ => "",
        };
        view! {
            <button
                class="sort"
                on:click=move |_| {
                    sort.update(|(k, d)| {
                        *d = if *k == key { !*d } else { key != SortKey::Name };
                        *k = key;
                    })
                }
            >
                {label.clone()}
                {mark}
            </button>
            <span class="print-only">{label}</span>
        }
    };
    let cell = |p: Option<Points>| view! { <td class="num">{or_dash(p)}</td> };
    let review_cells = move |p: Option<Points>| reviewed.then(|| cell(p));
    let unit_line = move || {
        if by_branch {
            "各支部对比".to_string()
        } else {
            branch.get()
        }
    };
    view! {
        <article class="sheet branch-sheet" data-testid="branch-sheet">
            <header class="sheet-header">
                <h1>
                    {format!("{}汇总表", t.title.trim_end_matches("自查评分表").trim_end_matches("评分表"))}
                </h1>
                <table class="meta">
                    <tbody>
                        <tr>
                            <th>{if by_branch { "范围" } else { "支部" }}</th>
                            <td>{unit_line}</td>
                            <th>"人数"</th>
                            <td data-testid="branch-members">{c.members}</td>
                            <th>"日期"</th>
                            <td>{format_local(now_ms())}</td>
                        </tr>
                    </tbody>
                </table>
            </header>
            <section class="block">
                <h2>{if by_branch { "各支部得分" } else { "成员得分" }}</h2>
                <p class="legend-note" data-testid="branch-legend">
                    {if reviewed {
                        "“自评”为党员自评分，“审核”为支部书记审核分，“—”表示未审核；列名中注明满分；平均行括号内为计入平均的人数。"
                    } else {
                        "各列为党员自评分（尚无审核分）；列名中注明满分；平均行括号内为计入平均的人数。"
                    }}
                </p>
                <p class="hint">"点击列名排序。"</p>
                <div class="table-scroll" tabindex="0" role="region" aria-label="成员得分表（可左右滚动）">
                    <table class="scores branch-table" data-testid="branch-table">
                        <thead>
                            <tr>
                                <th rowspan="2" scope="col">
                                    {sort_button(
                                        if by_branch { "支部".into() } else { "姓名".into() },
                                        SortKey::Name,
                                    )}
                                </th>
                                <th rowspan="2" scope="col">
                                    {if by_branch { "人数" } else { "支部" }}
                                </th>
                                {t
                                    .sections
                                    .iter()
                                    .zip(&c.section_averages)
                                    .enumerate()
                                    .map(|(i, (s, avg))| {
                                        view! {
                                            <th colspan=span scope="colgroup">
                                                {sort_button(
                                                    format!("{}（满分{}）", s.short_title(), avg.max),
                                                    SortKey::Section(i),
                                                )}
                                            </th>
                                        }
                                    })
                                    .collect_view()}
                                <th colspan=span scope="colgroup">
                                    {sort_button(format!("总分（满分{}）", t.total), SortKey::Total)}
                                </th>
                                <th colspan=span scope="colgroup">
                                    "等次"
                                </th>
                            </tr>
                            <tr class="sub-head">
                                {(0..t.sections.len() + 2)
                                    .map(|i| {
                                        let review_sort = i == t.sections.len();
                                        view! {
                                            <th scope="col">"自评"</th>
                                            {reviewed
                                                .then(|| {
                                                    view! {
                                                        <th scope="col">
                                                            {if review_sort {
                                                                sort_button("审核".into(), SortKey::ReviewTotal)
                                                                    .into_any()
                                                            } else {
                                                                "审核".into_any()
                                                            }}
                                                        </th>
                                                    }
                                                })}
                                        }
                                    })
                                    .collect_view()}
                            </tr>
                        </thead>
                        <tbody>
                            // Drawn again whole on another page or order (a page is at most
                            // 100 rows): a keyed list, moving the rows two orders share,
                            // left some of them at the top (tachys 0.2.19).
                            {move || {
                                shown()
                                    .into_iter()
                                    .map(|r| {
                                        view! {
                                            <tr class:vetoed=r.vetoed>
                                                <td class="row-name">{r.name.clone()}</td>
                                                <td>{r.detail.clone()}</td>
                                                {r
                                                    .sections
                                                    .iter()
                                                    .enumerate()
                                                    .map(|(i, p)| {
                                                        view! {
                                                            {cell(Some(*p))}
                                                            {review_cells(r.review.as_ref().map(|x| x.0[i]))}
                                                        }
                                                    })
                                                    .collect_view()}
                                                <td class="num row-total">{r.total.to_string()}</td>
                                                {review_cells(r.review.as_ref().map(|x| x.1))}
                                                <td class="row-grade">
                                                    {r.grade.clone()}{r.vetoed.then_some("（一票否决）")}
                                                </td>
                                                {reviewed
                                                    .then(|| {
                                                        view! { <td>{or_dash(r.review.as_ref().map(|x| &x.2))}</td> }
                                                    })}
                                            </tr>
                                        }
                                    })
                                    .collect_view()
                            }}
                        </tbody>
                        <tfoot>
                            <tr class="total-row">
                                <th colspan="2" scope="row">
                                    {format!("自评平均（{}人）", c.members)}
                                </th>
                                {c
                                    .section_averages
                                    .iter()
                                    .map(|s| {
                                        view! {
                                            {cell(Some(s.self_avg))}
                                            {reviewed.then(|| view! { <td></td> })}
                                        }
                                    })
                                    .collect_view()}
                                <td class="num" data-testid="branch-average">
                                    {c.average_total.to_string()}
                                </td>
                                {reviewed.then(|| view! { <td></td> })}
                                <td colspan=span></td>
                            </tr>
                            {reviewed
                                .then(|| {
                                    view! {
                                        <tr class="total-row review-average">
                                            <th colspan="2" scope="row">
                                                {format!("审核平均（{}人）", c.reviewed)}
                                            </th>
                                            {c
                                                .section_averages
                                                .iter()
                                                .map(|s| {
                                                    view! {
                                                        <td></td>
                                                        {cell(s.review_avg)}
                                                    }
                                                })
                                                .collect_view()}
                                            <td></td>
                                            <td class="num" data-testid="branch-review-average">
                                                {or_dash(c.average_review_total)}
                                            </td>
                                            <td colspan="2"></td>
                                        </tr>
                                    }
                                })}
                        </tfoot>
                    </table>
                </div>
                {pager}
            </section>
            <div class="two-col">
                <section class="block">
                    <h2>"等次分布"</h2>
                    <table class="scores" data-testid="distribution">
                        <thead>
                            <tr>
                                <th>"等次"</th>
                                <th>"自评人数"</th>
                                <th>"审核人数"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {c
                                .distribution
                                .iter()
                                .map(|g| {
                                    view! {
                                        <tr>
                                            <td>{g.grade.clone()}</td>
                                            <td class="num">{g.self_count}</td>
                                            <td class="num">{g.review_count}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                </section>
                <section class="block">
                    <h2>"各一级指标平均分"</h2>
                    <table class="scores">
                        <thead>
                            <tr>
                                <th>"一级指标"</th>
                                <th>"满分"</th>
                                <th>{format!("自评平均（{}人）", c.members)}</th>
                                <th>"自评得分率"</th>
                                {reviewed.then(|| view! { <th>{format!("审核平均（{}人）", c.reviewed)}</th> })}
                            </tr>
                        </thead>
                        <tbody>
                            {c
                                .section_averages
                                .iter()
                                .map(|s| {
                                    view! {
                                        <tr>
                                            <td>{s.title.clone()}</td>
                                            <td class="num">{s.max.to_string()}</td>
                                            <td class="num">{s.self_avg.to_string()}</td>
                                            <td class="num">{format!("{}%", s.self_rate)}</td>
                                            {review_cells(s.review_avg)}
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                </section>
            </div>
            <section class="block">
                <h2>"薄弱项目（平均得分率最低）"</h2>
                <table class="scores" data-testid="weakest">
                    <thead>
                        <tr>
                            <th>"一级指标"</th>
                            <th>"考核内容"</th>
                            <th>"分值"</th>
                            <th>"平均得分"</th>
                            <th>"得分率"</th>
                            <th>"作答人数"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {c
                            .weakest
                            .iter()
                            .map(|w| {
                                view! {
                                    <tr>
                                        <td>{w.section.clone()}</td>
                                        <td>{w.title.clone()}</td>
                                        <td class="num">{w.points.to_string()}</td>
                                        <td class="num">{w.average.to_string()}</td>
                                        <td class="num">{format!("{}%", w.rate)}</td>
                                        <td class="num">{w.answered}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </section>
            <section class="block">
                <h2>"参加情况"</h2>
                <p data-testid="missing">
                    {if c.missing.is_empty() {
                        "名单中的人员均已提交（未填名单时不核对）。".to_string()
                    } else {
                        format!("未提交（{}）：{}", c.missing.len(), c.missing.join("、"))
                    }}
                </p>
                {(!c.duplicates.is_empty())
                    .then(|| {
                        view! {
                            <div data-testid="duplicates">
                                <p>
                                    <strong>
                                        {format!(
                                            "重复提交 {} 处，已按最近编辑时间保留一份：",
                                            c.duplicates.len(),
                                        )}
                                    </strong>
                                </p>
                                <ul>
                                    {c
                                        .duplicates
                                        .iter()
                                        .map(|d| {
                                            view! {
                                                <li>
                                                    {format!(
                                                        "{}（{}）：保留“{}”，未计入“{}”",
                                                        d.who,
                                                        d.round,
                                                        d.kept,
                                                        d.dropped.join("”“"),
                                                    )}
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            </div>
                        }
                    })}
                {(!c.invisible.is_empty())
                    .then(|| {
                        view! {
                            <ul data-testid="invisible-names">
                                {c.invisible.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}
                            </ul>
                        }
                    })}
                {(!c.refused.is_empty())
                    .then(|| {
                        view! {
                            <ul class="refused">
                                {c
                                    .refused
                                    .iter()
                                    .map(|(f, why)| view! { <li>{format!("{f}：{why}")}</li> })
                                    .collect_view()}
                            </ul>
                        }
                    })}
            </section>
            <crate::ui::screens::summary::Signatures first="汇总人签字" />
        </article>
    }
}
