//! The desk's bookkeeping: what a secretary would see go wrong without it —
//! an old view shown over a newer one, the summary drawn again for a new
//! sort order, or a reload bringing back the files as they were before the
//! last pick.

use mofan::core::exchange::branch::Level;
use mofan::core::exchange::desk_asks::{DeskAsks, Scoring};

fn scoring(roster: &[&str]) -> Scoring {
    (
        Some(("six".to_owned(), 1)),
        roster.iter().map(|s| (*s).to_owned()).collect(),
        Level::Member,
    )
}

#[test]
fn only_the_latest_ask_is_shown() {
    let mut asks = DeskAsks::default();
    let sort_by_name = asks.ask(false);
    let files_added = asks.ask(true);
    assert!(!asks.is_latest(sort_by_name), "the older answer lacks the new files");
    assert!(asks.is_latest(files_added));
    // Clearing the desk makes every answer under way out of date.
    let cleared = asks.ask(true);
    assert!(!asks.is_latest(files_added));
    assert!(asks.is_latest(cleared));
}

#[test]
fn a_change_to_the_pile_is_counted_once_when_shown() {
    let mut asks = DeskAsks::default();
    assert_eq!(asks.shown(), None, "nothing asked, nothing changed");
    asks.ask(true);
    // A later ask (another order) carries the change: its answer shows it.
    asks.ask(false);
    assert_eq!(asks.shown(), Some(1));
    assert_eq!(asks.shown(), None, "shown once only");
    asks.ask(false);
    assert_eq!(asks.shown(), None, "another order is no change to the pile");
    asks.ask(true);
    assert_eq!(asks.shown(), Some(2));
}

#[test]
fn a_new_order_alone_does_not_draw_the_summary_again() {
    let mut asks = DeskAsks::default();
    asks.ask(true);
    asks.shown();
    assert!(asks.rescored(Some(scoring(&["张三"]))), "the first view is drawn");
    assert!(!asks.rescored(Some(scoring(&["张三"]))), "sorted otherwise: rows only");
    assert!(asks.rescored(Some(scoring(&["张三", "李四"]))), "another roster");
    let mut branch = scoring(&["张三", "李四"]);
    branch.2 = Level::Branch;
    assert!(asks.rescored(Some(branch.clone())), "another level");
    asks.ask(true);
    asks.shown();
    assert!(asks.rescored(Some(branch.clone())), "more files, same settings");
    assert!(asks.rescored(None), "cleared");
    assert!(!asks.rescored(None));
    assert!(asks.rescored(Some(branch)), "files again after clearing");
}

#[test]
fn what_the_tab_keeps_is_of_the_pile_as_it_is_now() {
    let mut asks = DeskAsks::default();
    assert_eq!(asks.kept_now(), None, "nothing written for keeping yet");
    asks.ask(true);
    let first = asks.shown().unwrap();
    asks.keep(first, Some("[1]".into()));
    assert_eq!(asks.kept_now(), Some("[1]"));
    // More files shown: until the worker writes them, nothing is to be
    // kept (keeping the old JSON would lose the new files on a reload).
    asks.ask(true);
    let second = asks.shown().unwrap();
    assert_eq!(asks.kept_now(), None);
    asks.keep(second, Some("[1,2]".into()));
    // A slow answer for the older change comes late: it is not kept.
    asks.keep(first, Some("[1]".into()));
    assert_eq!(asks.kept_now(), Some("[1,2]"));
    // Too many files for the tab: nothing to keep.
    asks.ask(true);
    let third = asks.shown().unwrap();
    asks.keep(third, None);
    assert_eq!(asks.kept_now(), None);
}
