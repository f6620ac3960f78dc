//! 整改: what will be done about an item that fell short, by whom and by
//! when, and whether it is done (对账销号). Which items need one is
//! [`super::shortfalls`]; the entries are kept with the self-check.

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
