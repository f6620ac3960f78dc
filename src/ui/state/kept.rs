//! The self-checks kept aside in IndexedDB (see `crate::pending`) because
//! localStorage refused them, as the page knows them: loaded once at start,
//! given to every screen through context.

use leptos::prelude::*;
use leptos::task::spawn_local;

/// Which self-checks have a copy kept aside: id and record text.
#[derive(Clone, Copy)]
pub struct KeptCopies {
    /// Set once the copies have been read at start.
    pub loaded: RwSignal<bool>,
    pub copies: RwSignal<Vec<(String, String)>>,
}

impl KeptCopies {
    /// Reads the copies kept by an earlier visit: the browser starts on it
    /// at once, while the page goes on starting.
    pub fn load() -> KeptCopies {
        let kept = KeptCopies {
            loaded: RwSignal::new(false),
            copies: RwSignal::new(Vec::new()),
        };
        let reading = crate::pending::all();
        spawn_local(async move {
            kept.copies.set(reading.await);
            kept.loaded.set(true);
        });
        kept
    }

    /// The copy kept for self-check `id`, if any.
    pub fn copy_of(&self, id: &str) -> Option<String> {
        self.copies
            .with_untracked(|c| c.iter().find(|(k, _)| k == id).map(|(_, text)| text.clone()))
    }

    /// Keeps `record` for `id` aside; `done` hears whether it could be.
    pub fn keep(self, id: String, record: String, done: impl FnOnce(Result<(), String>) + 'static) {
        spawn_local(async move {
            let result = crate::pending::keep(&id, &record).await;
            if result.is_ok() {
                self.copies.update(|c| {
                    c.retain(|(k, _)| *k != id);
                    c.push((id, record));
                });
            }
            done(result);
        });
    }

    /// Drops the copy for `id`: the self-check is in localStorage again.
    pub fn forget(self, id: String) {
        if self.copy_of(&id).is_none() {
            return;
        }
        self.copies.update(|c| c.retain(|(k, _)| *k != id));
        spawn_local(async move { crate::pending::forget(&id).await });
    }
}
