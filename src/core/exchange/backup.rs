//! 备份与恢复: everything in this browser (self-checks, imported templates,
//! settings) as one file, and restoring it by merging: nothing newer here is
//! ever replaced by something older from the file, and the user sees what
//! would change before anything does.
//!
//! The file is the same signed envelope as a result file, with
//! `"format":"mofan-backup"` and `content` = `{assessments, templates, settings}`.

use crate::core::assessment::answers::Assessment;
use crate::core::exchange::result_file::{read_envelope, seal};
use crate::core::template::format::Template;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const BACKUP_FORMAT: &str = "mofan-backup";

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Backup {
    pub assessments: Vec<Assessment>,
    /// Imported templates, every version (built-in ones are in every copy of the app).
    pub templates: Vec<Template>,
    pub settings: BTreeMap<String, String>,
}

pub fn encode_backup(b: &Backup, now: i64) -> String {
    seal(BACKUP_FORMAT, b, now)
}

/// Reads and checks a backup file; a result or branch file is named as such.
/// Every self-check's answers are checked against its template, found in
/// the backup or by `lookup(id, version)` among the ones here; one that no
/// rule can take refuses the whole file, naming each by item. A self-check
/// whose template is in neither place is restored as it is (it says so when
/// opened).
pub fn open_backup<'t>(text: &str, lookup: impl Fn(&str, u32) -> Option<&'t Template>) -> Result<Backup, String> {
    let sealed = read_envelope(text).map_err(|e| e.describe("备份文件"))?;
    if sealed.format != BACKUP_FORMAT {
        return Err("这是结果文件或汇总文件，不是备份文件；结果文件请在“审核”或“支部汇总”中打开".into());
    }
    let backup: Backup = sealed.unseal().map_err(|e| e.describe("备份文件"))?;
    if let Some(t) = backup.templates.iter().find(|t| !t.problems().is_empty()) {
        return Err(format!("备份中的评分表“{}”有误，未恢复任何内容", t.title));
    }
    for a in &backup.assessments {
        let own = backup
            .templates
            .iter()
            .find(|t| t.id == a.template_id && t.version == a.template_version);
        let Some(t) = own.or_else(|| lookup(&a.template_id, a.template_version)) else {
            continue;
        };
        let problems = crate::core::assessment::answer_check::answer_problems(t, a);
        if !problems.is_empty() {
            let each: Vec<String> = problems.iter().map(ToString::to_string).collect();
            return Err(format!(
                "备份中“{}”的自查有答案不符合评分规则，未恢复任何内容：{}",
                a.title(t),
                each.join("；")
            ));
        }
    }
    Ok(backup)
}

/// What restoring does with one record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Not here: added.
    Add,
    /// Here, older than the file's: replaced by the file's.
    Replace,
    /// Here and the same: nothing to do.
    Same,
    /// Here and newer (or, for a template, the same version with other
    /// content): this browser's copy is kept, the file's is not used.
    KeepHere,
}

impl Step {
    pub fn label(&self) -> &'static str {
        match self {
            Step::Add => "新增",
            Step::Replace => "用备份中较新的内容替换",
            Step::Same => "相同，不变",
            Step::KeepHere => "本机的较新，保留本机",
        }
    }

    pub fn writes(&self) -> bool {
        matches!(self, Step::Add | Step::Replace)
    }
}

/// One line of the restore preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanLine {
    /// 自查 / 评分表 / 设置
    pub kind: &'static str,
    pub what: String,
    pub step: Step,
}

/// The preview: one line per record in the file, and the records to write.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RestorePlan {
    pub lines: Vec<PlanLine>,
    pub assessments: Vec<Assessment>,
    pub templates: Vec<Template>,
    pub settings: Vec<(String, String)>,
}

impl RestorePlan {
    /// Compares the file with what is here. Self-checks match by id and the
    /// later `updated_at` wins; templates match by id and version; settings
    /// are only added, never changed.
    /// `here` is what this browser holds, gathered the same way as a backup.
    pub fn make(file: &Backup, here: &Backup, title_of: impl Fn(&Assessment) -> String) -> RestorePlan {
        let mut plan = RestorePlan::default();
        for a in &file.assessments {
            let step = match here.assessments.iter().find(|h| h.id == a.id) {
                None => Step::Add,
                Some(h) if h == a => Step::Same,
                Some(h) if a.updated_at > h.updated_at => Step::Replace,
                Some(_) => Step::KeepHere,
            };
            if plan.line("自查", title_of(a), step) {
                plan.assessments.push(a.clone());
            }
        }
        for t in &file.templates {
            let step = match here.templates.iter().find(|h| h.id == t.id && h.version == t.version) {
                None => Step::Add,
                Some(h) if h == t => Step::Same,
                Some(_) => Step::KeepHere,
            };
            if plan.line("评分表", format!("{}（第{}版）", t.title, t.version), step) {
                plan.templates.push(t.clone());
            }
        }
        for (k, v) in &file.settings {
            let step = match here.settings.get(k) {
                None => Step::Add,
                Some(h) if h == v => Step::Same,
                Some(_) => Step::KeepHere,
            };
            if plan.line("设置", k.clone(), step) {
                plan.settings.push((k.clone(), v.clone()));
            }
        }
        plan
    }

    /// Adds a preview line; returns whether its record is to be written.
    fn line(&mut self, kind: &'static str, what: String, step: Step) -> bool {
        self.lines.push(PlanLine { kind, what, step });
        step.writes()
    }

    /// How many records restoring would write.
    pub fn writes(&self) -> usize {
        self.assessments.len() + self.templates.len() + self.settings.len()
    }
}

/// Whether the user should be reminded to back up: some self-check changed
/// after the last full backup and after its own last export.
pub fn needs_backup(assessments: &[Assessment], last_backup: i64, exported_at: impl Fn(&str) -> i64) -> usize {
    assessments
        .iter()
        .filter(|a| a.updated_at > last_backup.max(exported_at(&a.id)))
        .count()
}
