//! The desk's bookkeeping of what it asked its worker for (see [`pile`]):
//! only the answer to the latest ask is shown, a change to the pile is
//! counted once it is shown, a view is drawn again only when it was scored
//! again, and the JSON the tab keeps belongs to one change of the pile.
//!
//! [`pile`]: crate::core::exchange::pile

use crate::core::exchange::branch::Level;

/// What a combined view was scored for, besides the pile as changed so
/// often: the checklist (id and version), the roster and the level.
pub type Scoring = (Option<(String, u32)>, Vec<String>, Level);

#[derive(Debug, Clone, Default, PartialEq)]
pub struct DeskAsks {
    /// The number of the latest ask.
    asked: u32,
    /// A change to the pile was asked for and not shown yet.
    unshown_change: bool,
    /// How often the pile has changed, as shown.
    changes: u32,
    /// What the view shown was scored for (with the change it showed).
    scored_for: Option<(u32, Scoring)>,
    /// The held self-checks as JSON for the tab, and the change they are
    /// of (`None`: too many for the tab).
    kept: (u32, Option<String>),
}

impl DeskAsks {
    /// A view is asked for, or the pile emptied; `changes_pile` when the
    /// pile changes with it (files added, kept ones restored, cleared).
    /// Answers to every earlier ask are to be ignored from now on.
    pub fn ask(&mut self, changes_pile: bool) -> u32 {
        self.unshown_change |= changes_pile;
        self.asked += 1;
        self.asked
    }

    /// Whether the answer to ask `n` is to be shown: no later ask was made.
    pub fn is_latest(&self, n: u32) -> bool {
        self.asked == n
    }

    /// The answer to the latest ask is being shown. When it shows a change
    /// to the pile for the first time, the pile's new change count: what the
    /// tab keeps is then out of date until [`DeskAsks::keep`] is told.
    pub fn shown(&mut self) -> Option<u32> {
        if !std::mem::take(&mut self.unshown_change) {
            return None;
        }
        self.changes += 1;
        Some(self.changes)
    }

    /// The view shown was scored for `scoring` (`None`: nothing combined).
    /// Whether it is to be drawn again: the pile, checklist, roster or level
    /// differ from the last view drawn. Another sort order alone redraws only
    /// the table's rows.
    pub fn rescored(&mut self, scoring: Option<Scoring>) -> bool {
        let now = scoring.map(|s| (self.changes, s));
        if self.scored_for == now {
            return false;
        }
        self.scored_for = now;
        true
    }

    /// The worker wrote the held self-checks for keeping, as of change
    /// `change` (`None`: too many to keep in the tab).
    pub fn keep(&mut self, change: u32, json: Option<String>) {
        if change >= self.kept.0 {
            self.kept = (change, json);
        }
    }

    /// The held self-checks as JSON for the tab, when what was kept is of
    /// the pile as it is now.
    pub fn kept_now(&self) -> Option<&str> {
        match &self.kept {
            (change, Some(json)) if *change == self.changes => Some(json),
            _ => None,
        }
    }
}
