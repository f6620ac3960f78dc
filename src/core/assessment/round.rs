//! 轮次: how two rounds of the same checklist compare (what a round is
//! called, and how it is chosen, is `round_pick`'s).

use crate::core::assessment::answers::Assessment;
use crate::core::assessment::scoring::Scorecard;
use crate::core::basics::points::Points;
use crate::core::template::format::Template;

/// Up, down or the same, between two rounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trend {
    Up(Points),
    Down(Points),
    Same,
}

impl Trend {
    pub fn between(before: Points, now: Points) -> Trend {
        match now.cmp(&before) {
            std::cmp::Ordering::Greater => Trend::Up(now - before),
            std::cmp::Ordering::Less => Trend::Down(before - now),
            std::cmp::Ordering::Equal => Trend::Same,
        }
    }

    /// `↑ 4`, `↓ 2.5` or `持平`.
    pub fn label(&self) -> String {
        match self {
            Trend::Up(p) => format!("↑ {p}"),
            Trend::Down(p) => format!("↓ {p}"),
            Trend::Same => "持平".to_string(),
        }
    }
}

/// One line of a comparison of two rounds: a section (or the total) then and now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundLine {
    pub title: String,
    /// `None` when the earlier round's checklist had no such section.
    pub before: Option<Points>,
    pub now: Points,
}

impl RoundLine {
    /// The change since the earlier round; `None` where there was nothing to compare.
    pub fn trend(&self) -> Option<Trend> {
        self.before.map(|b| Trend::between(b, self.now))
    }
}

/// The other rounds of the same checklist by the same person, latest round first.
pub fn other_rounds<'a>(all: &'a [Assessment], a: &Assessment) -> Vec<&'a Assessment> {
    let mut others: Vec<&Assessment> = all
        .iter()
        .filter(|o| o.id != a.id && o.template_id == a.template_id && o.respondent.name == a.respondent.name)
        .collect();
    crate::core::basics::sorted::sort_by(&mut others, |x, y| y.round.cmp(&x.round));
    others
}

/// Compares this round's self scores with an earlier round's, section by
/// section (matched by section id, so another version of the checklist
/// still compares where it can), then the total.
pub fn compare_rounds(t_now: &Template, now: &Assessment, t_before: &Template, before: &Assessment) -> Vec<RoundLine> {
    let card_now = Scorecard::of_self(t_now, now);
    let card_before = Scorecard::of_self(t_before, before);
    let mut lines: Vec<RoundLine> = t_now
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let then = t_before
                .sections
                .iter()
                .position(|b| b.id == s.id)
                .map(|j| card_before.sections[j].earned);
            let here = card_now.sections[i].earned;
            RoundLine {
                title: s.title.clone(),
                before: then,
                now: here,
            }
        })
        .collect();
    lines.push(RoundLine {
        title: "总分".to_string(),
        before: Some(card_before.total),
        now: card_now.total,
    });
    lines
}
