//! The stored form of a self-check: a versioned envelope around the data, so
//! that older records can be migrated and unreadable ones are reported, never
//! guessed at.
//!
//! ```json
//! {"schema": 1, "kind": "assessment", "data": { …Assessment… }}
//! ```

use super::assessment::Assessment;
use super::template::Template;
use serde::{Deserialize, Serialize};
use serde_json::error::Category;
use serde_json::value::RawValue;
use serde_json::Value;
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

#[derive(Serialize)]
struct EnvelopeOut<'a, T> {
    schema: u32,
    kind: &'a str,
    data: &'a T,
}

/// Wraps data in its envelope. These types (string keys, finite numbers)
/// cannot fail to serialise; not using `expect` keeps serde_json's Debug
/// formatting out of the wasm.
fn seal<T: Serialize>(schema: u32, kind: &str, data: &T) -> String {
    serde_json::to_string(&EnvelopeOut { schema, kind, data }).unwrap_or_default()
}

pub fn encode_assessment(a: &Assessment) -> String {
    seal(SCHEMA_VERSION, KIND_ASSESSMENT, a)
}

/// What went wrong in a parse, in Chinese, with where.
pub(crate) fn in_chinese(e: &serde_json::Error) -> String {
    let what = match e.classify() {
        Category::Eof => "内容在中途被截断".to_string(),
        Category::Syntax => "不是有效的JSON".to_string(),
        Category::Data => super::template_check::describe_serde_message(&e.to_string()),
        Category::Io => "无法读取".to_string(),
    };
    format!("{what}，位于第{}行第{}列", e.line(), e.column())
}

#[derive(Deserialize)]
struct EnvelopeIn<'a> {
    schema: Option<u64>,
    kind: Option<String>,
    #[serde(borrow)]
    data: Option<&'a RawValue>,
}

/// Opens an envelope of `kind`, returning its schema version and the raw
/// text of its data. The data is parsed from text afterwards, so each record
/// type has one deserializer in the wasm (parsing via `serde_json::Value`
/// would compile a second copy of every one).
fn open_envelope<'a>(raw: &'a str, kind: &str, newest: u32) -> Result<(u32, &'a str), RecordError> {
    let envelope: EnvelopeIn<'a> = serde_json::from_str(raw).map_err(|e| match e.classify() {
        Category::Data => RecordError::NoEnvelope,
        _ => RecordError::Unreadable(in_chinese(&e)),
    })?;
    let schema = envelope.schema.ok_or(RecordError::NoEnvelope)?;
    let schema = u32::try_from(schema).unwrap_or(u32::MAX);
    if schema == 0 {
        return Err(RecordError::NoEnvelope);
    }
    if schema > newest {
        return Err(RecordError::NewerSchema(schema));
    }
    match envelope.kind.as_deref() {
        Some(k) if k == kind => {}
        Some(other) => return Err(RecordError::WrongKind(other.to_string())),
        None => return Err(RecordError::NoEnvelope),
    }
    let data = envelope.data.ok_or(RecordError::NoEnvelope)?;
    Ok((schema, data.get()))
}

pub fn encode_template(t: &Template) -> String {
    seal(TEMPLATE_RECORD_SCHEMA, KIND_TEMPLATE, t)
}

/// Reads a stored imported template; it is validated again, so a damaged one
/// is reported rather than used.
pub fn decode_template(raw: &str) -> Result<Template, RecordError> {
    let (_, data) = open_envelope(raw, KIND_TEMPLATE, TEMPLATE_RECORD_SCHEMA)?;
    let t: Template = serde_json::from_str(data).map_err(|e| RecordError::BadData(in_chinese(&e)))?;
    match t.problems().first() {
        None => Ok(t),
        Some(p) => Err(RecordError::BadData(p.to_string())),
    }
}

pub fn decode_assessment(raw: &str) -> Result<Assessment, RecordError> {
    let (schema, data) = open_envelope(raw, KIND_ASSESSMENT, SCHEMA_VERSION)?;
    let bad = |e: serde_json::Error| RecordError::BadData(in_chinese(&e));
    if schema < 2 {
        let mut value: Value = serde_json::from_str(data).map_err(bad)?;
        migrate_v1_to_v2(&mut value);
        return serde_json::from_str(&value.to_string()).map_err(bad);
    }
    serde_json::from_str(data).map_err(bad)
}

/// Schema 1 kept each item's answer as `choice`; schema 2 calls it `response`.
fn migrate_v1_to_v2(data: &mut Value) {
    let Some(answers) = data.get_mut("answers").and_then(Value::as_object_mut) else {
        return;
    };
    for answer in answers.values_mut() {
        if let Some(obj) = answer.as_object_mut() {
            if let Some(choice) = obj.remove("choice") {
                obj.insert("response".to_string(), choice);
            }
        }
    }
}
