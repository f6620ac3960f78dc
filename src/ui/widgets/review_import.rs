//! 审核成员结果文件: the secretary opens a member's result file; it is kept in
//! this browser beside her own self-checks and opened for review. A newer
//! file from the same member updates the member's answers and keeps the
//! review already entered. A file taken in is marked as received: the home
//! list shows it 待审核 or 已审核, and it opens for review only.

use crate::core::exchange::file_jobs::{FileRead, Job, Outcome};
use crate::core::Assessment;
use crate::files_module;
use crate::store::{self, Loaded};
use crate::ui::state::library::{use_library, Library};
use crate::ui::state::route::Route;
use crate::ui::widgets::file_pick::FilePick;
use crate::ui::widgets::notice::ProblemNotice;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Checks the file and stores its self-check; returns the id to review.
async fn bring_in(file: web_sys::File, library: Library) -> Result<String, String> {
    let name = file.name();
    let fail = |why: String| format!("“{name}”未导入：{why}");
    // Read and checked in the files worker, against the built-in checklists and the imported ones.
    let job = Job::OpenResults {
        files: Vec::new(),
        imported: library.imported_owned(),
    };
    let read = match files_module::run_with_files(job, &[file])
        .await
        .map_err(|e| fail(e.0))?
    {
        Outcome::Files(read) => read.into_iter().next(),
        _ => None,
    };
    let incoming = match read {
        Some(FileRead::Submissions {
            branch_file: false,
            submissions,
        }) => submissions.into_iter().next().map(|s| s.assessment),
        Some(FileRead::Submissions { branch_file: true, .. }) => {
            return Err(fail("这是支部汇总文件，请在“支部汇总”页导入".into()))
        }
        Some(FileRead::Refused(why)) => return Err(fail(why)),
        None => None,
    }
    .ok_or_else(|| fail(files_module::unexpected().0))?;
    let id = incoming.id.clone();
    let to_store = match store::load_assessment(&id).map_err(|e| fail(e.to_string()))? {
        // Marked as received: it is reviewed here, never filled in as one's own.
        Loaded::Missing => Some(Assessment {
            received_at: Some(crate::ui::state::clock::now_ms()),
            ..incoming
        }),
        Loaded::Found(mut local) => local.take_member_part(&incoming).then_some(local),
        Loaded::Bad(b) => {
            return Err(fail(format!(
                "本机同一份自查的记录（{}）无法读取，为免覆盖，未导入。",
                b.key
            )))
        }
    };
    if let Some(a) = to_store {
        store::save_assessment(&a).map_err(|e| fail(e.to_string()))?;
    }
    Ok(id)
}

#[component]
pub fn ReviewImport() -> impl IntoView {
    let library = use_library();
    let problem = RwSignal::new(None::<String>);
    let take = move |file: Option<web_sys::File>| {
        let Some(file) = file else { return };
        spawn_local(async move {
            match bring_in(file, library).await {
                Ok(id) => Route::Review { id, section: 0 }.go(),
                Err(e) => problem.set(Some(e)),
            }
        });
    };
    view! {
        <section class="panel review-import" aria-labelledby="review-h">
            <h2 id="review-h">"支部书记：审核与汇总"</h2>
            <p class="hint">
                "打开党员导出的结果文件，在自评旁填写审核分和审核意见，再导出审核后的文件；党员的自评不会被改动。"
            </p>
            <div class="actions">
                <FilePick
                    label="选择要审核的结果文件"
                    caption="审核一份结果文件："
                    accept=".json,application/json"
                    on_files=move |files| take(files.into_iter().next())
                />
                <a class="button primary" href=Route::Branch.to_hash()>
                    "支部汇总（导入多份结果文件）"
                </a>
            </div>
            <ProblemNotice problem=problem />
        </section>
    }
}
