//! Answers checked against their items' rules wherever a self-check comes in
//! from outside this page: a stored record, a backup, a result file. Every
//! answer no rule can take (a score of 999, an unknown ladder step, 不适用
//! on a veto item, an item the checklist does not have) is named by item,
//! in Chinese.

use crate::core::assessment::answers::Assessment;
use crate::core::basics::numbering::item_number;
use crate::core::template::format::Template;
use std::fmt;

/// One answer that does not fit, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerProblem {
    /// The item's id, as the self-check names it.
    pub item_id: String,
    /// 第2.1项“…”, or the bare id for an item the checklist does not have.
    pub place: String,
    pub message: String,
}

impl fmt::Display for AnswerProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}：{}", self.place, self.message)
    }
}

/// Every answer of `a` (the member's and the reviewer's) that `t` cannot
/// take, and every 整改 entry for an item `t` does not have, in the
/// checklist's order.
pub fn answer_problems(t: &Template, a: &Assessment) -> Vec<AnswerProblem> {
    let position = |id: &str| {
        t.sections.iter().enumerate().find_map(|(si, s)| {
            let ii = s.items.iter().position(|i| i.id == id)?;
            Some((si, ii, &s.items[ii]))
        })
    };
    let mut found: Vec<((usize, usize), AnswerProblem)> = Vec::new();
    let unknown = |id: &str, message: &str| {
        (
            (usize::MAX, usize::MAX),
            AnswerProblem {
                item_id: id.to_string(),
                place: format!("条目“{id}”"),
                message: message.to_string(),
            },
        )
    };
    for (id, answer) in &a.answers {
        let Some((si, ii, item)) = position(id) else {
            found.push(unknown(id, "评分表中没有这一项，答案无处可填"));
            continue;
        };
        let whose = [
            ("自评", answer.response.as_ref()),
            ("审核", answer.review.as_ref().and_then(|r| r.response.as_ref())),
        ];
        for (who, response) in whose {
            let Some(r) = response else { continue };
            if let Err(p) = r.check_fits(item) {
                found.push((
                    (si, ii),
                    AnswerProblem {
                        item_id: id.clone(),
                        place: format!("第{}项“{}”", item_number(si, ii), item.title),
                        message: format!("{who}答案“{}”不符合评分规则（{}）", r.label(), p.message()),
                    },
                ));
            }
        }
    }
    for id in a.actions.keys().filter(|id| position(id).is_none()) {
        found.push(unknown(id, "整改清单中的这一项不在评分表中"));
    }
    crate::core::basics::sorted::sort_by_key(&mut found, |(at, _)| *at);
    found.into_iter().map(|(_, p)| p).collect()
}

impl Assessment {
    /// This self-check without what [`answer_problems`] names: those
    /// answers (the member's or the reviewer's, whichever does not fit) and
    /// 整改 entries are left out; everything else is as it was.
    pub fn without_bad_answers(&self, t: &Template) -> Assessment {
        let mut a = self.clone();
        a.actions.retain(|id, _| t.item(id).is_some());
        a.answers.retain(|id, _| t.item(id).is_some());
        for (id, answer) in a.answers.iter_mut() {
            let Some(item) = t.item(id) else { continue };
            if answer.response.as_ref().is_some_and(|r| r.check_fits(item).is_err()) {
                answer.response = None;
            }
            if let Some(review) = answer.review.as_mut() {
                if review.response.as_ref().is_some_and(|r| r.check_fits(item).is_err()) {
                    review.response = None;
                }
            }
        }
        a.answers.retain(|_, answer| !answer.is_empty());
        a
    }
}
