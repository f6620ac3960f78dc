//! Debounced saving of the self-check being edited.
//!
//! Every change goes into the in-memory `Assessment` at once. A chosen answer
//! is written at once; typed text follows at most 300 ms after the first
//! unsaved keystroke (later ones do not postpone it), and immediately when the
//! page is hidden or closed (`pagehide`, `visibilitychange`), so the last
//! keystroke survives. A write localStorage refuses (a full quota) keeps the
//! self-check aside in IndexedDB instead (see `crate::ui::state::kept`), until a later
//! write succeeds; leaving the page while a write still fails is warned of.

use crate::core::exchange::record::encode_assessment;
use crate::core::Assessment;
use crate::store::{self, StoreError};
use crate::ui::state::kept::KeptCopies;
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
    /// Identifies this queue among the open ones.
    pub serial: u64,
    assessment: RefCell<Assessment>,
    /// The stored copy this tab last read or wrote, and its exact text: a
    /// different text in storage means another tab has written since.
    base: RefCell<(Assessment, Option<String>)>,
    timer: Cell<Option<TimeoutHandle>>,
    dirty: Cell<bool>,
    pub status: RwSignal<SaveStatus>,
    /// Bumped when another tab's changes were taken into this copy, so the
    /// screen can show them.
    pub outside: RwSignal<u64>,
    kept: KeptCopies,
    /// After a failed write: whether the self-check could be kept aside.
    pub kept_aside: RwSignal<Option<Result<(), String>>>,
}

/// A screen's save queue, kept with the screen's reactive owner.
pub type Queue = StoredValue<Rc<SaveQueue>, LocalStorage>;

/// The self-check a screen is editing, given to its widgets through
/// context: its save queue, and whether the screen is the reviewer's (审核:
/// the answers are the reviewer's, the member's are shown, not editable).
#[derive(Clone, Copy)]
pub struct Editing {
    pub queue: Queue,
    pub reviewing: bool,
}

/// The save queues of the self-checks on screen, provided once by the app:
/// page lifecycle events flush them all, and a `storage` event reaches the
/// one it concerns.
#[derive(Clone, Copy)]
pub struct SaveQueues {
    open: StoredValue<Vec<Rc<SaveQueue>>, LocalStorage>,
    next_serial: StoredValue<u64>,
    kept: KeptCopies,
}

impl SaveQueues {
    pub fn new(kept: KeptCopies) -> SaveQueues {
        SaveQueues {
            open: StoredValue::new_local(Vec::new()),
            next_serial: StoredValue::new(1),
            kept,
        }
    }

    /// Starts saving `assessment`: a queue for its screen, until [`Self::release`].
    fn open(&self, assessment: Assessment) -> Rc<SaveQueue> {
        let serial = self.next_serial.get_value();
        self.next_serial.set_value(serial + 1);
        let q = SaveQueue::new(serial, assessment, self.kept);
        self.open.update_value(|open| open.push(q.clone()));
        q
    }

    /// Opens a queue for the screen being built, released (its last
    /// changes written) when the screen goes, and gives the screen's widgets
    /// [`Editing`] through context.
    pub fn editing(&self, assessment: Assessment, reviewing: bool) -> Editing {
        let q = self.open(assessment);
        let serial = q.serial;
        let queues = *self;
        on_cleanup(move || queues.release(serial));
        let editing = Editing {
            queue: StoredValue::new_local(q),
            reviewing,
        };
        provide_context(editing);
        editing
    }

    fn each(&self) -> Vec<Rc<SaveQueue>> {
        self.open.with_value(Clone::clone)
    }

    /// Writes every open self-check now. Called when the page is hidden or closed.
    pub fn flush_all(&self) {
        for q in self.each() {
            q.flush();
        }
    }

    /// Whether some open self-check has changes localStorage does not hold.
    pub fn any_unsaved(&self) -> bool {
        self.open.with_value(|open| open.iter().any(|q| q.dirty.get()))
    }

    /// Writes one queue's last changes and forgets it; called when its screen closes.
    pub fn release(&self, serial: u64) {
        let mut released = None;
        self.open.update_value(|open| {
            if let Some(i) = open.iter().position(|q| q.serial == serial) {
                released = Some(open.remove(i));
            }
        });
        if let Some(q) = released {
            q.flush();
        }
    }

    /// Passes a `storage` event (another tab wrote) to the open self-check it concerns.
    pub fn storage_changed(&self, key: &str) {
        let Some(id) = store::assessment_id_of(key) else { return };
        for q in self.each().iter().filter(|q| q.assessment_id() == id) {
            q.sync_from_storage();
        }
    }
}

impl SaveQueue {
    fn new(serial: u64, assessment: Assessment, kept: KeptCopies) -> Rc<SaveQueue> {
        Rc::new(SaveQueue {
            serial,
            base: RefCell::new((assessment.clone(), store::load_assessment_raw(&assessment.id))),
            assessment: RefCell::new(assessment),
            timer: Cell::new(None),
            dirty: Cell::new(false),
            status: RwSignal::new(SaveStatus::Saved(None)),
            outside: RwSignal::new(0),
            kept,
            kept_aside: RwSignal::new(None),
        })
    }

    pub fn read<R>(&self, f: impl FnOnce(&Assessment) -> R) -> R {
        f(&self.assessment.borrow())
    }

    /// Applies an edit now and schedules the write, if the edit changed anything.
    pub fn change(self: &Rc<Self>, f: impl FnOnce(&mut Assessment) -> bool) {
        if !f(&mut self.assessment.borrow_mut()) {
            return;
        }
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

    /// Applies an edit that may be refused and writes it at once if it changed
    /// anything: used for answers, which are discrete and matter most.
    pub fn change_now<E>(&self, f: impl FnOnce(&mut Assessment) -> Result<bool, E>) -> Result<(), E> {
        let changed = f(&mut self.assessment.borrow_mut())?;
        if changed {
            self.dirty.set(true);
            self.flush();
        }
        Ok(())
    }

    /// Writes now if anything is unsaved. If another tab has written this
    /// self-check since, its changes are merged in first (see
    /// `Assessment::rebase`), so no tab overwrites newer answers with older ones.
    pub fn flush(&self) {
        if let Some(t) = self.timer.take() {
            t.clear();
        }
        if !self.dirty.get() {
            return;
        }
        if let Err(e) = self.catch_up() {
            self.failed(e);
            return;
        }
        let result = store::write_assessment(&self.assessment.borrow());
        match result {
            Ok(text) => {
                self.dirty.set(false);
                *self.base.borrow_mut() = (self.assessment.borrow().clone(), Some(text));
                self.status
                    .set(SaveStatus::Saved(Some(crate::ui::state::clock::now_ms())));
                self.kept_aside.set(None);
                self.kept.forget(self.assessment_id());
            }
            // Stay dirty: the next change, a retry or page hide tries again.
            Err(e) => self.failed(e),
        }
    }

    /// A write failed: says so, and keeps the self-check as it is on screen
    /// aside in IndexedDB, which the full quota of localStorage cannot stop.
    fn failed(&self, e: StoreError) {
        self.status.set(SaveStatus::Failed(e));
        let note = self.kept_aside;
        let record = encode_assessment(&self.assessment.borrow());
        self.kept.keep(self.assessment_id(), record, move |r| note.set(Some(r)));
    }

    /// Marks what is on screen as not yet stored and writes it now: used
    /// when a self-check opens from a copy kept aside.
    pub fn write_now(&self) {
        self.dirty.set(true);
        self.flush();
    }

    /// Takes in what another tab stored since this tab last read or wrote:
    /// their edits, with this tab's unsaved ones laid on top.
    ///
    /// A stored copy that cannot be read is moved to the quarantine whole,
    /// and this tab's copy is marked for writing in its place. One written by
    /// a newer version of Mofan is refused: nothing may be written over it.
    fn catch_up(&self) -> Result<(), StoreError> {
        let id = self.assessment.borrow().id.clone();
        let stored = store::load_assessment_raw(&id);
        if stored.is_none() || stored == self.base.borrow().1 {
            return Ok(());
        }
        let Some(theirs) = store::stored_for_writing(&id, crate::ui::state::clock::now_ms())? else {
            // Moved to the quarantine (or gone since): this tab's copy goes in its place.
            self.base.borrow_mut().1 = None;
            self.dirty.set(true);
            return Ok(());
        };
        let merged = self.assessment.borrow().rebase(&self.base.borrow().0, &theirs);
        *self.assessment.borrow_mut() = merged;
        *self.base.borrow_mut() = (theirs, stored);
        self.outside.update(|n| *n += 1);
        Ok(())
    }

    /// Another tab wrote this self-check (a `storage` event): show its
    /// changes, and store this tab's unsaved ones merged with them (or this
    /// tab's whole copy, if what the other tab left could not be read).
    pub fn sync_from_storage(&self) {
        if !self.dirty.get() {
            if let Err(e) = self.catch_up() {
                self.failed(e);
                return;
            }
        }
        self.flush();
    }

    /// This self-check, as it is on screen, as a result file: its name and text.
    pub fn result_file(&self, template: &crate::core::Template) -> (String, String) {
        use crate::core::exchange::result_file::{encode_result, result_file_name};
        let a = self.assessment.borrow();
        let text = encode_result(template, &a, crate::ui::state::clock::now_ms());
        (crate::files::safe_file_name(&result_file_name(template, &a)), text)
    }

    /// Downloads the self-check as a result file, and notes that its current
    /// state is now in an exported file; returns the file's name.
    pub fn export_result(&self, template: &crate::core::Template) -> Result<String, crate::files::FileError> {
        let (name, text) = self.result_file(template);
        crate::files::download(&name, crate::files::Form::Json.mime(), &text)?;
        let a = self.assessment.borrow();
        store::mark_exported(&a.id, a.updated_at);
        Ok(name)
    }

    pub fn assessment_id(&self) -> String {
        self.assessment.borrow().id.clone()
    }
}
