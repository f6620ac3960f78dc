//! The work on files that the files worker does, off the main module and off
//! the page's thread: reading a picked checklist file (JSON or a spreadsheet),
//! checking result files, branch files and backups, and writing spreadsheets
//! and template files. Workbook jobs travel the same way to the Excel worker,
//! a third module that does only those (see `workbook_jobs`). The worker is a second wasm module fetched the first
//! time a user imports, opens or exports one, so this code (the csv crate,
//! the checks of files between people) is not in what every member downloads.
//!
//! A job goes to the worker as a JSON [`Request`] and its outcome comes back
//! as a JSON [`Reply`]; [`answer`] is all the worker runs, tested here.

use crate::core::assessment::answers::Assessment;
use crate::core::exchange::backup::{open_backup, Backup};
use crate::core::exchange::branch::{Level, Row, Submission};
use crate::core::exchange::report_csv::{assessment_to_csv, table_to_csv};
use crate::core::exchange::result_file::{Opened, Opener};
use crate::core::template::builtin::builtins;
use crate::core::template::format::Template;
use crate::core::template::library::{find, read_template_file, TemplateFile};
use crate::core::template::spreadsheet::template_to_csv;
use serde::{Deserialize, Serialize};

/// What the worker sends once it can take jobs.
pub const READY: &str = "ready";

/// One piece of work.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Job {
    /// A picked checklist file, read by the reader its name calls for.
    ReadTemplate { name: String, text: String },
    /// A picked workbook (.xlsx, .xls, .ods): the checklist on `sheet`, or
    /// on its only sheet; with several and none chosen, their names.
    ReadWorkbook {
        name: String,
        bytes: Vec<u8>,
        sheet: Option<String>,
    },
    /// A checklist as an .xlsx workbook, in the form it is imported in.
    TemplateXlsx { template: Template },
    /// A checklist as a spreadsheet, in the form it is imported in.
    TemplateCsv { template: Template },
    /// A checklist as a template file (indented JSON).
    TemplateJson { template: Template },
    /// One self-check item by item, for Excel (boxed: the largest of the jobs).
    AssessmentCsv {
        template: Template,
        assessment: Box<Assessment>,
    },
    /// One self-check as a workbook laid out like its printed page; `date` as printed.
    AssessmentXlsx {
        template: Template,
        assessment: Box<Assessment>,
        date: String,
    },
    /// The branch desk's combined view as a workbook, the table in `rows`'
    /// order; `scope` the branch (or 范围) its header names. `combined` is
    /// the `Combined` as JSON: only the desk's module writes one, so the
    /// main module carries no code to.
    BranchXlsx {
        template: Template,
        combined: String,
        rows: Vec<Row>,
        scope: String,
        date: String,
    },
    /// The branch desk's combined table, for Excel.
    TableCsv {
        template: Template,
        level: Level,
        rows: Vec<Row>,
    },
    /// Result files and branch files (name and text each), checked against
    /// the built-in checklists and `imported`, the ones imported here.
    OpenResults {
        files: Vec<(String, String)>,
        imported: Vec<Template>,
    },
    /// A backup file, its answers checked against its own templates, the
    /// built-in ones and `imported`.
    OpenBackup { text: String, imported: Vec<Template> },
}

/// What one result or branch file brought in, or why it was refused.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileRead {
    /// A member's result file (`branch_file` false) or a branch's summary
    /// file: its self-checks, each counted under its branch.
    Submissions {
        branch_file: bool,
        submissions: Vec<Submission>,
    },
    Refused(String),
}

/// What a job came to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Template(TemplateFile),
    Text(String),
    /// A file's bytes (a workbook).
    Bytes(Vec<u8>),
    /// A workbook's sheets, for the user to choose the one with the checklist.
    Sheets(Vec<String>),
    /// One per file, in the order given.
    Files(Vec<FileRead>),
    Backup(Backup),
    /// Every problem found, in Chinese; nothing was made.
    Refused(Vec<String>),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Request {
    pub id: u32,
    pub job: Job,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reply {
    pub id: u32,
    pub outcome: Outcome,
}

/// The refusal of a job sent to the worker that does not do it.
pub const WRONG_WORKER: &str = "这项工作应由另一个处理模块完成，请刷新页面后重试";

impl Job {
    /// Whether the job is the Excel worker's (see `workbook_jobs`): reading
    /// or writing a workbook.
    pub fn needs_workbooks(&self) -> bool {
        matches!(
            self,
            Job::ReadWorkbook { .. } | Job::TemplateXlsx { .. } | Job::AssessmentXlsx { .. } | Job::BranchXlsx { .. }
        )
    }

    /// The files worker's work; workbook jobs are refused (they are the Excel worker's).
    pub fn run(self) -> Outcome {
        match self {
            Job::ReadTemplate { name, text } => match read_template_file(&name, &text) {
                Ok(file) => Outcome::Template(file),
                Err(problems) => Outcome::Refused(problems),
            },
            // The Excel worker's (see `workbook_jobs`): never sent here.
            Job::ReadWorkbook { .. }
            | Job::TemplateXlsx { .. }
            | Job::AssessmentXlsx { .. }
            | Job::BranchXlsx { .. } => Outcome::Refused(vec![WRONG_WORKER.into()]),
            Job::TemplateCsv { template } => Outcome::Text(template_to_csv(&template)),
            Job::TemplateJson { template } => Outcome::Text(template.to_json()),
            Job::AssessmentCsv { template, assessment } => Outcome::Text(assessment_to_csv(&template, &assessment)),
            Job::TableCsv { template, level, rows } => Outcome::Text(table_to_csv(&template, level, &rows)),
            Job::OpenResults { files, imported } => {
                let (builtin, imported) = (builtin_refs(), imported.iter().collect::<Vec<_>>());
                let mut opener = Opener::new(|id: &str, v| find(&builtin, &imported, id, v));
                let read = files
                    .into_iter()
                    .map(|(name, text)| match opener.open(&text) {
                        Ok((opened, _)) => FileRead::Submissions {
                            branch_file: matches!(opened, Opened::Branch(_)),
                            submissions: Submission::from_file(opened, &name),
                        },
                        Err(e) => FileRead::Refused(e.to_string()),
                    })
                    .collect();
                Outcome::Files(read)
            }
            Job::OpenBackup { text, imported } => {
                let (builtin, imported) = (builtin_refs(), imported.iter().collect::<Vec<_>>());
                match open_backup(&text, |id, v| find(&builtin, &imported, id, v)) {
                    Ok(b) => Outcome::Backup(b),
                    Err(why) => Outcome::Refused(vec![why]),
                }
            }
        }
    }
}

/// The built-in checklists, as [`find`] takes them.
fn builtin_refs() -> Vec<&'static Template> {
    builtins().iter().collect()
}

/// The files worker's whole answer to one message (see [`answer_with`]).
pub fn answer(message: &str) -> String {
    answer_with(message, Job::run)
}

/// A worker's whole answer to one message: a [`Request`] as JSON in, its
/// [`Reply`] (the job done by `run`) as JSON out. A message that is not a
/// request (a main module of another build, say) is answered as refused,
/// under id 0.
pub fn answer_with(message: &str, run: impl FnOnce(Job) -> Outcome) -> String {
    let reply = match serde_json::from_str::<Request>(message) {
        Ok(Request { id, job }) => Reply { id, outcome: run(job) },
        Err(_) => Reply {
            id: 0,
            outcome: Outcome::Refused(vec!["表格模块收到无法识别的请求，请刷新页面后重试".into()]),
        },
    };
    // Strings, whole numbers and exact decimals cannot fail to serialise.
    serde_json::to_string(&reply).unwrap_or_default()
}

/// The message that sends `job` as request `id`.
pub fn request(id: u32, job: Job) -> String {
    serde_json::to_string(&Request { id, job }).unwrap_or_default()
}

/// The reply in a message from the worker, if it is one.
pub fn reply(message: &str) -> Option<Reply> {
    serde_json::from_str(message).ok()
}
