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
pub use write::{Omittable, ToJson, Writer};

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

    /// A field the type does not have (refused where fields are strict).
    pub fn unknown_field(at: usize, name: &str) -> Error {
        Error::data(at, format!("无法识别的字段 `{name}`"))
    }

    /// A name that is not one of the values a field takes.
    pub fn unknown_value(at: usize, name: &str) -> Error {
        Error::data(at, format!("无法识别的取值 `{name}`"))
    }

    /// Line and column (both from 1, columns in characters) of the error in `text`.
    pub fn line_column(&self, text: &str) -> (usize, usize) {
        let before = text.get(..self.at.min(text.len())).unwrap_or(text);
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
        (line, before[line_start..].chars().count() + 1)
    }
}

/// [`ToJson`] and [`FromJson`] for a struct kept as a JSON object, from one
/// list of its fields in the order they are written, each with how it is kept:
/// - `required`: always written; a file without it is refused (缺少字段);
/// - `default`: always written; read as the type's default when absent;
/// - `omit_empty`: written only when not empty (an empty text or map, `None`,
///   `false`); read as the default when absent.
///
/// `strict` refuses a field not in the list (无法识别的字段), so a misspelt
/// one is named rather than ignored; `lenient` skips it.
macro_rules! json_object {
    ($ty:ident, $strictness:ident { $($field:ident: $mode:ident),+ $(,)? }) => {
        impl $crate::core::json::ToJson for $ty {
            fn write_json(&self, w: &mut $crate::core::json::Writer) {
                w.object(|w| {
                    $($crate::core::json::json_object!(@write $mode, w, stringify!($field), &self.$field);)+
                });
            }
        }

        impl $crate::core::json::FromJson for $ty {
            fn read_json(
                node: &$crate::core::json::Node<'_>,
            ) -> Result<Self, $crate::core::json::Error> {
                let strict = $crate::core::json::json_object!(@strict $strictness);
                let f = $crate::core::json::Fields::of(node, &[$(stringify!($field)),+], strict)?;
                Ok($ty {
                    $($field: $crate::core::json::json_object!(@read $mode, f, stringify!($field)),)+
                })
            }
        }
    };
    (@strict strict) => { true };
    (@strict lenient) => { false };
    (@write omit_empty, $w:ident, $key:expr, $value:expr) => { $w.optional_field($key, $value) };
    (@write $mode:ident, $w:ident, $key:expr, $value:expr) => { $w.field($key, $value) };
    (@read required, $f:ident, $key:expr) => { $f.required($key)? };
    (@read default, $f:ident, $key:expr) => { $f.or_default($key)? };
    (@read omit_empty, $f:ident, $key:expr) => { $f.or_default($key)? };
}
pub(crate) use json_object;

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
