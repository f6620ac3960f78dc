//! 长辈模式's one item a screen: every item of a checklist in order, and
//! where a visit to a part starts.

use crate::core::template::format::{Item, Template};

/// One item on its own screen: its part, its place in the part, and the item.
pub type Step<'t> = (usize, usize, &'t Item);

/// Every item of `template` in order, part after part.
pub fn steps(template: &Template) -> Vec<Step<'_>> {
    template
        .sections
        .iter()
        .enumerate()
        .flat_map(|(si, s)| s.items.iter().enumerate().map(move |(ii, i)| (si, ii, i)))
        .collect()
}

/// Where the steps start when part `part` is opened: the first item from
/// that part on that must be answered and is not (`answered` says which
/// are, by item id), else the part's first item, else the first of all.
pub fn first_step(steps: &[Step], part: usize, answered: impl Fn(&str) -> bool) -> usize {
    steps
        .iter()
        .position(|&(si, _, i)| si >= part && i.rule.must_be_answered() && !answered(&i.id))
        .or_else(|| steps.iter().position(|&(si, ..)| si >= part))
        .unwrap_or(0)
}
