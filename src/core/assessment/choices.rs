//! The answers an item offers as a short list of choices, each in plain
//! words with what it earns: the big buttons of 长辈模式 (one item a
//! screen). A rule whose answers are not a short list (a count with no upper
//! limit, a score in many steps, the votes of a 民主测评) has none: its
//! answer is typed as in the normal view.

use crate::core::assessment::answers::Response;
use crate::core::assessment::scoring::ItemScore;
use crate::core::basics::points::Points;
use crate::core::template::format::{Item, Rule};

/// A score is offered as buttons when it has at most this many steps above 0.
const MOST_STEPS: i64 = 10;

/// One answer, as a button says it.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    /// 达标（得6分）, 1次（扣2分）, 不适用（本项不计分）….
    pub label: String,
    pub response: Response,
}

impl Choice {
    fn new(name: impl Into<String>, item: &Item, response: Response) -> Choice {
        let earned = match ItemScore::of(item, Some(&response)) {
            ItemScore::Base(p) if p == Points::ZERO => "不得分".to_string(),
            ItemScore::Bonus(p) if p == Points::ZERO => "不加分".to_string(),
            ItemScore::NotApplicable => "本项不计分".to_string(),
            score => score.label(),
        };
        Choice {
            label: format!("{}（{earned}）", name.into()),
            response,
        }
    }
}

/// The answers `item` offers as buttons, in the order of the normal view
/// (best first), 不适用 last where the item allows it; `None` when its
/// answer is typed.
pub fn choices(item: &Item) -> Option<Vec<Choice>> {
    let p = item.points;
    let mut list: Vec<Choice> = match &item.rule {
        Rule::Check { .. } => Response::CHECK_LEVELS
            .iter()
            .map(|r| Choice::new(r.label(), item, r.clone()))
            .collect(),
        Rule::Ladder { steps } => steps
            .iter()
            .map(|s| Choice::new(s.name.clone(), item, Response::Step(s.name.clone())))
            .collect(),
        Rule::Veto => vec![
            Choice {
                label: "未触发（不影响等次）".into(),
                response: Response::Veto(false),
            },
            Choice {
                label: "触发一票否决（等次定为最低）".into(),
                response: Response::Veto(true),
            },
        ],
        Rule::Deduction {
            per,
            max_count: Some(m),
        } => (0..=*m)
            .map(|n| {
                let lost = Points::from_hundredths(per.hundredths().saturating_mul(i64::from(n))).min(p);
                let label = match n {
                    0 => "没有发生（0次，不扣分）".to_string(),
                    _ if lost == p => format!("{n}次（扣完{p}分为止）"),
                    _ => format!("{n}次（扣{lost}分）"),
                };
                Choice {
                    label,
                    response: Response::Count(n),
                }
            })
            .collect(),
        Rule::Free { step } | Rule::Bonus { step } => {
            let steps = p.hundredths() / step.hundredths().max(1);
            if steps > MOST_STEPS {
                return None;
            }
            (0..=steps)
                .map(|k| {
                    let score = Points::from_hundredths(k * step.hundredths());
                    let label = match item.rule {
                        Rule::Bonus { .. } if k == 0 => "不加分".to_string(),
                        Rule::Bonus { .. } => format!("加{score}分"),
                        _ => format!("{score}分"),
                    };
                    Choice {
                        label,
                        response: Response::Score(score),
                    }
                })
                .collect()
        }
        Rule::Deduction { max_count: None, .. } | Rule::Poll { .. } => return None,
    };
    // Best first, as in the normal view: a score counts up, so turn it round.
    if matches!(item.rule, Rule::Free { .. }) {
        list.reverse();
    }
    // 不适用 has no meaning for a bonus: no award is 0 points.
    if item.allow_na && !matches!(item.rule, Rule::Bonus { .. }) {
        list.push(Choice::new("不适用", item, Response::NotApplicable));
    }
    Some(list)
}
