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

/// What was dropped, as the browser's file system entries: a folder is one
/// entry, not its files. Call from `on:drop`, which must take them at once
/// (the browser forgets them after the event); it stops the browser from
/// opening them instead.
pub fn dropped_entries(ev: &leptos::ev::DragEvent) -> Vec<web_sys::FileSystemEntry> {
    ev.prevent_default();
    let Some(items) = ev.data_transfer().map(|d| d.items()) else {
        return Vec::new();
    };
    (0..items.length())
        .filter_map(|i| items.get(i))
        .filter(|item| item.kind() == "file")
        .filter_map(|item| item.webkit_get_as_entry().ok().flatten())
        .collect()
}

/// How many files of a dropped folder are asked of the browser at a time,
/// between words of progress: 10,000 files took 11.2-12.6 s to summarise so,
/// 12.7-13.0 s 500 at a time, and 10.9-11.9 s all at once (no progress).
const FILES_ASKED_AT_ONCE: usize = 2000;

/// The files of dropped entries, a folder's to the bottom. A file in a
/// folder is named by its path in the folder (`各支部/二支部/张三.json`),
/// as a folder chosen names it, so a bad one can be found; the bytes are
/// the file's own, not copied. `Err` is the path of what could not be
/// read, for the page to say.
pub async fn files_in(
    entries: Vec<web_sys::FileSystemEntry>,
    progress: impl Fn(usize, usize),
) -> Result<Vec<web_sys::File>, String> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let unreadable = |entry: &web_sys::FileSystemEntry| entry.full_path().trim_start_matches('/').to_string();
    // First every folder listed, depth first: a folder comes a part at a
    // time (100 entries in Chromium), until an empty part.
    let mut files: Vec<web_sys::FileSystemEntry> = Vec::new();
    let mut folders: Vec<web_sys::FileSystemEntry> = Vec::new();
    for entry in entries {
        if entry.is_directory() {
            folders.push(entry)
        } else {
            files.push(entry)
        }
    }
    while let Some(folder) = folders.pop() {
        let reader = folder
            .unchecked_ref::<web_sys::FileSystemDirectoryEntry>()
            .create_reader();
        loop {
            let part = js_sys::Promise::new(&mut |listed, failed| {
                if let Err(e) = reader.read_entries_with_callback_and_callback(&listed, &failed) {
                    let _ = failed.call1(&wasm_bindgen::JsValue::NULL, &e);
                }
            });
            let part = js_sys::Array::from(&JsFuture::from(part).await.map_err(|_| unreadable(&folder))?);
            if part.length() == 0 {
                break;
            }
            for entry in part.iter().map(|e| e.unchecked_into::<web_sys::FileSystemEntry>()) {
                if entry.is_directory() {
                    folders.push(entry)
                } else {
                    files.push(entry)
                }
            }
        }
    }
    // Then the files, a part at a time, each part asked for at once (one
    // at a time, each answer a trip to the browser's process, 10,000 files
    // took 12 s); `progress` hears how far it has got after each part.
    let mut got = Vec::with_capacity(files.len());
    progress(0, files.len());
    for part in files.chunks(FILES_ASKED_AT_ONCE) {
        let asked: js_sys::Array = part
            .iter()
            .map(|entry| {
                js_sys::Promise::new(&mut |given, failed| {
                    entry
                        .unchecked_ref::<web_sys::FileSystemFileEntry>()
                        .file_with_callback_and_callback(&given, &failed);
                })
            })
            .collect();
        let given = JsFuture::from(js_sys::Promise::all_settled(&asked))
            .await
            .map(|v| js_sys::Array::from(&v))
            .unwrap_or_default();
        for (i, entry) in part.iter().enumerate() {
            let file = js_sys::Reflect::get(&given.get(i as u32), &"value".into())
                .ok()
                .and_then(|v| v.dyn_into::<web_sys::File>().ok())
                .ok_or_else(|| unreadable(entry))?;
            let path = entry.full_path();
            let path = path.trim_start_matches('/');
            got.push(if path.contains('/') {
                web_sys::File::new_with_blob_sequence(&js_sys::Array::of1(&file), path)
                    .map_err(|_| unreadable(entry))?
            } else {
                file
            });
        }
        progress(got.len(), files.len());
    }
    Ok(got)
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
    /// While true, nothing can be chosen (another pick is being read).
    #[prop(into, optional)]
    disabled: Signal<bool>,
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
                disabled=disabled
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
