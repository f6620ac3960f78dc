//! 导入评分表: a JSON template, a CSV saved from Excel (UTF-8 or GBK), or an
//! Excel workbook (.xlsx, .xls, .ods; the sheet is chosen when there are
//! several), previewed with every problem listed by row; nothing is saved
//! until the file is right and the user confirms.

use crate::core::exchange::file_jobs::{Job, Outcome};
use crate::core::exchange::text_file::may_be_workbook;
use crate::core::template::library::{plan_import, ImportPlan};
use crate::core::Template;
use crate::store;
use crate::ui::state::library::{use_library, Library};
use crate::ui::widgets::file_pick::{dropped, FilePick};
use crate::{files, files_module};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[derive(Debug, Clone, PartialEq)]
enum ImportState {
    Idle,
    Reading(String),
    /// A workbook with several sheets: which one holds the checklist.
    ChooseSheet {
        file: String,
        bytes: Vec<u8>,
        sheets: Vec<String>,
    },
    /// A valid template, ready to save, and what saving it will do.
    Preview {
        file: String,
        template: Template,
        what: String,
        replaces: Option<u32>,
    },
    /// The file has problems; nothing was saved.
    Problems {
        file: String,
        problems: Vec<String>,
    },
    Done(String),
}

/// Reads one picked file: a workbook as it is, anything else decoded as text.
async fn job_for(file: &web_sys::File) -> Result<Job, String> {
    let name = file.name();
    let bytes = files::read_bytes(file, files::TEMPLATE_FILE).await.map_err(|e| e.0)?;
    if may_be_workbook(&bytes) {
        return Ok(Job::ReadWorkbook {
            name,
            bytes,
            sheet: None,
        });
    }
    let text = files::decode_text(&bytes).map_err(|e| e.0)?;
    Ok(Job::ReadTemplate { name, text })
}

/// Checks one file, or one sheet of a workbook (the files worker reads text, the Excel worker workbooks).
async fn examine(name: String, job: Result<Job, String>, library: Library) -> ImportState {
    let problems = |problems: Vec<String>| ImportState::Problems {
        file: name.clone(),
        problems,
    };
    let job = match job {
        Ok(job) => job,
        Err(e) => return problems(vec![e]),
    };
    let bytes = match &job {
        Job::ReadWorkbook { bytes, .. } => bytes.clone(),
        _ => Vec::new(),
    };
    let file = match files_module::run(job).await {
        Ok(Outcome::Template(f)) => f,
        Ok(Outcome::Sheets(sheets)) => {
            return ImportState::ChooseSheet {
                file: name,
                bytes,
                sheets,
            }
        }
        Ok(Outcome::Refused(errors)) => return problems(errors),
        Ok(_) => return problems(vec![files_module::unexpected().0]),
        Err(e) => return problems(vec![e.0]),
    };
    match plan_import(
        file.template,
        &library.builtin(),
        &library.imported(),
        file.from_spreadsheet,
    ) {
        Err(refusal) => problems(vec![refusal.message()]),
        Ok(ImportPlan::AlreadyThere { version }) => {
            ImportState::Done(format!("本机已有内容相同的这份评分表（第{version}版），无需重复导入。"))
        }
        Ok(ImportPlan::New(template)) => ImportState::Preview {
            file: name,
            what: format!("新评分表，将保存为第{}版", template.version),
            template,
            replaces: None,
        },
        Ok(ImportPlan::NewVersion { template, replaces }) => ImportState::Preview {
            file: name,
            what: format!(
                "与本机第{replaces}版内容不同，将保存为第{}版（旧版保留）",
                template.version
            ),
            template,
            replaces: Some(replaces),
        },
    }
}

#[component]
pub fn TemplateImport() -> impl IntoView {
    let library = use_library();
    let state = RwSignal::new(ImportState::Idle);
    let take = move |file: Option<web_sys::File>| {
        let Some(file) = file else {
            return;
        };
        let name = file.name();
        state.set(ImportState::Reading(name.clone()));
        spawn_local(async move {
            let job = job_for(&file).await;
            state.set(examine(name, job, library).await)
        });
    };
    // The sheet chosen of a workbook with several.
    let read_sheet = move |file: String, bytes: Vec<u8>, sheet: String| {
        state.set(ImportState::Reading(format!("{file}：{sheet}")));
        let job = Job::ReadWorkbook {
            name: file.clone(),
            bytes,
            sheet: Some(sheet),
        };
        spawn_local(async move { state.set(examine(file, Ok(job), library).await) });
    };
    let save = move |_| {
        let ImportState::Preview { template, replaces, .. } = state.get_untracked() else {
            return;
        };
        let note = replaces.map_or(String::new(), |r| format!("；第{r}版仍保留，用旧版填写的自查照常打开"));
        match store::save_template(&template) {
            Err(e) => state.set(ImportState::Problems {
                file: template.title.clone(),
                problems: vec![e.to_string()],
            }),
            Ok(()) => {
                let t = library.add(template);
                state.set(ImportState::Done(format!(
                    "已保存“{}”第{}版{note}。现在可以在“新建自查”中选择它。",
                    t.title, t.version
                )));
            }
        }
    };

    view! {
        <section
            class="panel import"
            aria-labelledby="import-h"
            on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default()
            on:drop=move |ev: leptos::ev::DragEvent| take(dropped(&ev).into_iter().next())
        >
            <h2 id="import-h">"导入评分表"</h2>
            <p class="hint">
                "可导入本单位的评分细则：Excel或WPS的表格（.xlsx、.xls），另存为CSV的表格（UTF-8或GBK均可），或 .json 评分表文件。"
                "表格第一行为列名：一级指标、二级指标/考核内容、评分标准、分值，可选评分方式、佐证材料。\
                    也可把文件拖到这里。"
            </p>
            <FilePick
                label="选择评分表文件"
                accept=".xlsx,.xls,.ods,.csv,.txt,.json,application/json,text/csv"
                on_files=move |files| take(files.into_iter().next())
            />
            {move || match state.get() {
                ImportState::Idle => ().into_any(),
                ImportState::Reading(name) => {
                    view! { <p class="hint">{format!("正在读取“{name}”…")}</p> }.into_any()
                }
                ImportState::ChooseSheet { file, bytes, sheets } => {
                    view! { <SheetChoice file=file bytes=bytes sheets=sheets on_read=read_sheet /> }.into_any()
                }
                ImportState::Done(msg) => {
                    view! {
                        <p class="notice ok" role="status">
                            {msg}
                        </p>
                    }
                        .into_any()
                }
                ImportState::Problems { file, problems } => {
                    view! {
                        <div class="notice error import-problems" role="alert">
                            <p>
                                <strong>
                                    {format!("“{file}”有 {} 处问题，未保存任何内容：", problems.len())}
                                </strong>
                            </p>
                            <ul>{problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                            <p>"请修改文件后重新选择。"</p>
                        </div>
                    }
                        .into_any()
                }
                ImportState::Preview { file, template, what, .. } => {
                    view! {
                        <Preview
                            file=file
                            template=template
                            what=what
                            on_save=save
                            on_cancel=move |_| state.set(ImportState::Idle)
                        />
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

#[component]
fn Preview(
    file: String,
    template: Template,
    what: String,
    on_save: impl Fn(leptos::ev::MouseEvent) + 'static,
    on_cancel: impl Fn(leptos::ev::MouseEvent) + 'static,
) -> impl IntoView {
    let grades = template
        .grades
        .iter()
        .map(|g| format!("{}≥{}", g.name, g.min))
        .collect::<Vec<_>>()
        .join("，");
    view! {
        <div class="preview" data-testid="import-preview">
            <p>
                <strong>{template.title.clone()}</strong>
                {format!("（来自“{file}”）")}
            </p>
            <p class="hint">{what}</p>
            <table class="preview-table">
                <thead>
                    <tr>
                        <th>"一级指标"</th>
                        <th>"考核内容"</th>
                        <th>"分值"</th>
                        <th>"计分方式"</th>
                    </tr>
                </thead>
                <tbody>
                    {template
                        .sections
                        .iter()
                        .flat_map(|s| {
                            s.items
                                .iter()
                                .enumerate()
                                .map(move |(i, item)| {
                                    view! {
                                        <tr>
                                            <td>{if i == 0 { s.title.clone() } else { String::new() }}</td>
                                            <td>{item.title.clone()}</td>
                                            <td class="num">{item.points.to_string()}</td>
                                            <td>{item.rule.describe(item.points)}</td>
                                        </tr>
                                    }
                                })
                        })
                        .collect_view()}
                </tbody>
            </table>
            <p>
                {format!(
                    "{}个一级指标，{}项，满分{}分；适用：{}；等次：{grades}",
                    template.sections.len(),
                    template.item_count(),
                    template.total,
                    template.audience.label(),
                )}
            </p>
            <div class="actions">
                <button class="primary" on:click=on_save>
                    "保存评分表"
                </button>
                <button on:click=on_cancel>"取消"</button>
            </div>
        </div>
    }
}

/// A workbook with several sheets: the user says which holds the checklist.
#[component]
fn SheetChoice(
    file: String,
    bytes: Vec<u8>,
    sheets: Vec<String>,
    on_read: impl Fn(String, Vec<u8>, String) + 'static,
) -> impl IntoView {
    let chosen = RwSignal::new(sheets.first().cloned().unwrap_or_default());
    let read = move |_| on_read(file.clone(), bytes.clone(), chosen.get_untracked());
    view! {
        <div class="notice sheet-choice" data-testid="sheet-choice">
            <label class="field">
                <span>
                    {format!(
                        "这个工作簿有 {} 张工作表，请选择评分细则所在的一张：",
                        sheets.len(),
                    )}
                </span>
                <select aria-label="工作表" on:change=move |ev| chosen.set(event_target_value(&ev))>
                    {sheets
                        .iter()
                        .map(|s| {
                            let is = *s == chosen.get_untracked();
                            view! {
                                <option value=s.clone() selected=is>
                                    {s.clone()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
            <div class="actions">
                <button class="primary" on:click=read>
                    "读取这张工作表"
                </button>
            </div>
        </div>
    }
}
