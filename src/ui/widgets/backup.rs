//! 备份与恢复 on the home page: a reminder when changes are in no file yet,
//! one file with everything, and restoring one with a preview first.

use crate::core::exchange::backup::{encode_backup, RestorePlan};
use crate::core::exchange::file_jobs::{Job, Outcome};
use crate::core::Assessment;
use crate::files;
use crate::store;
use crate::ui::state::clock::{format_local, now_ms};
use crate::ui::state::library::{use_library, Library};
use crate::ui::widgets::file_pick::FilePick;
use leptos::prelude::*;
use leptos::task::spawn_local;

fn title_of(library: Library, a: &Assessment) -> String {
    match library.find(&a.template_id, a.template_version) {
        Some(t) => a.title(t),
        None => format!("{}-{}", a.respondent.name, a.round),
    }
}

#[component]
pub fn BackupPanel(
    /// The self-checks listed on the home page; the reminder follows them.
    saved: Signal<Vec<Assessment>>,
    on_restored: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let library = use_library();
    let revision = RwSignal::new(0u32);
    let message = RwSignal::new(None::<(bool, String)>);
    let plan = RwSignal::new(None::<(String, RestorePlan)>);
    let unsaved = Memo::new(move |_| {
        revision.track();
        saved.with(|all| store::not_backed_up(all))
    });

    let back_up = move |_| {
        let now = now_ms();
        let text = encode_backup(&store::everything(), now);
        let day = format_local(now).chars().take(10).collect::<String>();
        match files::download(&format!("模范备份-{day}.json"), files::Form::Json.mime(), &text) {
            Ok(()) => {
                store::mark_backed_up(now);
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
            let text = files::read_text(&file, files::BACKUP_FILE).await;
            let backup = match text.map_err(|e| e.0) {
                Err(e) => Err(e),
                // Checked in the files worker.
                Ok(text) => {
                    let job = Job::OpenBackup {
                        text,
                        imported: library.imported_owned(),
                    };
                    match crate::files_module::run(job).await {
                        Ok(Outcome::Backup(b)) => Ok(b),
                        Ok(Outcome::Refused(why)) => Err(why.join("；")),
                        Ok(_) => Err(crate::files_module::unexpected().0),
                        Err(e) => Err(e.0),
                    }
                }
            };
            let backup = match backup {
                Ok(b) => b,
                Err(e) => {
                    plan.set(None);
                    message.set(Some((false, format!("“{name}”未恢复：{e}。本机内容没有任何改动。"))));
                    return;
                }
            };
            let here = store::everything();
            message.set(None);
            plan.set(Some((
                name,
                RestorePlan::make(&backup, &here, |a| title_of(library, a)),
            )));
        });
    };

    let apply =
        move |_| {
            let Some((_, p)) = plan.get_untracked() else { return };
            let restored = store::restore(&p);
            plan.set(None);
            message.set(Some(match restored {
            store::Restored::All {
                assessments,
                templates,
                settings,
            } => {
                let counts = format!("自查 {assessments} 份、评分表 {} 份、设置 {settings} 项", templates.len());
                for t in templates {
                    library.add(t);
                }
                (true, format!("已全部恢复：{counts}。"))
            }
            store::Restored::Nothing(store::StoreError::QuotaExceeded) => (
                false,
                "浏览器本地存储空间不足，放不下备份中要恢复的全部内容，因此没有恢复任何内容，本机原有内容没有改动。\
                    请删除不需要的自查记录后重试。".to_string(),
            ),
            store::Restored::Nothing(e) => (false, format!("没有恢复任何内容，本机原有内容没有改动：{e}")),
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
                    n => {
                        format!(
                            "有 {n} 份自查的修改还没有备份或导出。浏览器数据可能被清理，建议现在备份。",
                        )
                    }
                }}
            </p>
            <div class="actions">
                <button class="primary" on:click=back_up>
                    "备份全部（一个文件）"
                </button>
                <FilePick
                    label="选择备份文件"
                    caption="从备份恢复："
                    accept=".json,application/json"
                    on_files=move |files| pick(files.into_iter().next())
                />
            </div>
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
            {move || {
                plan.get()
                    .map(|(name, p)| {
                        let writes = p.writes();
                        view! {
                            <div class="restore-plan" data-testid="restore-plan">
                                <p>
                                    <strong>{format!("“{name}”中的内容与本机比较：")}</strong>
                                </p>
                                <table class="preview-table">
                                    <thead>
                                        <tr>
                                            <th>"类别"</th>
                                            <th>"内容"</th>
                                            <th>"恢复后"</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {p
                                            .lines
                                            .iter()
                                            .map(|l| {
                                                view! {
                                                    <tr class:writes=l.step.writes()>
                                                        <td>{l.kind}</td>
                                                        <td>{l.what.clone()}</td>
                                                        <td>{l.step.label()}</td>
                                                    </tr>
                                                }
                                            })
                                            .collect_view()}
                                    </tbody>
                                </table>
                                <div class="actions">
                                    <button class="primary" on:click=apply disabled=writes == 0>
                                        {format!("恢复（写入 {writes} 项）")}
                                    </button>
                                    <button on:click=move |_| plan.set(None)>"取消"</button>
                                </div>
                            </div>
                        }
                    })
            }}
        </section>
    }
}
