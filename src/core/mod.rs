//! Plain Rust domain logic: no browser, no Leptos. Tested natively.
//!
//! Four layers, each importing only those before it:
//! - [`basics`]: exact points, numbering, names, sorting, CSV and JSON
//!   problems in Chinese: knows nothing of checklists;
//! - [`template`]: the checklist (评分表) format, its validator, the
//!   spreadsheet form, the library of versions and the built-in ones;
//! - [`assessment`]: one self-check's answers and what follows from them:
//!   scores, 整改清单, summaries, rounds, the radar chart;
//! - [`exchange`]: what goes between browsers and people: stored records,
//!   result and branch files, backups, combining a branch, reports for
//!   Excel, and the files worker's jobs.

pub mod assessment;
pub mod basics;
pub mod exchange;
pub mod template;

pub use assessment::answers::{Answer, Assessment, Respondent, Response, ResponseProblem, Review, StartProblem};
pub use assessment::scoring::{ItemScore, Scorecard, SectionScore};
pub use basics::points::{Fraction, Points};
pub use template::check::TemplateError;
pub use template::format::{Audience, GradeBand, Item, LadderStep, Rule, Section, Template};
