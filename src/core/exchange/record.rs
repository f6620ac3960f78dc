//! The stored form of a self-check: a versioned envelope around the data, so
//! that older records can be migrated and unreadable ones are reported, never
//! guessed at.
//!
//! ```json
//! {"schema": 1, "kind": "assessment", "data": { …Assessment… }}
//! ```

use crate::core::assessment::answers::Assessment;
use crate::core::basics::json_problem::JsonProblem;
use crate::core::template::format::Template;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use std::fmt;

/// The schema version this build writes. Older versions are read as they
/// are: 1 → 2 renamed each answer's `choice` to `response` when rules other
/// than 达标/基本达标/未达标 arrived (the values themselves carry over
/// unchanged), and `Answer` still reads `choice` (a serde alias).
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
    /// Readable, but holding answers no rule can take: a copy kept as found
    /// when the self-check was opened without them.
    SetAside,
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
            RecordError::SetAside => write!(
                f,
                "打开这份自查时，其中有答案不符合评分规则而没有采用；这是当时原样另存的记录"
            ),
        }
    }
}

/// A record as it is written: `{"schema":2,"kind":"assessment","data":{…}}`.
#[derive(Serialize)]
pub struct Sealed<'a, T> {
    pub schema: u32,
    pub kind: &'a str,
    pub data: &'a T,
}

/// A self-check in its envelope, ready to be stored.
pub fn assessment_record(a: &Assessment) -> Sealed<'_, Assessment> {
    Sealed {
        schema: SCHEMA_VERSION,
        kind: KIND_ASSESSMENT,
        data: a,
    }
}

/// An imported template in its envelope, ready to be stored.
pub fn template_record(t: &Template) -> Sealed<'_, Template> {
    Sealed {
        schema: TEMPLATE_RECORD_SCHEMA,
        kind: KIND_TEMPLATE,
        data: t,
    }
}

/// The text a record is stored as. These types (string keys, whole numbers
/// and exact decimals) cannot fail to serialise.
pub fn encode_assessment(a: &Assessment) -> String {
    serde_json::to_string(&assessment_record(a)).unwrap_or_default()
}

pub fn encode_template(t: &Template) -> String {
    serde_json::to_string(&template_record(t)).unwrap_or_default()
}

/// An envelope as read: anything missing or of the wrong type is reported
/// as not a record, never guessed at.
#[derive(Deserialize)]
struct Envelope<'a> {
    schema: Option<u64>,
    kind: Option<String>,
    #[serde(borrow)]
    data: Option<&'a RawValue>,
}

/// Opens an envelope of `kind` and reads its data, placing any problem in
/// the whole stored text.
fn open_envelope<T: DeserializeOwned>(raw: &str, kind: &str, newest: u32) -> Result<T, RecordError> {
    let envelope: Envelope = serde_json::from_str(raw).map_err(|e| match e.classify() {
        serde_json::error::Category::Data => RecordError::NoEnvelope,
        _ => RecordError::Unreadable(JsonProblem::of(&e, raw).to_string()),
    })?;
    let schema = envelope.schema.ok_or(RecordError::NoEnvelope)?;
    let schema = u32::try_from(schema).unwrap_or(u32::MAX);
    if schema == 0 {
        return Err(RecordError::NoEnvelope);
    }
    if schema > newest {
        return Err(RecordError::NewerSchema(schema));
    }
    match envelope.kind {
        Some(k) if k == kind => {}
        Some(other) => return Err(RecordError::WrongKind(other)),
        None => return Err(RecordError::NoEnvelope),
    }
    let data = envelope.data.ok_or(RecordError::NoEnvelope)?.get();
    serde_json::from_str(data).map_err(|e| RecordError::BadData(JsonProblem::within(&e, raw, data).to_string()))
}

/// Reads a stored imported template; it is validated again, so a damaged one
/// is reported rather than used.
pub fn decode_template(raw: &str) -> Result<Template, RecordError> {
    let t: Template = open_envelope(raw, KIND_TEMPLATE, TEMPLATE_RECORD_SCHEMA)?;
    match t.problems().first() {
        None => Ok(t),
        Some(p) => Err(RecordError::BadData(p.to_string())),
    }
}

pub fn decode_assessment(raw: &str) -> Result<Assessment, RecordError> {
    open_envelope(raw, KIND_ASSESSMENT, SCHEMA_VERSION)
}

/// A self-check stored under the key for `id`. The key says which
/// self-check it is: a record copied under another key, or edited by hand,
/// is that key's self-check whatever id its data carries, so it opens from
/// the list and is saved back under the same key.
pub fn decode_assessment_under(id: &str, raw: &str) -> Result<Assessment, RecordError> {
    let mut a = decode_assessment(raw)?;
    if a.id != id {
        a.id = id.to_string();
    }
    Ok(a)
}
