//! The Excel worker's work (a third wasm module, `mofan-excel`, fetched the
//! first time a user imports or exports a workbook): the workbook jobs of
//! [`Job`], over the same messages as the files worker's. Only this module
//! links calamine and rust_xlsxwriter, so neither the main module nor the
//! files worker carries them.

use crate::core::exchange::branch::Combined;
use crate::core::exchange::file_jobs::{answer_with, Job, Message, Outcome, WRONG_WORKER};
use crate::core::exchange::report_xlsx::{assessment_to_xlsx, combined_to_xlsx};
use crate::core::template::library::TemplateFile;
use crate::core::template::workbook::{sheet_names, template_from_workbook, template_to_xlsx};

/// The Excel worker's whole answer to one message (see `file_jobs::answer_with`).
pub fn answer(message: Message) -> Message {
    answer_with(message, run)
}

/// Does a workbook job; any other is refused (it is the files worker's).
pub fn run(job: Job) -> Outcome {
    match job {
        Job::ReadWorkbook { name, bytes, sheet } => read_workbook(&name, &bytes, sheet.as_deref()),
        Job::TemplateXlsx { template } => bytes_or_refusal(template_to_xlsx(&template)),
        Job::AssessmentXlsx {
            template,
            assessment,
            date,
        } => bytes_or_refusal(assessment_to_xlsx(&template, &assessment, &date)),
        Job::BranchXlsx {
            template,
            combined,
            rows,
            scope,
            date,
        } => match serde_json::from_str::<Combined>(&combined) {
            Ok(c) => bytes_or_refusal(combined_to_xlsx(&template, &c, &rows, &scope, &date)),
            Err(_) => Outcome::Refused(vec!["汇总数据有误，请刷新页面后重试".into()]),
        },
        _ => Outcome::Refused(vec![WRONG_WORKER.into()]),
    }
}

/// A file made, or why it could not be.
fn bytes_or_refusal(made: Result<Vec<u8>, String>) -> Outcome {
    match made {
        Ok(bytes) => Outcome::Bytes { bytes },
        Err(why) => Outcome::Refused(vec![why]),
    }
}

/// A workbook's checklist, titled by the file's name: on `sheet`, or on
/// its only sheet; with several sheets and none chosen, their names.
fn read_workbook(name: &str, bytes: &[u8], sheet: Option<&str>) -> Outcome {
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    if sheet.is_none() {
        match sheet_names(bytes) {
            Err(why) => return Outcome::Refused(vec![why]),
            Ok(names) if names.len() > 1 => return Outcome::Sheets(names),
            Ok(_) => {}
        }
    }
    match template_from_workbook(bytes, sheet, stem) {
        Ok(template) => Outcome::Template(TemplateFile {
            template,
            from_spreadsheet: true,
        }),
        Err(errors) => Outcome::Refused(errors.iter().map(ToString::to_string).collect()),
    }
}
