//! Leptos components: thin views over `core`.
//! - [`screens`]: what the address shows (home, a self-check, its summary,
//!   the branch desk);
//! - [`widgets`]: the pieces screens are made of, one file each;
//! - [`state`]: what the whole page shares, given to components through
//!   context: the template library, the open self-checks' save queues, the
//!   copies kept aside, the role, the route and the clock.

pub mod screens;
pub mod state;
pub mod widgets;

use leptos::prelude::*;
use state::route::Route;
use state::save_queue::SaveQueues;

/// A value for a table cell, or `—` where there is none (not reviewed, no earlier round).
fn or_dash(value: Option<impl std::fmt::Display>) -> String {
    value.map_or_else(|| "—".to_string(), |v| v.to_string())
}

/// The app a member opens: home, self-checks, review and summaries.
pub fn mount() {
    leptos::mount::mount_to_body(App);
}

/// The 支部汇总 desk, its own page (`branch.html`) with its own module, so
/// the code only secretaries use is not in what every member downloads.
pub fn mount_desk() {
    leptos::mount::mount_to_body(DeskApp);
}

/// Keeps `route` on the address. A new screen starts at its top, with the
/// focus on its heading (not left on <body>, where a screen reader would
/// start from nowhere).
fn follow_the_address(route: RwSignal<Route>) {
    // The listener lives as long as the page; its handle is not kept.
    let _ = window_event_listener(leptos::ev::hashchange, move |_| {
        route.set(Route::current());
        request_animation_frame(|| {
            window().scroll_to_with_x_and_y(0.0, 0.0);
            if let Some(h1) = document().query_selector("main h1").ok().flatten() {
                let _ = h1.set_attribute("tabindex", "-1");
                if let Ok(h1) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(h1) {
                    let _ = h1.focus();
                }
            }
        });
    });
}

/// The bar at the top of both pages.
fn app_bar() -> impl IntoView {
    view! {
        <header class="app-bar">
            <a class="brand" href="#/">
                "模范"
                <span>" · 自查自评"</span>
            </a>
            <span class="offline-note">"离线可用 · 数据只保存在本机浏览器"</span>
        </header>
    }
}

#[component]
fn DeskApp() -> impl IntoView {
    let route = RwSignal::new(Route::current());
    let library = state::library::Library::load_every_version();
    provide_context(library);
    follow_the_address(route);
    view! {
        {app_bar()}
        <main id="main">
            {move || match route.get() {
                Route::Branch => view! { <screens::branch::BranchDesk /> }.into_any(),
                _ => {
                    state::route::open_other_page();
                    // Every other screen is the member's app's.
                    view! { <p class="hint">"正在返回首页…"</p> }
                        .into_any()
                }
            }}
        </main>
    }
}

#[component]
fn App() -> impl IntoView {
    // Self-checks an earlier visit could not store are read before any
    // screen opens one; the browser opens IndexedDB while the rest starts.
    let kept = state::kept::KeptCopies::load();
    let route = RwSignal::new(Route::current());
    // Unreadable records go to the quarantine before anything reads storage.
    let (imported, bad_templates) = match crate::store::quarantine_unreadable(state::clock::now_ms()) {
        Ok(found) => (found.templates, found.unread_templates),
        Err(_) => crate::store::list_templates().unwrap_or_default(),
    };
    let library = state::library::Library::load(imported);
    provide_context(library);
    provide_context(BadTemplates(bad_templates));
    provide_context(state::role::Role::load());
    provide_context(state::elder::ElderMode::load());
    provide_context(kept);
    let queues = SaveQueues::new(kept);
    provide_context(queues);
    // These listeners live as long as the page; their handles are not kept.
    follow_the_address(route);
    let _ = window_event_listener(leptos::ev::pagehide, move |_| queues.flush_all());
    // Leaving while a write still fails: the browser asks first. (The
    // changes are also kept aside in IndexedDB, but the last keystrokes may
    // not have reached it.)
    let _ = window_event_listener(leptos::ev::beforeunload, move |ev| {
        queues.flush_all();
        if queues.any_unsaved() {
            ev.prevent_default();
            ev.set_return_value("填写的内容还没有保存在本机，离开会丢失最近的修改");
        }
    });
    // Another tab wrote to storage: an open self-check takes in its changes.
    let _ = window_event_listener(leptos::ev::storage, move |ev| {
        if let Some(key) = ev.key() {
            queues.storage_changed(&key);
        }
    });
    let _ = window_event_listener(leptos::ev::visibilitychange, move |_| {
        let hidden = document().visibility_state() == web_sys::VisibilityState::Hidden;
        if hidden {
            queues.flush_all();
        }
    });
    view! {
        {app_bar()}
        <main id="main">
            {move || {
                (kept.loaded.get())
                    .then(|| match route.get() {
                        Route::Home => view! { <screens::home::Home /> }.into_any(),
                        Route::Check { id, section } => {
                            view! { <screens::editor::Editor id=id section=section /> }.into_any()
                        }
                        Route::Review { id, section } => {
                            view! { <screens::editor::Editor id=id section=section reviewing=true /> }.into_any()
                        }
                        Route::Summary { id } => view! { <screens::summary::SummaryPage id=id /> }.into_any(),
                        Route::Branch => {
                            state::route::open_other_page();
                            // The desk is its own page.
                            view! { <p class="hint">"正在打开支部汇总…"</p> }
                                .into_any()
                        }
                    })
            }}
        </main>
    }
}

/// Imported templates that could not be read at start, shown on the home page.
#[derive(Clone)]
pub struct BadTemplates(pub Vec<crate::store::BadRecord>);
