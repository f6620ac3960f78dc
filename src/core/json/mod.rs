//! JSON as Mofan reads and writes it, by hand: a parser into a small tree
//! ([`Node`]), typed reading from that tree ([`FromJson`], [`Fields`]) with
//! messages in Chinese, and a writer ([`Writer`], [`ToJson`]) whose compact
//! output is byte for byte what the serde_json build wrote (checksums and
//! template fingerprints depend on it; see `tests/core_json_compat.rs`).
//!
//! Serde's generic machinery was about a third of the app's own wasm; the
//! handful of types stored here need none of it.

mod parse;
mod read;
mod write;

pub use parse::parse;
pub use read::{Fields, FromJson};
pub use write::{ToJson, Writer};

use std::borrow::Cow;

/// A parsed value and where it starts in the text (a byte offset).
#[derive(Debug, Clone, PartialEq)]
pub struct Node<'a> {
    pub at: usize,
    pub value: Value<'a>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    Null,
    Bool(bool),
    /// The number exactly as written; checked against JSON's grammar.
    Number(&'a str),
    String(Cow<'a, str>),
    Array(Vec<Node<'a>>),
    /// Members in the order written, duplicates included.
    Object(Vec<(Cow<'a, str>, Node<'a>)>),
}

impl Value<'_> {
    /// What kind of value this is, as a user would say it.
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "空值 null",
            Value::Bool(_) => "true 或 false",
            Value::Number(_) => "数字",
            Value::String(_) => "文字",
            Value::Array(_) => "列表",
            Value::Object(_) => "对象",
        }
    }
}

/// Whether the text is not JSON, ends early, or is JSON of the wrong shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    Syntax,
    Eof,
    Data,
}

/// What is wrong and where (a byte offset into the text that was parsed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub kind: ErrorKind,
    pub at: usize,
    /// For data errors, what is wrong, in Chinese; empty otherwise.
    pub message: String,
}

impl Error {
    pub(crate) fn data(at: usize, message: String) -> Error {
        Error {
            kind: ErrorKind::Data,
            at,
            message,
        }
    }

    /// Line and column (both from 1, columns in characters) of the error in `text`.
    pub fn line_column(&self, text: &str) -> (usize, usize) {
        let before = text.get(..self.at.min(text.len())).unwrap_or(text);
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
        (line, before[line_start..].chars().count() + 1)
    }
}

/// Parses `text` and reads a `T` from it.
pub fn from_str<T: FromJson>(text: &str) -> Result<T, Error> {
    T::read_json(&parse(text)?)
}

/// `value` as compact JSON.
pub fn to_string<T: ToJson + ?Sized>(value: &T) -> String {
    let mut w = Writer::compact();
    value.write_json(&mut w);
    w.finish()
}

/// `value` as JSON indented by two spaces, one member per line.
pub fn to_string_pretty<T: ToJson + ?Sized>(value: &T) -> String {
    let mut w = Writer::pretty();
    value.write_json(&mut w);
    w.finish()
}
