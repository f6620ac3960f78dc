//! The stored form of a self-check: a versioned envelope around the data, so
//! that older records can be migrated and unreadable ones are reported, never
//! guessed at.
//!
//! ```json
//! {"schema": 1, "kind": "assessment", "data": { …Assessment… }}
//! ```

use super::assessment::Assessment;
use super::json::{self, ErrorKind, FromJson, Node, ToJson, Value, Writer};
use super::template::Template;
use std::borrow::Cow;
use std::fmt;

/// The schema version this build writes. Older versions are migrated on read:
/// 1 → 2 renamed each answer's `choice` to `response` when rules other than
/// 达标/基本达标/未达标 arrived (the values themselves carry over unchanged).
pub const SCHEMA_VERSION: u32 = 2;
const KIND_ASSESSMENT: &str = "assessment";
const KIND_TEMPLATE: &str = "template";
/// The schema of stored imported templates (the template's own format is versioned inside).
pub const TEMPLATE_RECORD_SCHEMA: u32 = 1;

/// Why a stored record could not be read. The raw text is never thrown away
/// by the caller; this only says what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordError {
    /// Not JSON at all, or cut off part-way.
    Unreadable(String),
    /// JSON, but without the envelope fields.
    NoEnvelope,
    /// Written by a newer version of Mofan.
    NewerSchema(u32),
    /// A record of another kind than its key says (e.g. a template under a self-check key).
    WrongKind(String),
    /// The envelope is fine but the data inside is not valid.
    BadData(String),
}

impl fmt::Display for RecordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RecordError::Unreadable(why) => write!(f, "数据已损坏，无法解析（{why}）"),
            RecordError::NoEnvelope => write!(f, "数据缺少版本信息，不是模范保存的记录"),
            RecordError::NewerSchema(v) => write!(
                f,
                "这条记录由更新版本的模范保存（数据版本 {v}），本版本无法读取，请升级后再打开"
            ),
            RecordError::WrongKind(k) => write!(f, "记录类型为“{k}”，与它的存放位置不符"),
            RecordError::BadData(why) => write!(f, "记录内容不完整或有误（{why}）"),
        }
    }
}

/// Wraps data in its envelope.
fn seal<T: ToJson>(schema: u32, kind: &str, data: &T) -> String {
    let mut w = Writer::compact();
    w.object(|w| {
        w.field("schema", &schema);
        w.field("kind", kind);
        w.field("data", data);
    });
    w.finish()
}

pub fn encode_assessment(a: &Assessment) -> String {
    seal(SCHEMA_VERSION, KIND_ASSESSMENT, a)
}

/// What went wrong in a parse of `text`, in Chinese, with where.
pub(crate) fn in_chinese(e: &json::Error, text: &str) -> String {
    let what = match e.kind {
        ErrorKind::Eof => "内容在中途被截断",
        ErrorKind::Syntax => "不是有效的JSON",
        ErrorKind::Data => &e.message,
    };
    let (line, column) = e.line_column(text);
    format!("{what}，位于第{line}行第{column}列")
}

/// Opens an envelope of `kind`, returning its schema version and its data.
fn open_envelope<'a>(raw: &'a str, kind: &str, newest: u32) -> Result<(u32, Node<'a>), RecordError> {
    let root = json::parse(raw).map_err(|e| RecordError::Unreadable(in_chinese(&e, raw)))?;
    let no_envelope = |_| RecordError::NoEnvelope;
    let [schema, found, data] = root.take_members(["schema", "kind", "data"]).map_err(no_envelope)?;
    let schema = u64::read_json(&schema.ok_or(RecordError::NoEnvelope)?).map_err(no_envelope)?;
    let found = found.map(|k| String::read_json(&k)).transpose().map_err(no_envelope)?;
    let schema = u32::try_from(schema).unwrap_or(u32::MAX);
    if schema == 0 {
        return Err(RecordError::NoEnvelope);
    }
    if schema > newest {
        return Err(RecordError::NewerSchema(schema));
    }
    match found {
        Some(k) if k == kind => {}
        Some(other) => return Err(RecordError::WrongKind(other)),
        None => return Err(RecordError::NoEnvelope),
    }
    let data = data.ok_or(RecordError::NoEnvelope)?;
    Ok((schema, data))
}

pub fn encode_template(t: &Template) -> String {
    seal(TEMPLATE_RECORD_SCHEMA, KIND_TEMPLATE, t)
}

/// Reads a stored imported template; it is validated again, so a damaged one
/// is reported rather than used.
pub fn decode_template(raw: &str) -> Result<Template, RecordError> {
    let (_, data) = open_envelope(raw, KIND_TEMPLATE, TEMPLATE_RECORD_SCHEMA)?;
    let t = Template::read_json(&data).map_err(|e| RecordError::BadData(in_chinese(&e, raw)))?;
    match t.problems().first() {
        None => Ok(t),
        Some(p) => Err(RecordError::BadData(p.to_string())),
    }
}

pub fn decode_assessment(raw: &str) -> Result<Assessment, RecordError> {
    let (schema, mut data) = open_envelope(raw, KIND_ASSESSMENT, SCHEMA_VERSION)?;
    if schema < 2 {
        migrate_v1_to_v2(&mut data);
    }
    Assessment::read_json(&data).map_err(|e| RecordError::BadData(in_chinese(&e, raw)))
}

/// Schema 1 kept each item's answer as `choice`; schema 2 calls it `response`.
fn migrate_v1_to_v2(data: &mut Node<'_>) {
    let Value::Object(members) = &mut data.value else {
        return;
    };
    for (_, answers) in members.iter_mut().filter(|(k, _)| k == "answers") {
        let Value::Object(answers) = &mut answers.value else {
            continue;
        };
        for (_, answer) in answers {
            let Value::Object(fields) = &mut answer.value else {
                continue;
            };
            if fields.iter().any(|(k, _)| k == "choice") {
                fields.retain(|(k, _)| k != "response");
                for (k, _) in fields.iter_mut().filter(|(k, _)| k == "choice") {
                    *k = Cow::Borrowed("response");
                }
            }
        }
    }
}
