//! 民主测评: the votes of those present, counted per step (好 / 较好 / 一般 /
//! 差), and the item's score as the vote-weighted average of the steps'
//! points. Blank ballots and abstentions (弃权) are counted and shown, never
//! scored: `score = Σ votes × step points ÷ Σ votes`, rounded half up to 0.01.

use crate::core::basics::points::Points;
use crate::core::template::format::LadderStep;
use serde::{Deserialize, Serialize};

/// The votes cast for one item.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Tally {
    /// Votes per step, in the rule's order.
    pub steps: Vec<StepVotes>,
    /// 弃权 and blank ballots.
    #[serde(default)]
    pub blank: u32,
}

/// How many voted for one step.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct StepVotes {
    pub name: String,
    pub votes: u32,
}

/// Why a tally does not fit an item's steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TallyProblem {
    /// A step the rule does not have, or the same step twice.
    UnknownStep,
    /// No scored vote at all: nothing to average.
    NoVotes,
}

impl Tally {
    /// A tally of `counts` for `steps`, in order, and `blank` ballots.
    pub fn of(steps: &[LadderStep], counts: &[u32], blank: u32) -> Tally {
        Tally {
            steps: steps
                .iter()
                .zip(counts)
                .map(|(s, &votes)| StepVotes {
                    name: s.name.clone(),
                    votes,
                })
                .collect(),
            blank,
        }
    }

    /// Votes for the step named `name`.
    pub fn votes_for(&self, name: &str) -> u32 {
        self.steps.iter().filter(|s| s.name == name).map(|s| s.votes).sum()
    }

    /// Votes that count toward the score (blank ballots do not).
    pub fn scored(&self) -> u64 {
        self.steps.iter().map(|s| s.votes as u64).sum()
    }

    /// Whether the tally can be scored against `steps`.
    pub fn check(&self, steps: &[LadderStep]) -> Result<(), TallyProblem> {
        for (i, s) in self.steps.iter().enumerate() {
            let known = steps.iter().any(|step| step.name == s.name);
            let repeated = self.steps[..i].iter().any(|o| o.name == s.name);
            if !known || repeated {
                return Err(TallyProblem::UnknownStep);
            }
        }
        if self.scored() == 0 {
            return Err(TallyProblem::NoVotes);
        }
        Ok(())
    }

    /// The vote-weighted average of the steps' points; `None` when the
    /// tally does not fit `steps`.
    pub fn score(&self, steps: &[LadderStep]) -> Option<Points> {
        self.check(steps).ok()?;
        let weighted: i64 = self
            .steps
            .iter()
            .map(|v| {
                let points = steps
                    .iter()
                    .find(|s| s.name == v.name)
                    .map_or(0, |s| s.points.hundredths());
                points.saturating_mul(v.votes as i64)
            })
            .fold(0i64, i64::saturating_add);
        Some(Points::from_hundredths(weighted).mul_div(1, self.scored() as i64))
    }

    /// `好12票、较好3票、一般0票、差0票，弃权或空白1票`.
    pub fn label(&self) -> String {
        let mut s = self
            .steps
            .iter()
            .map(|v| format!("{}{}票", v.name, v.votes))
            .collect::<Vec<_>>()
            .join("、");
        if self.blank > 0 {
            s.push_str(&format!("，弃权或空白{}票", self.blank));
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn steps() -> Vec<LadderStep> {
        [("好", 1000), ("较好", 800), ("一般", 600), ("差", 0)]
            .iter()
            .map(|(n, p)| LadderStep {
                name: (*n).into(),
                points: Points::from_hundredths(*p),
            })
            .collect()
    }

    #[test]
    fn the_score_is_the_vote_weighted_average_and_blank_ballots_are_not_scored() {
        // 12 × 10 + 5 × 8 + 2 × 6 + 1 × 0 = 172 over 20 votes = 8.6; 3 blank ballots change nothing.
        let t = Tally::of(&steps(), &[12, 5, 2, 1], 3);
        assert_eq!(t.score(&steps()), Some(Points::from_hundredths(860)));
        assert_eq!(t.scored(), 20);
        assert_eq!(t.label(), "好12票、较好5票、一般2票、差1票，弃权或空白3票");
        // 2 × 10 + 1 × 8 = 28 over 3 = 9.333… → 9.33; 1 × 10 + 2 × 8 = 26 over 3 = 8.666… → 8.67.
        assert_eq!(
            Tally::of(&steps(), &[2, 1, 0, 0], 0).score(&steps()),
            Some(Points::from_hundredths(933))
        );
        assert_eq!(
            Tally::of(&steps(), &[1, 2, 0, 0], 0).score(&steps()),
            Some(Points::from_hundredths(867))
        );
    }

    #[test]
    fn a_tally_without_a_scored_vote_or_with_an_unknown_step_cannot_be_scored() {
        assert_eq!(
            Tally::of(&steps(), &[0, 0, 0, 0], 5).check(&steps()),
            Err(TallyProblem::NoVotes)
        );
        let mut t = Tally::of(&steps(), &[1, 0, 0, 0], 0);
        t.steps.push(StepVotes {
            name: "极好".into(),
            votes: 1,
        });
        assert_eq!(t.check(&steps()), Err(TallyProblem::UnknownStep));
        let mut t = Tally::of(&steps(), &[1, 0, 0, 0], 0);
        t.steps.push(t.steps[0].clone());
        assert_eq!(t.score(&steps()), None, "a step counted twice");
    }
}
