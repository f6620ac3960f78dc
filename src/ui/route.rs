//! Which screen is showing, kept in the URL hash so a reload returns to it.

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Home,
    /// Filling in one self-check, by id, on one section (0-based).
    Check {
        id: String,
        section: usize,
    },
}

impl Route {
    pub fn from_hash(hash: &str) -> Route {
        let h = hash.trim_start_matches('#');
        let Some(rest) = h.strip_prefix("/check/") else {
            return Route::Home;
        };
        let (id, section) = match rest.split_once('/') {
            Some((id, n)) => (id, n.parse().unwrap_or(0)),
            None => (rest, 0),
        };
        if id.is_empty() {
            Route::Home
        } else {
            Route::Check {
                id: id.to_string(),
                section,
            }
        }
    }

    pub fn to_hash(&self) -> String {
        match self {
            Route::Home => "#/".to_string(),
            Route::Check { id, section: 0 } => format!("#/check/{id}"),
            Route::Check { id, section } => format!("#/check/{id}/{section}"),
        }
    }

    pub fn current() -> Route {
        let hash = web_sys::window()
            .and_then(|w| w.location().hash().ok())
            .unwrap_or_default();
        Route::from_hash(&hash)
    }

    /// Records this screen in the address without re-rendering, so a reload
    /// comes back to it (used when moving between sections).
    pub fn replace(&self) {
        if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
            let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&self.to_hash()));
        }
    }

    /// Goes to this screen; the `hashchange` listener updates the view.
    pub fn go(&self) {
        if let Some(w) = web_sys::window() {
            let _ = w.location().set_hash(&self.to_hash());
        }
    }
}
