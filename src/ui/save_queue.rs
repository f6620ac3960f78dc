//! Debounced saving of the self-check being edited.
//!
//! Every change goes into the in-memory `Assessment` at once; the stored copy
//! follows at most 300 ms after the first unsaved change (later changes do
//! not postpone it), and immediately when the page is hidden or closed
//! (`pagehide`, `visibilitychange`), so the last keystroke survives.

use crate::core::Assessment;
use crate::store::{self, StoreError};
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

pub const SAVE_DELAY: Duration = Duration::from_millis(300);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveStatus {
    /// Everything on screen is stored; when it was stored.
    Saved(Option<i64>),
    /// Changes waiting for the debounce.
    Pending,
    /// The last write failed; the answers are still on screen.
    Failed(StoreError),
}

pub struct SaveQueue {
    assessment: RefCell<Assessment>,
    timer: Cell<Option<TimeoutHandle>>,
    dirty: Cell<bool>,
    pub status: RwSignal<SaveStatus>,
}

thread_local! {
    /// The queue of the self-check on screen, flushed by page lifecycle events.
    static CURRENT: RefCell<Option<Rc<SaveQueue>>> = const { RefCell::new(None) };
}

impl SaveQueue {
    pub fn new(assessment: Assessment) -> Rc<SaveQueue> {
        let q = Rc::new(SaveQueue {
            assessment: RefCell::new(assessment),
            timer: Cell::new(None),
            dirty: Cell::new(false),
            status: RwSignal::new(SaveStatus::Saved(None)),
        });
        CURRENT.with(|c| *c.borrow_mut() = Some(q.clone()));
        q
    }

    pub fn read<R>(&self, f: impl FnOnce(&Assessment) -> R) -> R {
        f(&self.assessment.borrow())
    }

    /// Applies a change now and schedules the write.
    pub fn change(self: &Rc<Self>, f: impl FnOnce(&mut Assessment)) {
        f(&mut self.assessment.borrow_mut());
        self.dirty.set(true);
        if self.status.get_untracked() != SaveStatus::Pending {
            self.status.set(SaveStatus::Pending);
        }
        // A write already scheduled is not pushed back: steady typing still
        // reaches storage within SAVE_DELAY of the first unsaved change.
        let scheduled = self.timer.take();
        if scheduled.is_some() {
            self.timer.set(scheduled);
            return;
        }
        let me = Rc::clone(self);
        match set_timeout_with_handle(move || me.flush(), SAVE_DELAY) {
            Ok(h) => self.timer.set(Some(h)),
            Err(_) => self.flush(),
        }
    }

    /// Writes now if anything is unsaved.
    pub fn flush(&self) {
        if let Some(t) = self.timer.take() {
            t.clear();
        }
        if !self.dirty.get() {
            return;
        }
        let result = store::save_assessment(&self.assessment.borrow());
        match result {
            Ok(()) => {
                self.dirty.set(false);
                self.status.set(SaveStatus::Saved(Some(crate::ui::clock::now_ms())));
            }
            // Stay dirty: the next change or page hide tries again.
            Err(e) => self.status.set(SaveStatus::Failed(e)),
        }
    }
}

/// Flushes the queue on screen, if any. Called on page hide.
pub fn flush_current() {
    let q = CURRENT.with(|c| c.borrow().clone());
    if let Some(q) = q {
        q.flush();
    }
}

/// Flushes and forgets the queue on screen; called when the editor closes.
pub fn flush_current_and_release() {
    let q = CURRENT.with(|c| c.borrow_mut().take());
    if let Some(q) = q {
        q.flush();
    }
}
