//! From answers to points: section subtotals, the normalised total, bonus,
//! veto and the grade, computed the same way for the self score (自评分)
//! and the review score (审核分).
//!
//! 不适用 removes an item from the denominator:
//! `base = earned ÷ (base points − points of 不适用 items) × scale`, rounded
//! half up to 0.01. Items not yet answered stay in the denominator and earn 0,
//! so the total only rises as answers come in. Bonus points (加分项) are added
//! after: `total = base + bonus`. A triggered veto (一票否决) forces the lowest
//! grade whatever the total.

use crate::core::assessment::answers::{Assessment, Response};
use crate::core::basics::points::Points;
use crate::core::template::format::{Item, Rule, Section, Template};

/// What one item contributes, given a response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemScore {
    /// Not answered (or answered in a way this rule cannot take): 0, stays in the denominator.
    Unanswered,
    /// 不适用: out of the denominator.
    NotApplicable,
    /// Points toward the base total.
    Base(Points),
    /// 加分项 points, outside the base total.
    Bonus(Points),
    /// A veto item; `true` when triggered.
    Veto(bool),
}

impl ItemScore {
    /// The item's points in words, as shown beside it: 得5分, 加2分, 不计入, 未作答 ….
    pub fn label(&self) -> String {
        match self {
            ItemScore::Unanswered => "未作答".to_string(),
            ItemScore::NotApplicable => "不计入".to_string(),
            ItemScore::Base(p) => format!("得{p}分"),
            ItemScore::Bonus(p) => format!("加{p}分"),
            ItemScore::Veto(true) => "一票否决".to_string(),
            ItemScore::Veto(false) => "未触发".to_string(),
        }
    }

    pub fn of(item: &Item, response: Option<&Response>) -> ItemScore {
        let Some(r) = response else {
            return ItemScore::Unanswered;
        };
        if r.check_fits(item).is_err() {
            return ItemScore::Unanswered;
        }
        match (&item.rule, r) {
            (_, Response::NotApplicable) => ItemScore::NotApplicable,
            (Rule::Check { .. }, Response::Met) => ItemScore::Base(item.points),
            (Rule::Check { partial }, Response::Partial) => ItemScore::Base(item.points.scale(*partial)),
            (Rule::Check { .. }, Response::NotMet) => ItemScore::Base(Points::ZERO),
            (Rule::Ladder { steps }, Response::Step(name)) => steps
                .iter()
                .find(|s| &s.name == name)
                .map_or(ItemScore::Unanswered, |s| ItemScore::Base(s.points)),
            (Rule::Deduction { per, .. }, Response::Count(n)) => {
                let lost = Points::from_hundredths(per.hundredths().saturating_mul(*n as i64));
                ItemScore::Base((item.points - lost).max(Points::ZERO))
            }
            (Rule::Free { .. }, Response::Score(p)) => ItemScore::Base(*p),
            (Rule::Bonus { .. }, Response::Score(p)) => ItemScore::Bonus(*p),
            (Rule::Veto, Response::Veto(triggered)) => ItemScore::Veto(*triggered),
            (Rule::Poll { steps }, Response::Votes(t)) => t.score(steps).map_or(ItemScore::Unanswered, ItemScore::Base),
            _ => ItemScore::Unanswered,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionScore {
    /// Titles of the veto items triggered in this section.
    pub vetoes: Vec<String>,
    pub answered: usize,
    pub items: usize,
    /// Items still to answer before the self-check is finished: every
    /// unanswered item but a bonus (no award is an answer of its own).
    pub open: usize,
    /// Base points earned in this section (not normalised).
    pub earned: Points,
    /// The section's full base points.
    pub max: Points,
    /// The full base points less the items marked 不适用.
    pub applicable: Points,
    /// 加分 earned in this section.
    pub bonus: Points,
}

impl SectionScore {
    /// Scores one section on its own, so that a screen can recompute only
    /// the section an answer belongs to (see [`Scorecard::from_sections`]).
    pub fn of(section: &Section, response_of: impl Fn(&str) -> Option<Response>) -> Self {
        let mut s = SectionScore {
            vetoes: Vec::new(),
            answered: 0,
            items: section.items.len(),
            open: 0,
            earned: Points::ZERO,
            max: Points::ZERO,
            applicable: Points::ZERO,
            bonus: Points::ZERO,
        };
        for item in &section.items {
            let score = ItemScore::of(item, response_of(&item.id).as_ref());
            if score != ItemScore::Unanswered {
                s.answered += 1;
            } else if item.rule.must_be_answered() {
                s.open += 1;
            }
            if item.rule.is_base() {
                s.max += item.points;
                if score != ItemScore::NotApplicable {
                    s.applicable += item.points;
                }
            }
            match score {
                ItemScore::Base(p) => s.earned += p,
                ItemScore::Bonus(p) => s.bonus += p,
                ItemScore::Veto(true) => s.vetoes.push(item.title.clone()),
                _ => {}
            }
        }
        s
    }

    pub fn is_complete(&self) -> bool {
        self.answered == self.items
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scorecard {
    pub sections: Vec<SectionScore>,
    pub answered: usize,
    pub items: usize,
    /// Items still to answer (see [`SectionScore::open`]).
    pub open: usize,
    pub earned: Points,
    pub applicable: Points,
    /// Base score on the template's scale, after taking out 不适用 items.
    pub base: Points,
    /// 加分: the sum of bonus items, each already capped at its points.
    pub bonus: Points,
    /// `base + bonus`.
    pub total: Points,
    /// Titles of the veto items that were triggered (一票否决 reasons).
    pub vetoes: Vec<String>,
    /// Name of the grade: the lowest band when vetoed, else the band the total falls in.
    pub grade: String,
}

impl Scorecard {
    /// Scores a template given each item's response.
    pub fn compute(template: &Template, response_of: impl Fn(&str) -> Option<Response>) -> Scorecard {
        let sections = template
            .sections
            .iter()
            .map(|s| SectionScore::of(s, &response_of))
            .collect();
        Scorecard::from_sections(template, sections)
    }

    /// The total, bonus, vetoes and grade from the template's section scores,
    /// in template order.
    pub fn from_sections(template: &Template, sections: Vec<SectionScore>) -> Scorecard {
        let vetoes: Vec<String> = sections.iter().flat_map(|s| s.vetoes.iter().cloned()).collect();
        let earned: Points = sections.iter().map(|s| s.earned).sum();
        let applicable: Points = sections.iter().map(|s| s.applicable).sum();
        let bonus: Points = sections.iter().map(|s| s.bonus).sum();
        let base = if applicable > Points::ZERO {
            earned.mul_div(template.total.hundredths(), applicable.hundredths())
        } else {
            Points::ZERO
        };
        let total = base + bonus;
        let grade = if vetoes.is_empty() {
            template.grade_for(total)
        } else {
            template.lowest_grade()
        };
        Scorecard {
            answered: sections.iter().map(|s| s.answered).sum(),
            items: sections.iter().map(|s| s.items).sum(),
            open: sections.iter().map(|s| s.open).sum(),
            grade: grade.name.clone(),
            sections,
            earned,
            applicable,
            base,
            bonus,
            total,
            vetoes,
        }
    }

    /// The grade as shown: 未完成 while items are still to answer, so a
    /// self-check half done is not taken for a 不合格 one; a triggered veto
    /// decides the grade whatever is left.
    pub fn grade_shown(&self) -> &str {
        if self.open > 0 && self.vetoes.is_empty() {
            "未完成"
        } else {
            &self.grade
        }
    }

    /// The sentence that tells why the grade is the lowest one, or `None`
    /// when no veto item was triggered.
    pub fn veto_notice(&self) -> Option<String> {
        (!self.vetoes.is_empty()).then(|| format!("一票否决：{}。等次定为{}。", self.vetoes.join("；"), self.grade))
    }

    /// The member's own score (自评分).
    pub fn of_self(template: &Template, a: &Assessment) -> Scorecard {
        Scorecard::compute(template, |id| a.response(id).cloned())
    }

    /// The reviewer's score (审核分), or `None` while nothing has been
    /// reviewed; items not reviewed count as unanswered.
    pub fn of_review(template: &Template, a: &Assessment) -> Option<Scorecard> {
        a.is_reviewed()
            .then(|| Scorecard::compute(template, |id| a.review_response(id).cloned()))
    }

    pub fn is_complete(&self) -> bool {
        self.answered == self.items
    }
}

/// How far a member's file taken in to review has been reviewed, as the
/// home list marks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewProgress {
    /// Nothing reviewed yet: 待审核.
    Pending,
    /// Some items reviewed, of all: 审核中.
    Partial { reviewed: usize, items: usize },
    /// Every item that must be answered is reviewed: 已审核.
    Done,
}

impl ReviewProgress {
    pub fn of(template: &Template, a: &Assessment) -> ReviewProgress {
        match Scorecard::of_review(template, a) {
            None => ReviewProgress::Pending,
            Some(c) if c.open == 0 => ReviewProgress::Done,
            Some(c) => ReviewProgress::Partial {
                reviewed: c.answered,
                items: c.items,
            },
        }
    }

    /// A short name for styling: `pending`, `partial` or `done`.
    pub fn key(&self) -> &'static str {
        match self {
            ReviewProgress::Pending => "pending",
            ReviewProgress::Partial { .. } => "partial",
            ReviewProgress::Done => "done",
        }
    }

    /// 待审核, 审核中（已审 3/33 项） or 已审核.
    pub fn label(&self) -> String {
        match self {
            ReviewProgress::Pending => "待审核".into(),
            ReviewProgress::Partial { reviewed, items } => format!("审核中（已审 {reviewed}/{items} 项）"),
            ReviewProgress::Done => "已审核".into(),
        }
    }
}
