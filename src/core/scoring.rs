//! From answers to points: section subtotals, the normalised total and the grade.
//!
//! 不适用 removes an item from the denominator:
//! `total = earned ÷ (scale − points of 不适用 items) × scale`, rounded half up
//! to 0.01. Items not yet answered stay in the denominator and earn 0, so the
//! total only rises as answers come in.

use super::assessment::Choice;
use super::points::Points;
use super::template::{Item, Rule, Section, Template};

/// What one item earns under its rule; `None` when it is not applicable.
pub fn item_points(item: &Item, choice: Option<Choice>) -> Option<Points> {
    match (&item.rule, choice) {
        (_, Some(Choice::NotApplicable)) => None,
        (_, None) | (Rule::Check { .. }, Some(Choice::NotMet)) => Some(Points::ZERO),
        (Rule::Check { .. }, Some(Choice::Met)) => Some(item.points),
        (Rule::Check { partial }, Some(Choice::Partial)) => Some(item.points.scale(*partial)),
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionScore {
    pub answered: usize,
    pub items: usize,
    /// Points earned in this section (not normalised).
    pub earned: Points,
    /// The section's full points.
    pub max: Points,
    /// The full points less the items marked 不适用.
    pub applicable: Points,
}

impl SectionScore {
    fn of(section: &Section, choice_of: &impl Fn(&str) -> Option<Choice>) -> Self {
        let mut s = SectionScore {
            answered: 0,
            items: section.items.len(),
            earned: Points::ZERO,
            max: Points::ZERO,
            applicable: Points::ZERO,
        };
        for item in &section.items {
            let choice = choice_of(&item.id);
            s.max += item.points;
            if choice.is_some() {
                s.answered += 1;
            }
            if let Some(p) = item_points(item, choice) {
                s.earned += p;
                s.applicable += item.points;
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
    pub earned: Points,
    pub applicable: Points,
    /// On the template's scale, after taking out 不适用 items.
    pub total: Points,
    /// Name of the grade band the total falls in.
    pub grade: String,
}

impl Scorecard {
    /// Scores a template given how each item was answered.
    pub fn compute(template: &Template, choice_of: impl Fn(&str) -> Option<Choice>) -> Scorecard {
        let sections: Vec<SectionScore> = template
            .sections
            .iter()
            .map(|s| SectionScore::of(s, &choice_of))
            .collect();
        let earned: Points = sections.iter().map(|s| s.earned).sum();
        let applicable: Points = sections.iter().map(|s| s.applicable).sum();
        let total = if applicable > Points::ZERO {
            earned.mul_div(template.total.hundredths(), applicable.hundredths())
        } else {
            Points::ZERO
        };
        Scorecard {
            answered: sections.iter().map(|s| s.answered).sum(),
            items: sections.iter().map(|s| s.items).sum(),
            grade: template.grade_for(total).name.clone(),
            sections,
            earned,
            applicable,
            total,
        }
    }

    pub fn of(template: &Template, assessment: &super::assessment::Assessment) -> Scorecard {
        Scorecard::compute(template, |id| assessment.choice(id))
    }

    pub fn is_complete(&self) -> bool {
        self.answered == self.items
    }
}
