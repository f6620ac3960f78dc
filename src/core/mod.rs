//! Plain Rust domain logic: no browser, no Leptos. Tested natively.

pub mod action;
pub mod answer_check;
pub mod answer_input;
pub mod assessment;
pub mod backup;
pub mod branch;
pub mod builtin;
pub mod csv;
pub mod file_jobs;
pub mod json_problem;
pub mod names;
pub mod numbering;
pub mod points;
pub mod radar;
pub mod record;
pub mod report_csv;
pub mod result_file;
pub mod round;
pub mod scoring;
pub mod sorted;
pub mod summary;
pub mod template;
pub mod template_check;
pub mod template_csv;
pub mod template_library;
pub mod text_file;

pub use assessment::{Answer, Assessment, Respondent, Response, ResponseProblem, Review, StartProblem};
pub use points::{Fraction, Points};
pub use scoring::{ItemScore, Scorecard, SectionScore};
pub use template::{Audience, GradeBand, Item, LadderStep, Rule, Section, Template};
pub use template_check::TemplateError;
