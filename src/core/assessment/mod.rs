//! One self-check (自评) and what follows from its answers: the answers
//! themselves and their edits ([`answers`]), 整改 entries ([`action`]) and
//! the items that need one ([`shortfalls`]), scores and grades
//! ([`scoring`]), 民主测评 votes ([`poll`]), per-section summaries, rounds chosen ([`round_pick`]) and compared, the radar chart's
//! geometry, typed answers read ([`answer_input`]) and answers no rule can
//! take ([`answer_check`]), and the answers an item offers as buttons ([`choices`]) an item in plain words, as 读给我听 says it ([`spoken`]), and 长辈模式's items one a screen ([`steps`]). Imports `core::basics` and `core::template`.

pub mod action;
pub mod answer_check;
pub mod answer_input;
pub mod answers;
pub mod choices;
pub mod poll;
pub mod radar;
pub mod round;
pub mod round_pick;
pub mod scoring;
pub mod shortfalls;
pub mod spoken;
pub mod steps;
pub mod summary;

pub use answers::*;
