//! 整改清单: for every item below full marks, what will be done about it,
//! by whom and by when, and whether it is done (对账销号).

use super::assessment::{put_or_remove, Assessment, Response};
use super::points::Points;
use super::scoring::ItemScore;
use super::template::{Item, Template};
use serde::{Deserialize, Serialize};

/// The corrective action for one item, saved with the self-check. Only
/// what was filled in is written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Action {
    /// 整改措施
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub measure: String,
    /// 责任人
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    /// 完成时限, as the user writes it (e.g. 2026年12月底).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub deadline: String,
    /// 已完成 (销号) when true, 未完成 otherwise.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub done: bool,
}

impl Action {
    pub fn is_empty(&self) -> bool {
        self.measure.is_empty() && self.owner.is_empty() && self.deadline.is_empty() && !self.done
    }

    pub fn status_label(&self) -> &'static str {
        if self.done {
            "已完成"
        } else {
            "未完成"
        }
    }
}

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

impl Assessment {
    /// The action written for an item, if any.
    pub fn action(&self, item_id: &str) -> Option<&Action> {
        self.actions.get(item_id)
    }

    /// Replaces one item's action; an empty one removes it. Returns whether anything changed.
    pub fn set_action(&mut self, item_id: &str, action: Action, now: i64) -> bool {
        let empty = action.is_empty();
        self.record(now, |a| put_or_remove(&mut a.actions, item_id, action, empty))
    }

    /// Changes one field of an item's action.
    pub fn edit_action(&mut self, item_id: &str, now: i64, f: impl FnOnce(&mut Action)) -> bool {
        let mut x = self.actions.get(item_id).cloned().unwrap_or_default();
        f(&mut x);
        self.set_action(item_id, x, now)
    }
}
