//! 长辈模式: large type, high contrast, one item a screen and reading aloud,
//! for members who do their self-check alone at eighty. It is remembered in
//! this browser (the `elder` setting) and marks the page (`<html
//! class="elder">`), so the stylesheet's large type reaches every screen and
//! the printout.

use crate::store;
use leptos::prelude::*;

/// Whether 长辈模式 is on, given through context. `Copy`: it is a signal.
#[derive(Clone, Copy)]
pub struct ElderMode(RwSignal<bool>);

impl ElderMode {
    /// The choice remembered here (off until someone turns it on), with the
    /// page marked to follow it.
    pub fn load() -> ElderMode {
        let on = RwSignal::new(store::load_setting("elder").as_deref() == Some("on"));
        Effect::new(move |_| {
            if let Some(root) = document().document_element() {
                let _ = root.class_list().toggle_with_force("elder", on.get());
            }
        });
        ElderMode(on)
    }

    pub fn get(&self) -> bool {
        self.0.get()
    }

    /// Takes the choice at once, and remembers it; says in Chinese when it cannot be remembered.
    pub fn set(&self, on: bool) -> Result<(), String> {
        self.0.set(on);
        store::save_setting("elder", if on { "on" } else { "off" }).map_err(|e| format!("无法记住长辈模式的选择：{e}"))
    }
}

/// The mode the app provided.
pub fn use_elder_mode() -> ElderMode {
    expect_context()
}
