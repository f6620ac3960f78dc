//! Choosing files: a file input that hands over the chosen files and clears
//! itself (so the same file can be chosen again after fixing it), and the
//! files of a drop.

use leptos::prelude::*;

/// The files in a browser file list, in order.
pub fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// The files dropped on an element; call from `on:drop` (it stops the
/// browser from opening them instead).
pub fn dropped(ev: &leptos::ev::DragEvent) -> Vec<web_sys::File> {
    ev.prevent_default();
    files_of(ev.data_transfer().and_then(|d| d.files()))
}

/// A file input labelled for screen readers by `label`, with an optional
/// visible `caption` before it. With `folder`, it chooses a folder: every
/// file in it, to the bottom (`webkitdirectory`), handed over even when
/// there is none, so the page can say the folder was empty.
#[component]
pub fn FilePick(
    label: &'static str,
    accept: &'static str,
    #[prop(optional)] caption: Option<&'static str>,
    #[prop(optional)] multiple: bool,
    #[prop(optional)] folder: bool,
    on_files: impl Fn(Vec<web_sys::File>) + 'static,
) -> impl IntoView {
    view! {
        <label class="file-pick">
            {caption.map(|c| view! { <span>{c}</span> })}
            <input
                type="file"
                accept=accept
                multiple=multiple
                prop:webkitdirectory=folder
                aria-label=label
                on:change=move |ev| {
                    let input: web_sys::HtmlInputElement = event_target(&ev);
                    let chosen = files_of(input.files());
                    input.set_value("");
                    if folder || !chosen.is_empty() {
                        on_files(chosen);
                    }
                }
            />
        </label>
    }
}
