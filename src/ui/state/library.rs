//! The checklists this browser offers: the built-in ones plus every version
//! of every imported one, given to components through context (see
//! [`use_library`]). Templates live for the whole page, so views can hold
//! `&'static` references to their items. Reading the imported ones inside a
//! view subscribes it: importing a checklist updates what depends on it.
//!
//! The member's app carries only the newest version of each built-in
//! checklist. The older ones, which only self-checks made with them need,
//! come from the files worker the first time such a self-check is looked up
//! ([`Library::find`]); the views that looked follow when they arrive.

use crate::core::exchange::file_jobs::{Job, Outcome};
use crate::core::template::library::{self as versions, latest_versions};
use crate::core::Template;
use crate::store;
use leptos::prelude::*;

/// The older versions of the built-in checklists, in the member's app.
#[derive(Debug, Clone, PartialEq)]
enum Earlier {
    /// Not needed yet.
    NotAsked,
    Loading,
    Here(Vec<&'static Template>),
    /// The files worker could not be loaded: why, in Chinese.
    Failed(String),
}

/// The page's checklists. `Copy`: the imported list is a signal.
#[derive(Clone, Copy)]
pub struct Library {
    builtin: &'static [Template],
    /// In the member's app, the older built-in versions; in the desk's,
    /// which carries every version, always `Here` and empty.
    earlier: RwSignal<Earlier>,
    /// Each version imported, leaked for the page's life.
    imported: RwSignal<Vec<&'static Template>>,
}

/// The library the app provided.
pub fn use_library() -> Library {
    expect_context()
}

impl Library {
    /// The member's app's: the newest built-in checklists (older versions
    /// on demand) and `imported`, the ones stored here (as start-up's
    /// quarantine read them, see `store::quarantine_unreadable`).
    pub fn load(imported: Vec<Template>) -> Library {
        Self::with_builtin(
            crate::core::template::builtin::current_builtins(),
            Earlier::NotAsked,
            imported,
        )
    }

    /// The desk's, which carries every version of the built-in checklists.
    pub fn load_every_version() -> Library {
        let (imported, _) = store::list_templates().unwrap_or_default();
        Self::with_builtin(
            crate::core::template::builtin::builtins(),
            Earlier::Here(Vec::new()),
            imported,
        )
    }

    fn with_builtin(builtin: &'static [Template], earlier: Earlier, imported: Vec<Template>) -> Library {
        Library {
            builtin,
            earlier: RwSignal::new(earlier),
            imported: RwSignal::new(imported.into_iter().map(|t| &*Box::leak(Box::new(t))).collect()),
        }
    }

    /// The built-in checklists here (with the older versions once they came).
    pub fn builtin(&self) -> Vec<&'static Template> {
        let mut all: Vec<&'static Template> = self.builtin.iter().collect();
        self.earlier.with(|e| {
            if let Earlier::Here(earlier) = e {
                all.extend(earlier);
            }
        });
        all
    }

    /// How many built-in versions are here (it grows when the older ones come).
    pub fn versions_here(&self) -> usize {
        self.builtin.len()
            + self
                .earlier
                .with(|e| if let Earlier::Here(list) = e { list.len() } else { 0 })
    }

    pub fn imported(&self) -> Vec<&'static Template> {
        self.imported.get()
    }

    /// The imported templates as values, for a files-worker job that checks
    /// files against them (the worker has the built-in ones itself).
    pub fn imported_owned(&self) -> Vec<Template> {
        self.imported
            .with_untracked(|i| i.iter().map(|t| (*t).clone()).collect())
    }

    /// Adds a template (already saved) for the rest of the page's life.
    pub fn add(&self, t: Template) -> &'static Template {
        let t: &'static Template = Box::leak(Box::new(t));
        self.imported.update(|i| i.push(t));
        t
    }

    /// The template a self-check was made with (see
    /// `core::template::library::find`). An older version of a built-in
    /// checklist is asked of the files worker the first time: until it comes
    /// this is `None`, and whatever looked is told again when it does.
    pub fn find(&self, id: &str, version: u32) -> Option<&'static Template> {
        let found = versions::find(&self.builtin(), &self.imported(), id, version);
        if found.is_none() && self.may_be_earlier(id, version) {
            self.fetch_earlier();
        }
        found
    }

    /// Whether (`id`, `version`) may be an older built-in version not here yet.
    fn may_be_earlier(&self, id: &str, version: u32) -> bool {
        self.earlier.with_untracked(|e| *e == Earlier::NotAsked) && self.has_newer(id, version)
    }

    fn fetch_earlier(&self) {
        // Not a change anyone follows: only its outcome is.
        self.earlier.update_untracked(|e| *e = Earlier::Loading);
        let earlier = self.earlier;
        leptos::task::spawn_local(async move {
            earlier.set(match crate::files_module::run(Job::EarlierTemplates).await {
                Ok(Outcome::Templates(list)) => {
                    Earlier::Here(list.into_iter().map(|t| &*Box::leak(Box::new(t))).collect())
                }
                Ok(_) => Earlier::Failed(crate::files_module::unexpected().0),
                Err(e) => Earlier::Failed(e.0),
            });
        });
    }

    /// The newest version of a checklist, for starting a new self-check.
    pub fn newest(&self, id: &str) -> Option<&'static Template> {
        versions::newest(&self.builtin(), &self.imported(), id)
    }

    /// Whether (`id`, `version`) is an older built-in version on its way from the files worker.
    pub fn arriving(&self, id: &str, version: u32) -> bool {
        self.earlier.with(|e| *e == Earlier::Loading) && self.has_newer(id, version)
    }

    fn has_newer(&self, id: &str, version: u32) -> bool {
        self.builtin.iter().any(|t| t.id == id && t.version > version)
    }

    /// Which version of a self-check's template is missing, in words (see
    /// `core::template::library::missing_version`), or that it is on its way.
    pub fn missing_version(&self, id: &str, version: u32) -> String {
        match self.earlier.get() {
            Earlier::Loading if self.has_newer(id, version) => format!("正在载入这份自查所用的评分表第{version}版…"),
            Earlier::Failed(why) if self.has_newer(id, version) => {
                format!("这份自查所用的评分表第{version}版未能载入：{why}")
            }
            _ => versions::missing_version(&self.builtin(), &self.imported(), id, version),
        }
    }

    /// What a new self-check can use: the built-in ones, then the newest version of each imported one.
    pub fn offered(&self) -> Vec<&'static Template> {
        let mut all = latest_versions(&self.builtin());
        all.extend(latest_versions(&self.imported()));
        all
    }
}
