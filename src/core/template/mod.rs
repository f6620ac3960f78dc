//! The checklist (评分表): its format ([`format`]: sections, items, rules,
//! grade bands), the validator every imported file passes ([`check`]), the
//! same table as a spreadsheet ([`spreadsheet`]) and as an Excel workbook
//! ([`workbook`]), which versions a browser
//! holds and where an import goes ([`library`]), the built-in ones
//! ([`builtin`]) and the documents they quote ([`sources`]). Imports only `core::basics`.

pub mod builtin;
pub mod check;
pub mod format;
pub mod library;
pub mod sources;
pub mod spreadsheet;
pub mod workbook;

pub use format::*;
