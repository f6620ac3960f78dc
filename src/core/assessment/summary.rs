//! 自查汇总 of one self-check: per section the self score, the review score,
//! the maximum, the rate and how many items are answered; then the totals.

use crate::core::assessment::answers::Assessment;
use crate::core::assessment::scoring::{ItemScore, Scorecard, SectionScore};
use crate::core::basics::points::Points;
use crate::core::template::format::{Item, Template};

/// `part ÷ whole` as a percentage with two decimals (0 when `whole` is 0).
pub fn percent(part: Points, whole: Points) -> Points {
    if whole.hundredths() == 0 {
        Points::ZERO
    } else {
        part.mul_div(10_000, whole.hundredths())
    }
}

/// One 一级指标's line in the summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionLine {
    pub title: String,
    /// Base points of the section (before 不适用).
    pub max: Points,
    pub self_score: SectionScore,
    /// `None` until the reviewer has scored at least one item.
    pub review_score: Option<SectionScore>,
}

impl SectionLine {
    /// 得分率 of the self score: earned over the applicable points, in percent.
    pub fn self_rate(&self) -> Points {
        percent(self.self_score.earned, self.self_score.applicable)
    }

    pub fn review_rate(&self) -> Option<Points> {
        self.review_score.as_ref().map(|s| percent(s.earned, s.applicable))
    }
}

/// The whole summary: section lines and both scorecards.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub sections: Vec<SectionLine>,
    pub self_card: Scorecard,
    /// `None` when nothing has been reviewed.
    pub review_card: Option<Scorecard>,
}

impl Summary {
    pub fn of(template: &Template, a: &Assessment) -> Summary {
        let self_card = Scorecard::of_self(template, a);
        let review_card = Scorecard::of_review(template, a);
        let sections = template
            .sections
            .iter()
            .enumerate()
            .map(|(i, s)| SectionLine {
                title: s.title.clone(),
                max: self_card.sections[i].max,
                self_score: self_card.sections[i].clone(),
                review_score: review_card.as_ref().map(|c| c.sections[i].clone()),
            })
            .collect();
        Summary {
            sections,
            self_card,
            review_card,
        }
    }

    /// The card a secretary signs off: the review when there is one, else the self score.
    pub fn final_card(&self) -> &Scorecard {
        self.review_card.as_ref().unwrap_or(&self.self_card)
    }
}

/// One item as the printed page and the CSV list it: the member's answer and
/// score, the reviewer's, and the texts.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemLine<'t> {
    /// `2.3`: the section's and the item's place, from 1.
    pub number: String,
    pub item: &'t Item,
    /// The chosen answer's label (达标, 好, 2次 …), empty when unanswered.
    pub own_answer: String,
    pub own_score: ItemScore,
    /// The reviewer's answer's label, empty when not reviewed.
    pub review_answer: String,
    /// `None` when the item is not reviewed.
    pub review_score: Option<ItemScore>,
    pub comment: String,
    pub note: String,
    pub evidence: String,
}

/// Every item of every section, section by section.
pub fn item_lines<'t>(template: &'t Template, a: &Assessment) -> Vec<Vec<ItemLine<'t>>> {
    template
        .sections
        .iter()
        .enumerate()
        .map(|(si, s)| {
            s.items
                .iter()
                .enumerate()
                .map(|(ii, item)| {
                    let own = a.response(&item.id);
                    let review = a.review_response(&item.id);
                    let label = |r: Option<&super::Response>| r.map(|r| r.label()).unwrap_or_default();
                    ItemLine {
                        number: crate::core::basics::numbering::item_number(si, ii),
                        item,
                        own_answer: label(own),
                        own_score: ItemScore::of(item, own),
                        review_answer: label(review),
                        review_score: review.map(|r| ItemScore::of(item, Some(r))),
                        comment: a.review_comment(&item.id).to_string(),
                        note: a.note(&item.id).to_string(),
                        evidence: a.evidence(&item.id).to_string(),
                    }
                })
                .collect()
        })
        .collect()
}
