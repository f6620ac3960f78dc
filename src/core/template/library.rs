//! Which checklists a browser holds: the built-in ones plus every version of
//! every imported one. Self-checks name a template id and version; older
//! versions stay, so a self-check made with one still opens after a newer
//! version is imported.

use crate::core::template::format::{Audience, Template};
use crate::core::template::spreadsheet::template_from_csv;
use serde::{Deserialize, Serialize};

/// A picked template file, read by the reader its name calls for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TemplateFile {
    pub template: Template,
    /// Read from a spreadsheet (CSV), which carries no version of its own.
    pub from_spreadsheet: bool,
}

/// Reads a template file: `.csv` and `.txt` as a spreadsheet titled by the
/// file name, `.json` (or text that starts as JSON does) as a template file.
/// Every problem is returned in Chinese; anything else is refused.
pub fn read_template_file(name: &str, text: &str) -> Result<TemplateFile, Vec<String>> {
    let lower = name.to_ascii_lowercase();
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let from_spreadsheet = lower.ends_with(".csv") || lower.ends_with(".txt");
    let parsed = if from_spreadsheet {
        template_from_csv(text, stem)
    } else if lower.ends_with(".json") || text.trim_start().starts_with('{') {
        Template::from_json(text)
    } else {
        return Err(vec!["只能导入 .json 评分表文件或从Excel另存的 .csv 文件".into()]);
    };
    match parsed {
        Ok(template) => Ok(TemplateFile {
            template,
            from_spreadsheet,
        }),
        Err(errors) => Err(errors.iter().map(ToString::to_string).collect()),
    }
}

/// What importing a template would do.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportPlan {
    /// A checklist not seen before; saved as given.
    New(Template),
    /// A changed version of an imported checklist: saved as `version`, the old ones kept.
    NewVersion { template: Template, replaces: u32 },
    /// The same content is already there; nothing to save.
    AlreadyThere { version: u32 },
}

/// Why an import is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportRefusal {
    /// Built-in checklists are part of the app and cannot be replaced.
    BuiltIn(String),
    /// A file declared an id and version that already exist with other content.
    VersionClash { id: String, version: u32 },
}

impl ImportRefusal {
    pub fn message(&self) -> String {
        match self {
            ImportRefusal::BuiltIn(title) => format!("不能用导入的文件替换内置评分表“{title}”，请修改文件中的 id"),
            ImportRefusal::VersionClash { id, version } => format!(
                "本机已有编号为 {id} 的评分表第{version}版，内容与文件不同；请把文件中的 version 改为更大的数字后再导入"
            ),
        }
    }
}

fn same_content(a: &Template, b: &Template) -> bool {
    let mut b = b.clone();
    b.version = a.version;
    *a == b
}

/// Decides where an imported template goes. `from_spreadsheet` templates
/// carry no version of their own, so a changed one becomes the next version;
/// a JSON file's declared version is kept and must not clash.
pub fn plan_import(
    incoming: Template,
    builtin: &[&Template],
    imported: &[&Template],
    from_spreadsheet: bool,
) -> Result<ImportPlan, ImportRefusal> {
    if let Some(b) = builtin.iter().find(|b| b.id == incoming.id) {
        return Err(ImportRefusal::BuiltIn(b.title.clone()));
    }
    let versions: Vec<&Template> = imported.iter().copied().filter(|t| t.id == incoming.id).collect();
    if let Some(same) = versions.iter().find(|t| same_content(t, &incoming)) {
        return Ok(ImportPlan::AlreadyThere { version: same.version });
    }
    let Some(latest) = versions.iter().map(|t| t.version).max() else {
        return Ok(ImportPlan::New(incoming));
    };
    if from_spreadsheet {
        let mut template = incoming;
        template.version = latest + 1;
        return Ok(ImportPlan::NewVersion {
            template,
            replaces: latest,
        });
    }
    if versions.iter().any(|t| t.version == incoming.version) {
        return Err(ImportRefusal::VersionClash {
            id: incoming.id,
            version: incoming.version,
        });
    }
    Ok(ImportPlan::NewVersion {
        replaces: latest,
        template: incoming,
    })
}

/// Every version here of the checklist `id`, built-in or imported, oldest first.
pub fn versions_of<'a>(builtin: &[&'a Template], imported: &[&'a Template], id: &str) -> Vec<&'a Template> {
    let mut all: Vec<&'a Template> = builtin.iter().chain(imported).copied().filter(|t| t.id == id).collect();
    crate::core::basics::sorted::sort_by_key(&mut all, |t| t.version);
    all
}

/// The template a self-check was made with: that exact version (built-in
/// or imported), never another one, whose rules the answers would not fit.
pub fn find<'a>(builtin: &[&'a Template], imported: &[&'a Template], id: &str, version: u32) -> Option<&'a Template> {
    builtin
        .iter()
        .chain(imported)
        .copied()
        .find(|t| t.id == id && t.version == version)
}

/// The newest version of the checklist `id`, for starting a new self-check.
pub fn newest<'a>(builtin: &[&'a Template], imported: &[&'a Template], id: &str) -> Option<&'a Template> {
    versions_of(builtin, imported, id).pop()
}

/// Why a self-check cannot open: the version it was made with is not here.
/// Says which one, and which versions are, in Chinese.
pub fn missing_version(builtin: &[&Template], imported: &[&Template], id: &str, version: u32) -> String {
    let here = versions_of(builtin, imported, id);
    match here.last() {
        None => format!(
            "这份自查所用的评分表（编号 {id}，第{version}版）不在本机。请先导入这份评分表；也可以下载原始记录，\
                交给有这份评分表的同志打开。"
        ),
        Some(newest) => format!(
            "这份自查是按“{}”第{version}版填写的，本机只有第{}版。为免答案与计分规则对不上，不会换用其他版本打开。\
                请导入第{version}版评分表；也可以下载原始记录保存。",
            newest.title,
            here.iter()
                .map(|t| t.version.to_string())
                .collect::<Vec<_>>()
                .join("、")
        ),
    }
}

/// The newest version of each checklist, in first-seen order, for offering new self-checks.
pub fn latest_versions<'a>(templates: &[&'a Template]) -> Vec<&'a Template> {
    let mut out: Vec<&'a Template> = Vec::new();
    for &t in templates {
        match out.iter_mut().find(|o| o.id == t.id) {
            Some(o) if o.version < t.version => *o = t,
            Some(_) => {}
            None => out.push(t),
        }
    }
    out
}

/// Checklists for `audience` first (members see member checklists, secretaries
/// branch ones), each group keeping its order.
pub fn audience_first(templates: Vec<&Template>, audience: Audience) -> Vec<&Template> {
    let (mut first, rest): (Vec<_>, Vec<_>) = templates.into_iter().partition(|t| t.audience == audience);
    first.extend(rest);
    first
}
