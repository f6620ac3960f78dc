//! Which screen is showing, kept in the URL hash so a reload returns to it.
//! A self-check's id is percent-encoded there (the browser's own
//! `encodeURIComponent`), so any id, with spaces, quotes, `/`, `#` or `?`,
//! comes back as it was.

/// `id` as one component of the hash.
fn encode(id: &str) -> String {
    String::from(js_sys::encode_uri_component(id))
}

/// A component of the hash as the id it encodes; one that is not valid
/// percent-encoding is taken as it is.
fn decode(part: &str) -> String {
    js_sys::decode_uri_component(part)
        .map(String::from)
        .unwrap_or_else(|_| part.to_string())
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Home,
    /// Filling in one self-check, by id, on one section (0-based).
    Check {
        id: String,
        section: usize,
    },
    /// 审核: the reviewer's scores beside the member's, on one section.
    Review {
        id: String,
        section: usize,
    },
    /// 汇总: one self-check's summary, 整改清单 and printable page.
    Summary {
        id: String,
    },
    /// 支部汇总: members' result files (or branches' summaries) combined.
    Branch,
}

impl Route {
    pub fn from_hash(hash: &str) -> Route {
        let h = hash.trim_start_matches('#');
        if h == "/branch" {
            return Route::Branch;
        }
        let (kind, rest) = match h.strip_prefix('/').and_then(|r| r.split_once('/')) {
            Some(x) => x,
            None => return Route::Home,
        };
        let (id, section) = match rest.split_once('/') {
            Some((id, n)) => (id, n.parse().unwrap_or(0)),
            None => (rest, 0),
        };
        if id.is_empty() {
            return Route::Home;
        }
        let id = decode(id);
        match kind {
            "check" => Route::Check { id, section },
            "review" => Route::Review { id, section },
            "summary" => Route::Summary { id },
            _ => Route::Home,
        }
    }

    pub fn to_hash(&self) -> String {
        let with_section = |kind: &str, id: &str, section: usize| match section {
            0 => format!("#/{kind}/{}", encode(id)),
            n => format!("#/{kind}/{}/{n}", encode(id)),
        };
        match self {
            Route::Home => "#/".to_string(),
            Route::Check { id, section } => with_section("check", id, *section),
            Route::Review { id, section } => with_section("review", id, *section),
            Route::Summary { id } => format!("#/summary/{}", encode(id)),
            Route::Branch => "#/branch".to_string(),
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
    /// (The 支部汇总 desk is the other page; see [`open_other_page`].)
    pub fn go(&self) {
        if let Some(w) = web_sys::window() {
            let _ = w.location().set_hash(&self.to_hash());
        }
    }
}

/// Opens the current screen in the other page: the desk (`branch.html`)
/// from the member's app, the member's app (`index.html`) from the desk.
/// Each page names the other in `<meta name="mofan-other-page">`; the
/// single-file build holds both apps in one page and picks one by the
/// address when it loads, so there it reloads.
pub fn open_other_page() {
    let Some(window) = web_sys::window() else { return };
    let location = window.location();
    let other = window
        .document()
        .and_then(|d| d.query_selector("meta[name=mofan-other-page]").ok().flatten())
        .and_then(|m| m.get_attribute("content"));
    let _ = match other {
        Some(page) => location.replace(&format!("{page}{}", location.hash().unwrap_or_default())),
        None => location.reload(),
    };
}
