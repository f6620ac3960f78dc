//! 长辈模式's one item a screen: the items in order, and where opening a
//! part starts.

use mofan::core::assessment::steps::{first_step, steps};
use mofan::core::template::builtin::builtins;

#[test]
fn opening_a_part_starts_at_its_first_open_item_and_skips_what_needs_no_answer() {
    let t = builtins()
        .iter()
        .find(|t| t.sections.len() >= 3)
        .expect("a checklist of three parts or more");
    let all = steps(t);
    assert_eq!(all.len(), t.items().count(), "every item, once");
    assert!(
        all.windows(2).all(|w| (w[0].0, w[0].1) < (w[1].0, w[1].1)),
        "part after part, in order"
    );
    let start_of = |part: usize| all.iter().position(|s| s.0 == part).unwrap();

    // Nothing answered: a part opens at its first item that must be answered.
    let first_required = |part: usize| {
        all.iter()
            .position(|&(si, _, i)| si >= part && i.rule.must_be_answered())
            .unwrap()
    };
    assert_eq!(first_step(&all, 1, |_| false), first_required(1));
    assert!(first_step(&all, 1, |_| false) >= start_of(1));

    // The part's first items answered: it opens at the next one still open.
    let second = t.sections[1]
        .items
        .iter()
        .filter(|i| i.rule.must_be_answered())
        .nth(1)
        .unwrap();
    let answered_before = |id: &str| {
        t.sections[1]
            .items
            .iter()
            .take_while(|i| i.id != second.id)
            .any(|i| i.id == id)
    };
    assert_eq!(all[first_step(&all, 1, answered_before)].2.id, second.id);

    // Everything answered: the part's own first item, not the checklist's.
    assert_eq!(first_step(&all, 2, |_| true), start_of(2));
    // A part past the end (an old address): the first item of all.
    assert_eq!(first_step(&all, t.sections.len(), |_| true), 0);
}
