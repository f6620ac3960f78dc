//! The work on files that the files worker does, off the main module and off
//! the page's thread: reading a picked checklist file (JSON or a spreadsheet),
//! checking result files, branch files and backups, and writing spreadsheets
//! and template files. Workbook jobs travel the same way to the Excel worker,
//! a third module that does only those (see `workbook_jobs`), and the
//! desk's jobs ([`DeskJob`]) to the desk's worker, which also does all the
//! files worker does (see `pile`). The worker is a second wasm module fetched the first
//! time a user imports, opens or exports one, so this code (the csv crate,
//! the checks of files between people) is not in what every member downloads.
//!
//! A job goes to the worker as a JSON [`Request`] and its outcome comes back
//! as a JSON [`Reply`], each a [`Message`] with a file's bytes, if any,
//! beside the JSON; [`answer`] is all the worker runs, tested here.

use crate::core::assessment::answers::Assessment;
use crate::core::exchange::backup::{open_backup, Backup};
use crate::core::exchange::branch::{Level, Row, Submission};
use crate::core::exchange::pile::{Pile, ViewAsk};
use crate::core::exchange::report_csv::{assessment_to_csv, table_to_csv};
use crate::core::exchange::result_file::{Opened, Opener};
use crate::core::exchange::text_file::{decode, RESULT_FILE};
use crate::core::template::builtin::{builtins, earlier_builtin_templates};
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
        /// Beside the JSON in the [`Message`], not in it.
        #[serde(skip)]
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
    /// The older versions of the built-in checklists, which the member's
    /// app does not carry (see `template::builtin::EARLIER_TEMPLATE_FILES`).
    EarlierTemplates,
    /// Result files and branch files, read (decoded as text) and checked
    /// against the built-in checklists and `imported`, the ones imported
    /// here. The page reads the picked files side by side and hands their
    /// bytes over beside the JSON, without copying them (see [`Message`]).
    OpenResults {
        #[serde(skip)]
        files: Vec<PickedFile>,
        imported: Vec<Template>,
    },
    /// A backup file, its answers checked against its own templates, the
    /// built-in ones and `imported`.
    OpenBackup { text: String, imported: Vec<Template> },
    /// Work on the desk's pile (see [`DeskJob`]), as JSON the desk's
    /// module writes, so that the member's module carries no code for it;
    /// the picked files beside it.
    Desk {
        job: String,
        #[serde(skip)]
        files: Vec<PickedFile>,
    },
}

/// The branch desk's work on the desk's worker's [`Pile`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeskJob {
    /// The desk's result and branch files, read and checked as
    /// [`Job::OpenResults`] does, their self-checks held in the pile under
    /// the page's number for the pick, not sent back.
    AddToPile {
        pick: u32,
        #[serde(skip)]
        files: Vec<PickedFile>,
        imported: Vec<Template>,
    },
    /// A pick cancelled: none of it counts.
    ForgetPick { pick: u32 },
    /// The desk emptied.
    ClearPile,
    /// What the desk shows, after the change the ask names (a pick read
    /// whole, the self-checks kept for the tab): combined in the worker,
    /// the rows sorted (boxed: it carries checklists).
    PileView(Box<ViewAsk>),
    /// The held self-checks as JSON, for the page to keep for its tab.
    KeptPile,
    /// The desk's summary file (汇总文件), under `branch`, sealed at `now`.
    PileBranchFile {
        ask: Box<ViewAsk>,
        branch: String,
        now: i64,
    },
}

impl From<DeskJob> for Job {
    fn from(mut job: DeskJob) -> Job {
        let files = match &mut job {
            DeskJob::AddToPile { files, .. } => std::mem::take(files),
            _ => Vec::new(),
        };
        Job::Desk {
            // Strings, whole numbers and exact decimals cannot fail to serialise.
            job: serde_json::to_string(&job).unwrap_or_default(),
            files,
        }
    }
}

impl DeskJob {
    fn run(self, pile: &mut Pile, aids: Aids) -> Outcome {
        match self {
            DeskJob::AddToPile { pick, files, imported } => {
                let mut found = Vec::new();
                let taken = open_results(&files, &imported, aids)
                    .into_iter()
                    .map(|read| match read {
                        FileRead::Submissions { submissions, .. } => {
                            found.extend(submissions);
                            None
                        }
                        FileRead::Refused(why) => Some(why),
                    })
                    .collect();
                pile.add(pick, found);
                Outcome::Taken(taken)
            }
            DeskJob::ForgetPick { pick } => {
                pile.forget(pick);
                Outcome::Done
            }
            DeskJob::ClearPile => {
                pile.clear();
                Outcome::Done
            }
            DeskJob::PileView(ask) => match pile.view(&ask, aids.collate) {
                Ok(view) => Outcome::View { json: view.write() },
                Err(why) => Outcome::Refused(vec![why]),
            },
            DeskJob::KeptPile => match pile.kept() {
                Some(kept) => Outcome::Kept {
                    json: kept.into_bytes(),
                    too_many: false,
                },
                None => Outcome::Kept {
                    json: Vec::new(),
                    too_many: true,
                },
            },
            DeskJob::PileBranchFile { ask, branch, now } => match pile.branch_file(&ask, &branch, now) {
                Ok(text) => Outcome::Text(text),
                Err(why) => Outcome::Refused(vec![why]),
            },
        }
    }
}

/// What the worker's browser does for the jobs, and plain stand-ins
/// where there is none (the command line, native tests).
#[derive(Debug, Clone, Copy)]
pub struct Aids {
    /// Decodes a file that is not UTF-8 (see `text_file::decode`).
    pub gb18030: fn(&[u8]) -> Option<String>,
    /// Puts names in the order people look them up (the browser's zh-CN
    /// collation, by pinyin).
    pub collate: fn(&mut [String]),
}

fn no_gb18030(_: &[u8]) -> Option<String> {
    None
}

fn by_characters(names: &mut [String]) {
    names.sort();
}

impl Aids {
    /// Nothing decodes GB18030; names go by their characters.
    pub const PLAIN: Aids = Aids {
        gb18030: no_gb18030,
        collate: by_characters,
    };
}

/// A picked result or branch file as the page read it: its name, its size,
/// and its bytes, unless it was weighed first and found heavier than a
/// result file can be (never read, see [`PickedFile::weighed_first`]) or
/// could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct PickedFile {
    pub name: String,
    pub size: f64,
    pub bytes: Option<Vec<u8>>,
}

impl PickedFile {
    /// Whether a picked file is weighed before it is read, and not read if
    /// heavier than a result file can be: a file not named `*.json` (a video
    /// picked by mistake). A `.json` file is read at once and weighed by its
    /// bytes, for asking a picked file's size makes the page's thread wait
    /// for the disk (some 0.15 ms a file: 1.5 s for 10,000 files).
    pub fn weighed_first(name: &str) -> bool {
        !crate::core::exchange::folder::is_result_name(name)
    }

    /// A file already in memory (the command line's, a test's).
    pub fn of(name: &str, bytes: Vec<u8>) -> PickedFile {
        PickedFile {
            name: name.to_string(),
            size: bytes.len() as f64,
            bytes: Some(bytes),
        }
    }
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

impl FileRead {
    /// One result or branch file, named `name`, checked by `opener` (the
    /// desk's worker and the command line read every file so).
    pub fn open<'t, L: Fn(&str, u32) -> Option<&'t Template>>(
        opener: &mut Opener<'t, L>,
        name: &str,
        text: &str,
    ) -> FileRead {
        match opener.open(text) {
            Ok((opened, _)) => FileRead::Submissions {
                branch_file: matches!(opened, Opened::Branch(_)),
                submissions: Submission::from_file(opened, name),
            },
            Err(e) => FileRead::Refused(e.to_string()),
        }
    }
}

/// What a job came to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Template(TemplateFile),
    /// Checklists (the earlier built-in versions).
    Templates(Vec<Template>),
    Text(String),
    /// A file's bytes (a workbook), beside the JSON in the [`Message`].
    Bytes {
        #[serde(skip)]
        bytes: Vec<u8>,
    },
    /// A workbook's sheets, for the user to choose the one with the checklist.
    Sheets(Vec<String>),
    /// One per file, in the order given.
    Files(Vec<FileRead>),
    Backup(Backup),
    /// Every problem found, in Chinese; nothing was made.
    Refused(Vec<String>),
    /// For each file given to the pile, in order: taken (`None`), or why not.
    Taken(Vec<Option<String>>),
    /// What the desk shows: a [`DeskView`] as JSON, beside the reply's in
    /// the [`Message`] (see [`DeskView::read`]), so that only the desk's
    /// module carries the code to read one.
    View {
        #[serde(skip)]
        json: Vec<u8>,
    },
    /// The held self-checks as JSON (see `pile::Pile::kept`), beside the
    /// reply's in the [`Message`]; none when too many for a tab to keep.
    Kept {
        #[serde(skip)]
        json: Vec<u8>,
        too_many: bool,
    },
    Done,
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

/// The refusal of a message that is not a request this build reads.
const UNREADABLE_REQUEST: &str = "表格模块收到无法识别的请求，请刷新页面后重试";

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

    /// Whether the job is the desk's worker's: one on its pile.
    pub fn needs_pile(&self) -> bool {
        matches!(self, Job::Desk { .. })
    }

    /// The files worker's work, with no browser (see [`Job::run_with`]).
    pub fn run(self) -> Outcome {
        self.run_with(Aids::PLAIN)
    }

    /// The desk's worker's work: the files worker's, and the desk's jobs on
    /// `pile`, what it holds for the desk (see [`Job::run_with`]).
    pub fn run_on_pile(self, pile: &mut Pile, aids: Aids) -> Outcome {
        match self {
            Job::Desk { job, files } => match serde_json::from_str::<DeskJob>(&job) {
                Ok(mut job) => {
                    if let DeskJob::AddToPile { files: beside, .. } = &mut job {
                        *beside = files;
                    }
                    job.run(pile, aids)
                }
                Err(_) => Outcome::Refused(vec![UNREADABLE_REQUEST.into()]),
            },
            job => job.run_with(aids),
        }
    }

    /// The files worker's work; workbook jobs and the desk's are refused
    /// (they are the Excel worker's and the desk's worker's). `aids` is what
    /// its browser does (decoding GB18030, collating names).
    pub fn run_with(self, aids: Aids) -> Outcome {
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
            Job::EarlierTemplates => Outcome::Templates(earlier_builtin_templates()),
            Job::AssessmentCsv { template, assessment } => Outcome::Text(assessment_to_csv(&template, &assessment)),
            Job::TableCsv { template, level, rows } => Outcome::Text(table_to_csv(&template, level, &rows)),
            Job::OpenResults { files, imported } => Outcome::Files(open_results(&files, &imported, aids)),
            // The desk's worker's (see `run_on_pile`): never sent here.
            Job::Desk { .. } => Outcome::Refused(vec![WRONG_WORKER.into()]),
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

/// Result files and branch files, read (decoded as text) and checked
/// against the built-in checklists and `imported`; one answer per file, in order.
fn open_results(files: &[PickedFile], imported: &[Template], aids: Aids) -> Vec<FileRead> {
    let (builtin, imported) = (builtin_refs(), imported.iter().collect::<Vec<_>>());
    let mut opener = Opener::new(|id: &str, v| find(&builtin, &imported, id, v));
    files
        .iter()
        .map(|file| {
            if let Err(why) = RESULT_FILE.refuse_size(file.size) {
                return FileRead::Refused(why);
            }
            let Some(bytes) = &file.bytes else {
                return FileRead::Refused(format!("无法读取文件“{}”，请重新选择", file.name));
            };
            match decode(bytes, aids.gb18030) {
                Ok(text) => FileRead::open(&mut opener, &file.name, &text),
                Err(e) => FileRead::Refused(e.to_string()),
            }
        })
        .collect()
}

/// The built-in checklists, as [`find`] takes them.
fn builtin_refs() -> Vec<&'static Template> {
    builtins().iter().collect()
}

/// One message between the page and a worker: a [`Request`] or a [`Reply`]
/// as JSON, and beside it the bytes of a file (a workbook), or those of
/// picked result files, which the page and the worker hand over as
/// ArrayBuffers rather than as JSON numbers.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Message {
    pub json: String,
    pub bytes: Option<Vec<u8>>,
    pub files: Vec<PickedFile>,
}

impl Job {
    /// The file's bytes the job carries, taken out to travel beside the JSON.
    fn take_bytes(&mut self) -> Option<Vec<u8>> {
        match self {
            Job::ReadWorkbook { bytes, .. } => Some(std::mem::take(bytes)),
            _ => None,
        }
    }

    fn put_bytes(&mut self, given: Vec<u8>) {
        if let Job::ReadWorkbook { bytes, .. } = self {
            *bytes = given;
        }
    }

    /// The picked files the job carries, taken out to travel beside the JSON.
    fn take_files(&mut self) -> Vec<PickedFile> {
        match self {
            Job::OpenResults { files, .. } | Job::Desk { files, .. } => std::mem::take(files),
            _ => Vec::new(),
        }
    }

    fn put_files(&mut self, given: Vec<PickedFile>) {
        if let Job::OpenResults { files, .. } | Job::Desk { files, .. } = self {
            *files = given;
        }
    }
}

impl Outcome {
    fn take_bytes(&mut self) -> Option<Vec<u8>> {
        match self {
            Outcome::Bytes { bytes } | Outcome::View { json: bytes } | Outcome::Kept { json: bytes, .. } => {
                Some(std::mem::take(bytes))
            }
            _ => None,
        }
    }

    fn put_bytes(&mut self, given: Vec<u8>) {
        if let Outcome::Bytes { bytes } | Outcome::View { json: bytes } | Outcome::Kept { json: bytes, .. } = self {
            *bytes = given;
        }
    }
}

/// The files worker's whole answer to one message (see [`answer_with`]).
pub fn answer(message: Message) -> Message {
    answer_with(message, Job::run)
}

/// A worker's whole answer to one message: a [`Request`] in, its [`Reply`]
/// (the job done by `run`) out. A message that is not a request (a main
/// module of another build, say) is answered as refused, under id 0.
pub fn answer_with(message: Message, run: impl FnOnce(Job) -> Outcome) -> Message {
    let mut reply = match serde_json::from_str::<Request>(&message.json) {
        Ok(Request { id, mut job }) => {
            if let Some(bytes) = message.bytes {
                job.put_bytes(bytes);
            }
            job.put_files(message.files);
            Reply { id, outcome: run(job) }
        }
        Err(_) => Reply {
            id: 0,
            outcome: Outcome::Refused(vec![UNREADABLE_REQUEST.into()]),
        },
    };
    let bytes = reply.outcome.take_bytes();
    // Strings, whole numbers and exact decimals cannot fail to serialise.
    Message {
        json: serde_json::to_string(&reply).unwrap_or_default(),
        bytes,
        files: Vec::new(),
    }
}

/// The message that sends `job` as request `id`. (The page sends the bytes
/// of picked result files as it read them instead, see `crate::worker::post`.)
pub fn request(id: u32, mut job: Job) -> Message {
    let bytes = job.take_bytes();
    let files = job.take_files();
    Message {
        json: serde_json::to_string(&Request { id, job }).unwrap_or_default(),
        bytes,
        files,
    }
}

/// The reply in a message from the worker, if it is one.
pub fn reply(message: Message) -> Option<Reply> {
    let mut reply: Reply = serde_json::from_str(&message.json).ok()?;
    if let Some(bytes) = message.bytes {
        reply.outcome.put_bytes(bytes);
    }
    Some(reply)
}
