//! 备份与恢复 on the home page: a reminder when changes are in no file yet,
//! one file with everything, and restoring one with a preview first.

use super::clock::{format_local, now_ms};
use super::library;
use crate::core::backup::{encode_backup, needs_backup, open_backup, Backup, RestorePlan};
use crate::core::Assessment;
use crate::files;
use crate::store;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Settings that are bookkeeping of this browser, not the user's choices.
fn is_bookkeeping(name: &str) -> bool {
    name.starts_with("exported.") || name == "backup_at"
}

fn title_of(a: &Assessment) -> String {
    match library::find(&a.template_id, a.template_version) {
        Some(t) => a.title(t),
        None => format!("{}-{}", a.respondent.name, a.round),
    }
}

#[component]
pub fn BackupPanel(on_restored: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let revision = RwSignal::new(0u32);
    let message = RwSignal::new(None::<(bool, String)>);
    let plan = RwSignal::new(None::<(String, RestorePlan)>);
    let unsaved = Memo::new(move |_| {
        revision.track();
        let all = store::list_assessments().map(|(good, _)| good).unwrap_or_default();
        let last = store::load_setting("backup_at")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        needs_backup(&all, last, store::exported_at)
    });

    let back_up = move |_| {
        let assessments = store::list_assessments().map(|(good, _)| good).unwrap_or_default();
        let templates = store::list_templates().map(|(good, _)| good).unwrap_or_default();
        let settings = store::list_settings()
            .into_iter()
            .filter(|(k, _)| !is_bookkeeping(k))
            .collect();
        let now = now_ms();
        let text = encode_backup(
            &Backup {
                assessments,
                templates,
                settings,
            },
            now,
        );
        let day = format_local(now).chars().take(10).collect::<String>();
        match files::download(&format!("模范备份-{day}.json"), "application/json", &text) {
            Ok(()) => {
                let _ = store::save_setting("backup_at", &now.to_string());
                message.set(Some((true, "已生成备份文件，请妥善保存（例如拷到U盘）。".into())));
                revision.update(|n| *n += 1);
            }
            Err(e) => message.set(Some((false, e.0))),
        }
    };

    let pick = move |file: Option<web_sys::File>| {
        let Some(file) = file else { return };
        spawn_local(async move {
            let name = file.name();
            let text = files::read_file(&file).await.and_then(|b| files::decode_text(&b));
            let backup = match text.map_err(|e| e.0).and_then(|t| open_backup(&t)) {
                Ok(b) => b,
                Err(e) => {
                    plan.set(None);
                    message.set(Some((false, format!("“{name}”未恢复：{e}。本机内容没有任何改动。"))));
                    return;
                }
            };
            let here = store::list_assessments().map(|(good, _)| good).unwrap_or_default();
            let templates_here = store::list_templates().map(|(good, _)| good).unwrap_or_default();
            let settings_here = store::list_settings();
            message.set(None);
            plan.set(Some((
                name,
                RestorePlan::make(&backup, &here, &templates_here, &settings_here, title_of),
            )));
        });
    };

    let apply = move |_| {
        let Some((_, p)) = plan.get_untracked() else { return };
        let mut done = 0;
        let mut failure = None;
        for a in &p.assessments {
            match store::save_assessment(a) {
                Ok(()) => done += 1,
                Err(e) => {
                    failure = Some(e.to_string());
                    break;
                }
            }
        }
        if failure.is_none() {
            for t in &p.templates {
                match store::save_template(t) {
                    Ok(()) => {
                        library::add(t.clone());
                        done += 1;
                    }
                    Err(e) => {
                        failure = Some(e.to_string());
                        break;
                    }
                }
            }
        }
        if failure.is_none() {
            for (k, v) in &p.settings {
                if store::save_setting(k, v).is_ok() {
                    done += 1;
                }
            }
        }
        plan.set(None);
        message.set(Some(match failure {
            None => (true, format!("已恢复 {done} 项。")),
            Some(e) => (false, format!("已恢复 {done} 项后停止：{e}")),
        }));
        revision.update(|n| *n += 1);
        on_restored();
    };

    view! {
        <section class="panel backup" aria-labelledby="backup-h">
            <h2 id="backup-h">"备份与恢复"</h2>
            <p data-testid="backup-reminder" class=move || { if unsaved.get() > 0 { "notice warn" } else { "hint" } }>
                {move || match unsaved.get() {
                    0 => "所有自查的修改都已在备份或导出的文件中。".to_string(),
                    n => format!("有 {n} 份自查的修改还没有备份或导出。浏览器数据可能被清理，建议现在备份。"),
                }}
            </p>
            <div class="actions">
                <button class="primary" on:click=back_up>"备份全部（一个文件）"</button>
                <label class="file-pick">
                    <span>"从备份恢复："</span>
                    <input type="file" accept=".json,application/json" aria-label="选择备份文件"
                        on:change=move |ev| {
                            let input: web_sys::HtmlInputElement = event_target(&ev);
                            pick(input.files().and_then(|l| l.get(0)));
                            input.set_value("");
                        } />
                </label>
            </div>
            {move || message.get().map(|(ok, m)| view! {
                <p class=if ok { "notice ok" } else { "notice error" } role="status">{m}</p>
            })}
            {move || plan.get().map(|(name, p)| {
                let writes = p.writes();
                view! {
                    <div class="restore-plan" data-testid="restore-plan">
                        <p><strong>{format!("“{name}”中的内容与本机比较：")}</strong></p>
                        <table class="preview-table">
                            <thead><tr><th>"类别"</th><th>"内容"</th><th>"恢复后"</th></tr></thead>
                            <tbody>
                                {p.lines.iter().map(|l| view! {
                                    <tr class:writes=l.step.writes()><td>{l.kind}</td><td>{l.what.clone()}</td><td>{l.step.label()}</td></tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                        <div class="actions">
                            <button class="primary" on:click=apply disabled=writes == 0>{format!("恢复（写入 {writes} 项）")}</button>
                            <button on:click=move |_| plan.set(None)>"取消"</button>
                        </div>
                    </div>
                }
            })}
        </section>
    }
}
