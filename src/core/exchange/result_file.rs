//! 结果文件: how a self-check (or a branch's collection of them) moves
//! between people. Self-describing and checked:
//!
//! ```json
//! {"format":"mofan-result","schema":1,"exported_at":…,
//!  "content":{"template":{"id":…,"version":…,"title":…,"fingerprint":…},"assessment":{…}},
//!  "sha256":"…"}
//! ```
//!
//! `sha256` is the SHA-256 of the `content` text exactly as written (compact
//! JSON), so anyone can check it; on import the content is re-serialised and
//! must hash the same. A branch summary (`mofan-branch`) carries the branch's
//! name, roster and every member's self-check in the same envelope.

use crate::core::assessment::answers::Assessment;
use crate::core::basics::json_problem::JsonProblem;
use crate::core::basics::points::Points;
use crate::core::template::format::{GradeBand, Rule, Template};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use sha2::{Digest, Sha256};
use std::fmt;

pub const RESULT_FORMAT: &str = "mofan-result";
pub const BRANCH_FORMAT: &str = "mofan-branch";
/// The newest result-file schema this build reads and the one it writes.
pub const RESULT_SCHEMA: u32 = 1;

/// The SHA-256 of `bytes` in lower-case hex, as `sha256sum` prints it.
pub fn sha256_hex(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

/// Which template a file was made with, and a fingerprint of its scoring.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateRef {
    pub id: String,
    pub version: u32,
    pub title: String,
    /// SHA-256 of what scoring depends on (see [`fingerprint`]).
    pub fingerprint: String,
}

impl TemplateRef {
    pub fn of(t: &Template) -> TemplateRef {
        TemplateRef {
            id: t.id.clone(),
            version: t.version,
            title: t.title.clone(),
            fingerprint: fingerprint(t),
        }
    }
}

/// What a template's scoring depends on, as its fingerprint hashes it:
/// `{"total":…,"grades":[…],"sections":[[[id, points, rule, allow_na], …], …]}`.
#[derive(Serialize)]
struct ScoringShape<'a> {
    total: Points,
    grades: &'a [GradeBand],
    sections: Vec<Vec<(&'a str, Points, &'a Rule, bool)>>,
}

/// SHA-256 of the parts of a template that decide scores: the scale, the
/// grade bands, and each item's id, points, rule and whether 不适用 is
/// allowed. Rewording a criterion leaves it unchanged; changing a point does not.
pub fn fingerprint(t: &Template) -> String {
    let shape = ScoringShape {
        total: t.total,
        grades: &t.grades,
        sections: t
            .sections
            .iter()
            .map(|s| {
                s.items
                    .iter()
                    .map(|i| (i.id.as_str(), i.points, &i.rule, i.allow_na))
                    .collect()
            })
            .collect(),
    };
    sha256_hex(serde_json::to_string(&shape).unwrap_or_default().as_bytes())
}

/// One member's self-check as it travels.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResultContent {
    pub template: TemplateRef,
    pub assessment: Assessment,
}

/// A branch summary: the branch, its roster and every member's self-check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BranchContent {
    pub template: TemplateRef,
    #[serde(default)]
    pub unit: String,
    pub branch: String,
    /// 应参加人员, as the secretary typed them.
    #[serde(default)]
    pub roster: Vec<String>,
    pub results: Vec<Assessment>,
}

/// What a file held once it has passed every check.
#[derive(Debug, Clone, PartialEq)]
pub enum Opened {
    Result(ResultContent),
    Branch(BranchContent),
}

/// Why a file was refused. Nothing is saved when any of these is returned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResultFileError {
    NotJson(String),
    NotResultFile,
    IsTemplate,
    Newer(u32),
    BadContent(String),
    /// The content does not hash to the recorded checksum.
    Tampered,
    /// The content is intact, but holds what this version does not know
    /// (a newer version wrote it); reading it would drop that.
    OtherVersion,
    /// No template with this id and version in this browser.
    NoTemplate {
        title: String,
        version: u32,
    },
    /// A template with this id and version exists here but scores differently.
    OtherTemplate {
        title: String,
        version: u32,
    },
    /// An answer the template's rule cannot take, or an item it does not have.
    BadAnswer(String),
}

impl ResultFileError {
    /// The message, naming the kind of file expected (结果文件, 备份文件)
    /// where the envelope itself is wrong.
    pub fn describe(&self, what: &str) -> String {
        match self {
            ResultFileError::NotJson(why) => format!("不是有效的{what}：{why}"),
            ResultFileError::NotResultFile => format!("这不是模范导出的{what}"),
            other => other.to_string(),
        }
    }
}

impl fmt::Display for ResultFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResultFileError::NotJson(_) | ResultFileError::NotResultFile => f.write_str(&self.describe("结果文件")),
            ResultFileError::IsTemplate => write!(f, "这是评分表文件，请在首页“导入评分表”处导入"),
            ResultFileError::Newer(v) => write!(f, "文件由更新版本的模范导出（文件版本 {v}），请升级后再导入"),
            ResultFileError::BadContent(why) => write!(f, "文件内容不完整或有误（{why}）"),
            ResultFileError::Tampered => write!(f, "文件内容与校验码不符：导出后被修改过或已损坏，已拒绝导入"),
            ResultFileError::OtherVersion => write!(
                f,
                "文件完好，但由其他版本的模范导出，含有本版本不认识的内容；为免丢失这些内容，没有导入。\
                    请用导出它的版本（或更新的版本）打开"
            ),
            ResultFileError::NoTemplate { title, version } => {
                write!(f, "本机没有此文件所用的评分表“{title}”第{version}版，请先导入该评分表")
            }
            ResultFileError::OtherTemplate { title, version } => write!(
                f,
                "文件所用的评分表“{title}”第{version}版与本机同一版本的计分规则不同，无法核对分数"
            ),
            ResultFileError::BadAnswer(why) => write!(f, "文件中的答案与评分表不符：{why}"),
        }
    }
}

/// The signed envelope as written: `content` as compact JSON, and its SHA-256.
#[derive(Serialize)]
struct SealedOut<'a> {
    format: &'a str,
    schema: u32,
    exported_at: i64,
    content: &'a RawValue,
    sha256: String,
}

/// The signed envelope around `content`.
pub(crate) fn seal<T: Serialize>(format: &str, content: &T, now: i64) -> String {
    let Ok(content) = serde_json::value::to_raw_value(content) else {
        return String::new();
    };
    let sealed = SealedOut {
        format,
        schema: RESULT_SCHEMA,
        exported_at: now,
        sha256: sha256_hex(content.get().as_bytes()),
        content: &content,
    };
    serde_json::to_string(&sealed).unwrap_or_default()
}

/// A member's result file.
pub fn encode_result(t: &Template, a: &Assessment, now: i64) -> String {
    seal(
        RESULT_FORMAT,
        &ResultContent {
            template: TemplateRef::of(t),
            // Where it was received is this browser's business, not the file's.
            assessment: Assessment {
                received_at: None,
                ..a.clone()
            },
        },
        now,
    )
}

/// A branch summary file holding every member's self-check.
pub fn encode_branch(content: &BranchContent, now: i64) -> String {
    seal(BRANCH_FORMAT, content, now)
}

/// The file name a result is offered under, e.g. `六个模范-张三-2026年上半年.json`.
pub fn result_file_name(t: &Template, a: &Assessment) -> String {
    // A reviewed copy is named apart, so it cannot be taken for the member's original.
    let reviewed = if a.is_reviewed() { "-已审核" } else { "" };
    format!("{}{reviewed}.json", a.title(t))
}

/// A signed envelope as read: its format, its content (not yet checked) and
/// its checksum. Any field missing or of the wrong type: not our file.
#[derive(Deserialize)]
struct SealedIn<'a> {
    format: Option<String>,
    schema: Option<u64>,
    #[serde(borrow)]
    content: Option<&'a RawValue>,
    sha256: Option<String>,
}

/// A signed envelope whose format and schema this build reads.
pub(crate) struct Sealed<'a> {
    pub format: String,
    content: &'a str,
    hash: String,
    text: &'a str,
}

/// Reads a signed envelope. Template files are told apart; newer schemas are refused.
pub(crate) fn read_envelope(text: &str) -> Result<Sealed<'_>, ResultFileError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let sealed: SealedIn = serde_json::from_str(text).map_err(|e| match e.classify() {
        serde_json::error::Category::Data => ResultFileError::NotResultFile,
        _ => ResultFileError::NotJson(JsonProblem::of(&e, text).to_string()),
    })?;
    let format = sealed.format.ok_or(ResultFileError::NotResultFile)?;
    if format == crate::core::template::format::TEMPLATE_FORMAT {
        return Err(ResultFileError::IsTemplate);
    }
    let schema = sealed.schema.ok_or(ResultFileError::NotResultFile)?;
    if schema > RESULT_SCHEMA as u64 {
        return Err(ResultFileError::Newer(u32::try_from(schema).unwrap_or(u32::MAX)));
    }
    Ok(Sealed {
        format,
        content: sealed.content.ok_or(ResultFileError::NotResultFile)?.get(),
        hash: sealed.sha256.ok_or(ResultFileError::Tampered)?,
        text,
    })
}

impl Sealed<'_> {
    /// Reads the content and checks it: as written it must hash to the
    /// checksum, and written out again it must be the same text, or the
    /// file holds something this version would drop.
    pub(crate) fn unseal<T: DeserializeOwned + Serialize>(&self) -> Result<T, ResultFileError> {
        let hash = self.hash.trim().to_ascii_lowercase();
        if sha256_hex(self.content.as_bytes()) != hash {
            return Err(ResultFileError::Tampered);
        }
        let value: T = serde_json::from_str(self.content)
            .map_err(|e| ResultFileError::BadContent(JsonProblem::within(&e, self.text, self.content).to_string()))?;
        let again = serde_json::to_string(&value).unwrap_or_default();
        if again != self.content {
            return Err(ResultFileError::OtherVersion);
        }
        Ok(value)
    }
}

/// Reads a result or branch file and checks it: the envelope, the checksum,
/// that the template is here with the same scoring, and that every answer
/// fits its item's rule. `lookup(id, version)` finds a template in this browser.
pub fn open<'t>(
    text: &str,
    lookup: impl Fn(&str, u32) -> Option<&'t Template>,
) -> Result<(Opened, &'t Template), ResultFileError> {
    Opener::new(lookup).open(text)
}

/// Opens many files against the same templates, computing each template's
/// fingerprint once rather than once per file.
pub struct Opener<'t, L> {
    lookup: L,
    fingerprints: Vec<(&'t Template, String)>,
}

impl<'t, L: Fn(&str, u32) -> Option<&'t Template>> Opener<'t, L> {
    pub fn new(lookup: L) -> Self {
        Opener {
            lookup,
            fingerprints: Vec::new(),
        }
    }

    /// See [`open`].
    pub fn open(&mut self, text: &str) -> Result<(Opened, &'t Template), ResultFileError> {
        let known = &mut self.fingerprints;
        open_checked(text, &self.lookup, |t| {
            if let Some((_, f)) = known.iter().find(|(k, _)| std::ptr::eq(*k, t)) {
                return f.clone();
            }
            let f = fingerprint(t);
            known.push((t, f.clone()));
            f
        })
    }
}

fn open_checked<'t>(
    text: &str,
    lookup: impl Fn(&str, u32) -> Option<&'t Template>,
    mut fingerprint_of: impl FnMut(&'t Template) -> String,
) -> Result<(Opened, &'t Template), ResultFileError> {
    let sealed = read_envelope(text)?;
    if sealed.format != RESULT_FORMAT && sealed.format != BRANCH_FORMAT {
        return Err(ResultFileError::NotResultFile);
    }
    let (opened, template_ref) = if sealed.format == RESULT_FORMAT {
        let c: ResultContent = sealed.unseal()?;
        let r = c.template.clone();
        (Opened::Result(c), r)
    } else {
        let c: BranchContent = sealed.unseal()?;
        let r = c.template.clone();
        (Opened::Branch(c), r)
    };
    let named = || (template_ref.title.clone(), template_ref.version);
    let t = lookup(&template_ref.id, template_ref.version)
        .filter(|t| t.id == template_ref.id && t.version == template_ref.version)
        .ok_or_else(|| {
            let (title, version) = named();
            ResultFileError::NoTemplate { title, version }
        })?;
    if fingerprint_of(t) != template_ref.fingerprint {
        let (title, version) = named();
        return Err(ResultFileError::OtherTemplate { title, version });
    }
    let assessments: Vec<&Assessment> = match &opened {
        Opened::Result(c) => vec![&c.assessment],
        Opened::Branch(c) => c.results.iter().collect(),
    };
    for a in assessments {
        check_answers(t, a)?;
    }
    Ok((opened, t))
}

/// Every answer names an item of the template and fits its rule, for the
/// member's response and the review alike; every bad one is named.
fn check_answers(t: &Template, a: &Assessment) -> Result<(), ResultFileError> {
    if a.template_id != t.id || a.template_version != t.version {
        return Err(ResultFileError::BadAnswer(format!(
            "“{}”的自查记录属于另一份评分表",
            a.respondent.name
        )));
    }
    let problems = crate::core::assessment::answer_check::answer_problems(t, a);
    if problems.is_empty() {
        return Ok(());
    }
    let each: Vec<String> = problems.iter().map(ToString::to_string).collect();
    Err(ResultFileError::BadAnswer(format!(
        "“{}”的{}",
        a.respondent.name,
        each.join("；")
    )))
}
