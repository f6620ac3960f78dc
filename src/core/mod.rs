//! Plain Rust domain logic: no browser, no Leptos. Tested natively.

pub mod assessment;
pub mod builtin;
pub mod numbering;
pub mod points;
pub mod record;
pub mod round;
pub mod scoring;
pub mod template;
pub mod template_check;

pub use assessment::{Answer, Assessment, Choice, Respondent, StartProblem};
pub use points::{Fraction, Points};
pub use scoring::{item_points, Scorecard, SectionScore};
pub use template::{Audience, GradeBand, Item, Rule, Section, Template};
pub use template_check::TemplateError;
