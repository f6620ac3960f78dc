//! 首页: the saved self-checks, and starting a new one.

use crate::core::{Assessment, Scorecard};
use crate::store::{self, BadRecord};
use crate::ui::state::clock::{format_local, now_ms};
use crate::ui::state::library::use_library;
use crate::ui::state::role::use_role;
use crate::ui::state::route::Route;
use crate::ui::widgets::start_form::StartForm;
use crate::ui::widgets::template_import::TemplateImport;
use leptos::prelude::*;

#[component]
pub fn Home() -> impl IntoView {
    let listing = RwSignal::new(store::list_assessments());
    let quarantined = RwSignal::new(store::list_quarantined().unwrap_or_default());
    let reload_quarantine = move || quarantined.set(store::list_quarantined().unwrap_or_default());
    let notice = RwSignal::new(None::<String>);
    let reload = move || listing.set(store::list_assessments());
    let library = use_library();

    let latest = listing.with_untracked(|l| l.as_ref().ok().and_then(|(good, _)| good.first().cloned()));

    view! {
        <div class="home">
            <h1 class="visually-hidden">"模范 · 自查自评"</h1>
            {move || {
                notice
                    .get()
                    .map(|n| {
                        view! {
                            <p class="notice error" role="alert">
                                {n}
                            </p>
                        }
                    })
            }}
            <crate::ui::widgets::elder_toggle::ElderToggle />
            <crate::ui::widgets::role_pick::RolePick />
            <KeptNotice on_written=reload />
            {move || {
                listing
                    .with(|l| match l {
                        Err(e) => {
                            view! {
                                <p class="notice error" role="alert">
                                    {e.to_string()}
                                </p>
                            }
                                .into_any()
                        }
                        Ok((_, bad)) => {
                            let mut bad = bad.clone();
                            bad.extend(use_context::<crate::ui::BadTemplates>().map(|b| b.0).unwrap_or_default());
                            bad.extend(quarantined.get());
                            (!bad.is_empty())
                                .then(|| view! { <BadRecords bad=bad on_deleted=reload_quarantine /> })
                                .into_any()
                        }
                    })
            }}
            <section class="panel saved-list" aria-labelledby="saved-h">
                <h2 id="saved-h">"我的自查"</h2>
                <Show when=move || listing.with(|l| l.as_ref().is_ok_and(|(good, _)| good.is_empty()))>
                    <p class="empty">"还没有自查记录。请在下方选择评分表开始第一次自查。"</p>
                </Show>
                <ul class="saved">
                    // Keyed by id and edit time: a changed or deleted self-check redraws its row alone;
                    // and by the checklists here: the older version a row waits for redraws it when it comes.
                    <For
                        each=move || {
                            let versions = library.versions_here();
                            listing
                                .with(|l| {
                                    l.as_ref()
                                        .map(|(good, _)| good.iter().map(|a| (a.clone(), versions)).collect::<Vec<_>>())
                                        .unwrap_or_default()
                                })
                        }
                        key=|(a, versions): &(Assessment, usize)| (a.id.clone(), a.updated_at, *versions)
                        let:row
                    >
                        <SavedRow
                            assessment=row.0
                            on_deleted=Callback::new(move |r: Result<(), String>| {
                                if let Err(e) = r {
                                    notice.set(Some(e));
                                }
                                reload();
                            })
                        />
                    </For>
                </ul>
            </section>
            <StartForm latest=latest />
            // Review and the desk are a secretary's: a member is not offered them.
            <Show when=move || use_role().reviews()>
                <crate::ui::widgets::review_import::ReviewImport />
            </Show>
            <TemplateImport />
            <crate::ui::widgets::backup::BackupPanel
                saved=Signal::derive(move || {
                    listing.with(|l| l.as_ref().map(|(good, _)| good.clone()).unwrap_or_default())
                })
                on_restored=move || {
                    listing.set(store::list_assessments());
                    reload_quarantine();
                }
            />
            <PersistenceNote />
        </div>
    }
}

/// Self-checks whose latest changes are kept aside because localStorage
/// was full, and the button that writes them back once there is room.
#[component]
fn KeptNotice(on_written: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let kept: crate::ui::state::kept::KeptCopies = expect_context();
    let message = RwSignal::new(None::<(bool, String)>);
    let write_back = move |_| {
        let mut written = 0;
        let mut failed = None;
        for (id, text) in kept.copies.get_untracked() {
            match store::write_back(&id, &text, now_ms()) {
                Ok(()) => {
                    kept.forget(id);
                    written += 1;
                }
                Err(e) => {
                    failed = Some(e);
                    break;
                }
            }
        }
        message.set(Some(match failed {
            None => (true, format!("已写回 {written} 份自查的修改，本地存储中已是最新内容。")),
            Some(e) => (false, format!("写回未完成：{e}")),
        }));
        on_written();
    };
    view! {
        {move || {
            let n = kept.copies.with(Vec::len);
            (n > 0)
                .then(|| {
                    view! {
                        <section class="notice warn kept-copies" role="alert">
                            <p>
                                {format!(
                                    "有 {n} 份自查的最近修改因本地存储空间已满，暂存在浏览器的备用存储中，还没有写回。\
                                     请删除不需要的记录腾出空间，再点“写回本地存储”；\
                                     打开这些自查时看到的已是暂存的内容。",
                                )}
                            </p>
                            <button class="primary" on:click=write_back>
                                "写回本地存储"
                            </button>
                        </section>
                    }
                })
        }}
        {move || {
            message
                .get()
                .map(|(ok, m)| {
                    view! {
                        <p class=if ok { "notice ok" } else { "notice error" } role="status">
                            {m}
                        </p>
                    }
                })
        }}
    }
}

#[component]
fn SavedRow(assessment: Assessment, on_deleted: Callback<Result<(), String>>) -> impl IntoView {
    let confirming = RwSignal::new(false);
    let library = use_library();
    let template = library.find(&assessment.template_id, assessment.template_version);
    let id = assessment.id.clone();
    // A member's file taken in to review: reviewed here, never filled in as one's own.
    let received = assessment.is_received();
    let open = {
        let id = id.clone();
        move |_| {
            let id = id.clone();
            if received {
                Route::Review { id, section: 0 }.go()
            } else {
                Route::Check { id, section: 0 }.go()
            }
        }
    };
    let summary_href = Route::Summary { id: id.clone() }.to_hash();
    let delete = move |_| on_deleted.run(store::delete_assessment(&id).map_err(|e| e.to_string()));
    let review_state = template
        .filter(|_| received)
        .map(|t| crate::core::assessment::scoring::ReviewProgress::of(t, &assessment));
    let (title, summary) = match template {
        Some(t) => {
            let card = Scorecard::of_self(t, &assessment);
            let bad = crate::core::assessment::answer_check::answer_problems(t, &assessment).len();
            let misfits = if bad == 0 {
                String::new()
            } else {
                format!(" · {bad} 个答案不符合评分规则")
            };
            let whose = if received { "自评" } else { "" };
            (
                t.short_title.clone(),
                format!(
                    "{whose}已答 {}/{} 项 · {} 分 · {}{misfits}",
                    card.answered,
                    card.items,
                    card.total,
                    card.grade_shown()
                ),
            )
        }
        None => (
            library
                .newest(&assessment.template_id)
                .map_or_else(|| assessment.template_id.clone(), |t| t.short_title.clone()),
            if library.arriving(&assessment.template_id, assessment.template_version) {
                format!("正在载入所用的评分表第{}版…", assessment.template_version)
            } else {
                format!(
                    "本机没有所用的评分表第{}版，无法计分；打开后可导入",
                    assessment.template_version
                )
            },
        ),
    };
    let who = assessment.respondent.line();
    view! {
        <li class="saved-row" class:received=received data-id=assessment.id.clone()>
            <div class="saved-main">
                {review_state
                    .map(|progress| {
                        view! {
                            <span class="review-state" data-state=progress.key()>
                                {progress.label()}
                            </span>
                        }
                    })} <strong class="saved-title">{title}</strong>
                <span class="saved-round">{assessment.round.clone()}</span> <span class="saved-who">{who}</span>
                <span class="saved-score">{summary}</span>
                <span class="saved-time">"最近编辑 "{format_local(assessment.updated_at)}</span>
            </div>
            <div class="saved-actions">
                <Show
                    when=move || confirming.get()
                    fallback=move || {
                        view! {
                            <button class="primary" on:click=open.clone()>
                                {if received { "审核" } else { "继续填写" }}
                            </button>
                            <a class="button" href=summary_href.clone() class:disabled=template.is_none()>
                                "汇总·打印"
                            </a>
                            <button class="danger-outline" on:click=move |_| confirming.set(true)>
                                "删除"
                            </button>
                        }
                    }
                >
                    <span class="confirm-text">"删除后无法恢复，确定删除？"</span>
                    <button class="danger" on:click=delete.clone()>
                        "确认删除"
                    </button>
                    <button on:click=move |_| confirming.set(false)>"取消"</button>
                </Show>
            </div>
        </li>
    }
}

#[component]
fn BadRecords(bad: Vec<BadRecord>, on_deleted: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let failed = RwSignal::new(None::<String>);
    view! {
        <section class="notice error bad-records" role="alert">
            <h2>{format!("有 {} 条本地记录无法读取", bad.len())}</h2>
            <p>
                "无法读取的记录已原样移到隔离区（较新版本保存的记录留在原处），没有被修改；其他自查记录不受影响。"
                "可下载原始内容交给管理员恢复，确认不再需要后再删除。"
            </p>
            <ul>
                {bad
                    .into_iter()
                    .map(|b| {
                        let name = b.moved_from.clone().unwrap_or_else(|| b.key.clone());
                        let file = crate::files::safe_file_name(&format!("{name}.txt"));
                        let raw = b.raw.clone();
                        let key = b.key.clone();
                        let confirming = RwSignal::new(false);
                        view! {
                            <li data-key=b.key.clone()>
                                <code>{name}</code>
                                "："
                                {b.error.to_string()}
                                <span class="raw-size">
                                    {format!("（原始内容 {} 个字符", b.raw.chars().count())}
                                    {b.moved_from.is_some().then(|| format!("，隔离保存为 {}", b.key))}"）"
                                </span>
                                " "
                                <button
                                    class="link"
                                    on:click=move |_| {
                                        if let Err(e) = crate::files::download(
                                            &file,
                                            "text/plain;charset=utf-8",
                                            &raw,
                                        ) {
                                            failed.set(Some(e.0));
                                        }
                                    }
                                >
                                    "下载原始内容"
                                </button>
                                {b
                                    .moved_from
                                    .is_some()
                                    .then(|| {
                                        view! {
                                            <Show
                                                when=move || confirming.get()
                                                fallback=move || {
                                                    view! {
                                                        <button class="link" on:click=move |_| confirming.set(true)>
                                                            "删除"
                                                        </button>
                                                    }
                                                }
                                            >
                                                <span class="confirm-text">"删除后无法恢复，确定？"</span>
                                                <button
                                                    class="danger"
                                                    on:click={
                                                        let key = key.clone();
                                                        move |_| {
                                                            if let Err(e) = store::delete_quarantined(&key) {
                                                                failed.set(Some(e.to_string()));
                                                            }
                                                            on_deleted();
                                                        }
                                                    }
                                                >
                                                    "确认删除"
                                                </button>
                                                <button on:click=move |_| confirming.set(false)>"取消"</button>
                                            </Show>
                                        }
                                    })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            {move || {
                failed
                    .get()
                    .map(|m| {
                        view! {
                            <p>
                                <strong>{m}</strong>
                            </p>
                        }
                    })
            }}
        </section>
    }
}

/// Asks the browser to keep this site's data even when disk space runs low,
/// and says what it answered.
#[component]
fn PersistenceNote() -> impl IntoView {
    let granted = RwSignal::new(None::<bool>);
    if let Some(manager) = web_sys::window().map(|w| w.navigator().storage()) {
        if let Ok(promise) = manager.persist() {
            leptos::task::spawn_local(async move {
                if let Ok(v) = wasm_bindgen_futures::JsFuture::from(promise).await {
                    granted.set(v.as_bool());
                }
            });
        }
    }
    view! {
        <p class="hint persistence" data-testid="persistence">
            {move || match granted.get() {
                Some(true) => "浏览器已同意持久保存本站数据，清理空间时不会自动删除。",
                Some(false) => {
                    "浏览器未承诺持久保存本站数据（空间不足或清理浏览数据时可能被删除），请注意备份。"
                }
                None => "",
            }}
        </p>
    }
}
