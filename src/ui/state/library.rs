//! The checklists this browser offers: the built-in ones plus every version
//! of every imported one, given to components through context (see
//! [`use_library`]). Templates live for the whole page, so views can hold
//! `&'static` references to their items. Reading the imported ones inside a
//! view subscribes it: importing a checklist updates what depends on it.

use crate::core::template::builtin::builtins;
use crate::core::template::library::{self as versions, latest_versions};
use crate::core::Template;
use crate::store::{self, BadRecord};
use leptos::prelude::*;

/// The page's checklists. `Copy`: the imported list is a signal.
#[derive(Clone, Copy)]
pub struct Library {
    builtin: &'static [Template],
    /// Each version imported, leaked for the page's life.
    imported: RwSignal<Vec<&'static Template>>,
}

/// The library the app provided.
pub fn use_library() -> Library {
    expect_context()
}

impl Library {
    /// The built-in checklists and the imported ones stored here, and the
    /// stored ones that could not be read.
    pub fn load() -> (Library, Vec<BadRecord>) {
        let (good, bad) = store::list_templates().unwrap_or_default();
        let imported = good.into_iter().map(|t| &*Box::leak(Box::new(t))).collect();
        let library = Library {
            builtin: builtins(),
            imported: RwSignal::new(imported),
        };
        (library, bad)
    }

    pub fn builtin(&self) -> Vec<&'static Template> {
        self.builtin.iter().collect()
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

    /// The template a self-check was made with (see `core::template::library::find`).
    pub fn find(&self, id: &str, version: u32) -> Option<&'static Template> {
        versions::find(&self.builtin(), &self.imported(), id, version)
    }

    /// The newest version of a checklist, for starting a new self-check.
    pub fn newest(&self, id: &str) -> Option<&'static Template> {
        versions::newest(&self.builtin(), &self.imported(), id)
    }

    /// Which version of a self-check's template is missing, in words (see
    /// `core::template::library::missing_version`).
    pub fn missing_version(&self, id: &str, version: u32) -> String {
        versions::missing_version(&self.builtin(), &self.imported(), id, version)
    }

    /// What a new self-check can use: the built-in ones, then the newest version of each imported one.
    pub fn offered(&self) -> Vec<&'static Template> {
        let mut all = latest_versions(&self.builtin());
        all.extend(latest_versions(&self.imported()));
        all
    }
}
