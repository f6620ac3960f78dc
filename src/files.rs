//! Files in and out of the browser: reading a chosen file, decoding the text
//! Excel writes (UTF-8, or GB18030/GBK on Chinese Windows), and saving a
//! download. Decoding uses the browser's own TextDecoder, so no encoding
//! tables are bundled into the wasm.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Why a file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError(pub String);

/// Text from bytes (see `core::exchange::text_file::decode`): UTF-8, UTF-16 with a
/// byte-order mark, or GB18030 (a superset of GBK) decoded by the browser,
/// which refuses bytes that are not GB18030 instead of replacing them.
pub fn decode_text(bytes: &[u8]) -> Result<String, FileError> {
    crate::core::exchange::text_file::decode(bytes, gb18030).map_err(|e| FileError(e.to_string()))
}

/// GB18030 by the browser's TextDecoder (in a page or a worker), which
/// refuses bytes that are not GB18030 instead of replacing them.
pub fn gb18030(bytes: &[u8]) -> Option<String> {
    let strict = web_sys::TextDecoderOptions::new();
    strict.set_fatal(true);
    let gb = web_sys::TextDecoder::new_with_label_and_options("gb18030", &strict).ok()?;
    gb.decode_with_u8_array(bytes).ok()
}

/// Sorts names as the browser's zh-CN collation orders them (李四 before
/// 张三, as in pinyin; in a page or a worker), in one call to one
/// `Intl.Collator`, rather than asking the browser at each comparison.
/// Names the browser cannot sort stay in their order.
pub fn collate(names: &mut [String]) {
    let list: js_sys::Array = names.iter().map(|n| JsValue::from_str(n)).collect();
    let collator = js_sys::Intl::Collator::new(&js_sys::Array::of1(&"zh-CN".into()), &js_sys::Object::new());
    let sort = js_sys::Reflect::get(&list, &"sort".into()).map(js_sys::Function::from);
    if let Ok(sort) = sort {
        if sort.call1(&list, &collator.compare()).is_ok() {
            for (name, sorted) in names.iter_mut().zip(list.iter()) {
                if let Some(sorted) = sorted.as_string() {
                    *name = sorted;
                }
            }
        }
    }
}

/// What a worker's browser does for its jobs (the files worker's and the desk's).
pub const AIDS: crate::core::exchange::file_jobs::Aids = crate::core::exchange::file_jobs::Aids { gb18030, collate };

pub use crate::core::exchange::text_file::{Expected, BACKUP_FILE, RESULT_FILE, TEMPLATE_FILE};

impl Expected {
    /// The refusal for a file heavier than the limit, if it is.
    pub fn check_size(&self, file: &web_sys::File) -> Result<(), FileError> {
        self.refuse_size(file.size()).map_err(FileError)
    }
}

/// The bytes of one picked file, size checked first.
pub async fn read_bytes(file: &web_sys::File, expected: Expected) -> Result<Vec<u8>, FileError> {
    expected.check_size(file)?;
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| FileError(format!("无法读取文件“{}”", file.name())))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The text of one picked file (see [`decode_text`]), size checked first.
pub async fn read_text(file: &web_sys::File, expected: Expected) -> Result<String, FileError> {
    decode_text(&read_bytes(file, expected).await?)
}

/// The name a picked file is known by: its path within the folder chosen
/// (`二支部/张三.json`), or its own name when it was chosen alone.
pub fn picked_name(file: &web_sys::File) -> String {
    js_sys::Reflect::get(file, &"webkitRelativePath".into())
        .ok()
        .and_then(|p| p.as_string())
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| file.name())
}

/// Picked result files, read side by side as the files worker takes them
/// (see `crate::worker::received`): `[name, size, ArrayBuffer or null]`
/// each, the bytes to be handed over, not copied. A file the page cannot
/// read, or one weighed first (see `PickedFile::weighed_first`) and found
/// too heavy, has no bytes.
pub async fn read_picked(files: &[web_sys::File]) -> js_sys::Array {
    use crate::core::exchange::file_jobs::PickedFile;
    let entries: Vec<(String, f64, Option<js_sys::Promise>)> = files
        .iter()
        .map(|f| {
            let name = picked_name(f);
            if PickedFile::weighed_first(&name) {
                let size = f.size();
                if RESULT_FILE.refuse_size(size).is_err() {
                    return (name, size, None);
                }
            }
            (name, f64::NAN, Some(f.array_buffer()))
        })
        .collect();
    let promises: js_sys::Array = entries
        .iter()
        .map(|(_, _, p)| p.as_ref().map_or(JsValue::NULL, JsValue::from))
        .collect();
    let settled = JsFuture::from(js_sys::Promise::all_settled(&promises))
        .await
        .map(|v| js_sys::Array::from(&v))
        .unwrap_or_default();
    entries
        .into_iter()
        .enumerate()
        .map(|(i, (name, size, _))| {
            let value = js_sys::Reflect::get(&settled.get(i as u32), &"value".into()).unwrap_or(JsValue::NULL);
            let buffer = if value.is_instance_of::<js_sys::ArrayBuffer>() {
                value
            } else {
                JsValue::NULL
            };
            js_sys::Array::of3(&name.into(), &size.into(), &buffer)
        })
        .collect()
}

/// Offers `text` as a download named `name`. Nothing leaves the machine: the
/// file is made from an object URL in this page.
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), FileError> {
    download_parts(name, mime, &js_sys::Array::of1(&JsValue::from_str(text)))
}

/// The forms a file leaves the app in: its name's ending and its media type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// A template, result, branch or backup file.
    Json,
    /// For Excel as text (UTF-8 with a byte-order mark).
    Csv,
    /// An Excel workbook.
    Xlsx,
}

impl Form {
    pub fn ext(self) -> &'static str {
        match self {
            Form::Json => "json",
            Form::Csv => "csv",
            Form::Xlsx => "xlsx",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            Form::Json => "application/json",
            Form::Csv => "text/csv;charset=utf-8",
            Form::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }
}

/// Offers `bytes` (a workbook, say) as a download named `name`, as [`download`] does text.
pub fn download_bytes(name: &str, mime: &str, bytes: &[u8]) -> Result<(), FileError> {
    download_parts(name, mime, &js_sys::Array::of1(&js_sys::Uint8Array::from(bytes)))
}

fn download_parts(name: &str, mime: &str, parts: &js_sys::Array) -> Result<(), FileError> {
    let fail = |_: JsValue| FileError("浏览器未能生成下载文件".into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(parts, &options).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or(FileError("页面不可用".into()))?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a").map_err(fail)?.unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Whether this browser has the share sheet for files (`navigator.canShare`:
/// phones, mostly; desktop browsers often lack it).
pub fn can_share_files() -> bool {
    web_sys::window().is_some_and(|w| js_sys::Reflect::has(&w.navigator(), &"canShare".into()).unwrap_or(false))
}

/// Opens the share sheet with `text` as a file named `name` (to send it by
/// chat or mail straight from the phone). A share the user cancels is no error.
pub async fn share(name: &str, mime: &str, text: &str) -> Result<(), FileError> {
    let refused = || FileError("此浏览器不能分享文件，请把已下载的文件发送出去".into());
    if !can_share_files() {
        return Err(refused());
    }
    let navigator = web_sys::window().ok_or_else(refused)?.navigator();
    let options = web_sys::FilePropertyBag::new();
    options.set_type(mime);
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let file = web_sys::File::new_with_str_sequence_and_options(&parts, name, &options).map_err(|_| refused())?;
    let data = web_sys::ShareData::new();
    data.set_files(&js_sys::Array::of1(&file));
    data.set_title(name);
    if !navigator.can_share_with_data(&data) {
        return Err(refused());
    }
    match JsFuture::from(navigator.share_with_data(&data)).await {
        Ok(_) => Ok(()),
        Err(e)
            if e.dyn_ref::<web_sys::DomException>()
                .is_some_and(|d| d.name() == "AbortError") =>
        {
            Ok(())
        }
        Err(_) => Err(FileError("分享没有完成，请把已下载的文件发送出去".into())),
    }
}

/// A file name without characters Windows refuses.
pub fn safe_file_name(name: &str) -> String {
    name.chars()
        .map(|c| {
            if r#"\/:*?"<>|"#.contains(c) || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect()
}
