//! The checklists this browser offers: the built-in ones plus every version
//! of every imported one. Templates live for the whole page, so views can
//! hold `&'static` references to their items.

use crate::core::template::builtin::builtin_templates;
use crate::core::template::library::{self as versions, latest_versions};
use crate::core::Template;
use crate::store::{self, BadRecord};
use leptos::prelude::*;
use std::cell::RefCell;
use std::sync::OnceLock;

thread_local! {
    static IMPORTED: RefCell<Vec<&'static Template>> = const { RefCell::new(Vec::new()) };
    static REVISION: RwSignal<u32> = RwSignal::new(0);
}

pub fn builtin() -> Vec<&'static Template> {
    static BUILTIN: OnceLock<Vec<Template>> = OnceLock::new();
    BUILTIN.get_or_init(builtin_templates).iter().collect()
}

pub fn imported() -> Vec<&'static Template> {
    IMPORTED.with(|i| i.borrow().clone())
}

/// The imported templates as values, for a files-worker job that checks
/// files against them (the worker has the built-in ones itself).
pub fn imported_owned() -> Vec<Template> {
    imported().into_iter().cloned().collect()
}

/// Reads the imported templates from storage once at start; returns those
/// that could not be read.
pub fn load_imported() -> Vec<BadRecord> {
    match store::list_templates() {
        Ok((good, bad)) => {
            for t in good {
                add(t);
            }
            bad
        }
        Err(_) => Vec::new(),
    }
}

/// Adds a template (already saved) for the rest of the page's life.
pub fn add(t: Template) -> &'static Template {
    let t: &'static Template = Box::leak(Box::new(t));
    IMPORTED.with(|i| i.borrow_mut().push(t));
    REVISION.with(|r| r.update(|n| *n += 1));
    t
}

/// Tracks changes to the library inside reactive views.
pub fn track() {
    REVISION.with(|r| r.track());
}

/// The template a self-check was made with (see `core::template::library::find`).
pub fn find(id: &str, version: u32) -> Option<&'static Template> {
    versions::find(&builtin(), &imported(), id, version)
}

/// The newest version of a checklist, for starting a new self-check.
pub fn newest(id: &str) -> Option<&'static Template> {
    versions::newest(&builtin(), &imported(), id)
}

/// Which version of a self-check's template is missing, in words (see
/// `core::template::library::missing_version`).
pub fn missing_version(id: &str, version: u32) -> String {
    versions::missing_version(&builtin(), &imported(), id, version)
}

/// What a new self-check can use: the built-in ones, then the newest version of each imported one.
pub fn offered() -> Vec<&'static Template> {
    let mut all = latest_versions(&builtin());
    all.extend(latest_versions(&imported()));
    all
}
