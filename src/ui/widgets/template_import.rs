//! 导入评分表: a JSON template or a CSV saved from Excel (UTF-8 or GBK),
//! previewed with every problem listed by line; nothing is saved until the
//! file is right and the user confirms.

use crate::core::exchange::file_jobs::{Job, Outcome};
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

/// Reads, decodes and checks one file (the files worker reads it).
async fn examine(file: web_sys::File, library: Library) -> ImportState {
    let name = file.name();
    let problems = |problems: Vec<String>| ImportState::Problems {
        file: name.clone(),
        problems,
    };
    let text = match files::read_text(&file, files::TEMPLATE_FILE).await {
        Ok(text) => text,
        Err(e) => return problems(vec![e.0]),
    };
    let file = match files_module::run(Job::ReadTemplate {
        name: name.clone(),
        text,
    })
    .await
    {
        Ok(Outcome::Template(f)) => f,
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
        state.set(ImportState::Reading(file.name()));
        spawn_local(async move { state.set(examine(file, library).await) });
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
                "可导入本单位的评分细则：.json 评分表文件，或在Excel中另存为CSV的表格（UTF-8或GBK均可）。"
                "表格第一行为列名：一级指标、二级指标/考核内容、评分标准、分值，可选评分方式、佐证材料。\
                    也可把文件拖到这里。"
            </p>
            <FilePick
                label="选择评分表文件"
                accept=".json,.csv,.txt,application/json,text/csv"
                on_files=move |files| take(files.into_iter().next())
            />
            {move || match state.get() {
                ImportState::Idle => ().into_any(),
                ImportState::Reading(name) => {
                    view! { <p class="hint">{format!("正在读取“{name}”…")}</p> }.into_any()
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
