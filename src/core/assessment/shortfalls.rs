//! 整改清单's problems: every answered item below full marks, and every
//! triggered veto, judged on the review where there is one.

use crate::core::assessment::answers::{Assessment, Response};
use crate::core::assessment::scoring::ItemScore;
use crate::core::basics::points::Points;
use crate::core::template::format::{Item, Template};

/// An item that fell short: the problem an action is written against.
#[derive(Debug, Clone, PartialEq)]
pub struct Shortfall<'t> {
    pub section: usize,
    pub item: &'t Item,
    /// The answer the shortfall is judged on: the review's when the item was
    /// reviewed, else the member's own.
    pub response: Response,
    /// Points earned (base items); `None` for a triggered veto.
    pub earned: Option<Points>,
}

impl Shortfall<'_> {
    /// The problem in words, e.g. `基本达标，得2.5分（满分5分）`.
    pub fn problem(&self) -> String {
        match self.earned {
            Some(p) => format!("{}，得{}分（满分{}分）", self.response.label(), p, self.item.points),
            None => "触发一票否决".to_string(),
        }
    }
}

/// Every answered item below full marks, and every triggered veto, in
/// template order. Items not answered or 不适用 are not shortfalls; bonus
/// items never are.
pub fn shortfalls<'t>(template: &'t Template, a: &Assessment) -> Vec<Shortfall<'t>> {
    let mut out = Vec::new();
    for (si, section) in template.sections.iter().enumerate() {
        for item in &section.items {
            let Some(response) = a.review_response(&item.id).or_else(|| a.response(&item.id)) else {
                continue;
            };
            let earned = match ItemScore::of(item, Some(response)) {
                ItemScore::Base(p) if p < item.points => Some(p),
                ItemScore::Veto(true) => None,
                _ => continue,
            };
            out.push(Shortfall {
                section: si,
                item,
                response: response.clone(),
                earned,
            });
        }
    }
    out
}
