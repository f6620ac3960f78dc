//! The only code that touches localStorage, through gloo-storage.
//!
//! Each self-check is its own key, `mofan.assessment.<id>`, holding the
//! versioned envelope from `core::exchange::record`; imported templates are
//! `mofan.template.<id>.v<n>`, settings `mofan.setting.<name>`. Saving writes
//! only the record that changed. Records and settings are written with
//! gloo's typed `set`, and settings read with its typed `get`.
//!
//! A stored record is read as its raw text (`LocalStorage::raw()`), because
//! one that cannot be read must be kept byte for byte: it is reported with
//! that text and never overwritten by loading, and at start-up it is moved
//! whole to `mofan.quarantine.<time>.<key>` (see `quarantine_unreadable`).
//!
//! The branch desk's files are kept for its tab in sessionStorage, under
//! `mofan.desk` (see `keep_desk`), apart from the members' records.
//!
//! gloo throws when the browser blocks storage, so every function first asks
//! [`storage`], which checks once with web_sys.

use crate::core::exchange::record::{
    assessment_record, decode_assessment, decode_assessment_under, template_record, RecordError,
};
use crate::core::Assessment;
use gloo_storage::errors::StorageError;
use gloo_storage::{LocalStorage, Storage};
use serde::Serialize;
use std::fmt;
use std::sync::OnceLock;

pub const ASSESSMENT_PREFIX: &str = "mofan.assessment.";

/// Why storage could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// The browser refuses localStorage (disabled, private mode, policy).
    Unavailable,
    /// The browser's storage quota is full; nothing was written.
    QuotaExceeded,
    /// Any other refusal, with the browser's own words.
    WriteFailed(String),
    /// Another tab, running a newer version of Mofan, stored this record in a
    /// form this version cannot read; writing would destroy it.
    NewerCopyStored,
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Unavailable => write!(
                f,
                "浏览器禁止了本地存储，填写的内容无法保存。请关闭“无痕/隐私模式”或允许本站点保存数据。"
            ),
            StoreError::QuotaExceeded => write!(
                f,
                "浏览器本地存储空间已满，最新的修改没有保存（页面上的内容仍在）。请删除不需要的自查记录后重试。"
            ),
            StoreError::WriteFailed(why) => write!(f, "保存失败：{why}"),
            StoreError::NewerCopyStored => write!(
                f,
                "另一个页面用较新版本的模范保存了这份自查，本页没有写入，以免覆盖它（页面上的内容仍在）。\
                    请先导出结果文件，再刷新页面。"
            ),
        }
    }
}

/// A stored record that could not be read, kept exactly as found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadRecord {
    /// Where the raw text is now.
    pub key: String,
    pub raw: String,
    pub error: RecordError,
    /// The key it was found under, when it has been moved to the quarantine.
    pub moved_from: Option<String>,
}

/// Whether this page may use localStorage at all (private modes and site
/// policies can forbid it), asked once of the browser with web_sys: gloo's
/// own access throws when it is blocked.
fn storage() -> Result<(), StoreError> {
    static AVAILABLE: OnceLock<bool> = OnceLock::new();
    let available =
        AVAILABLE.get_or_init(|| web_sys::window().is_some_and(|w| matches!(w.local_storage(), Ok(Some(_)))));
    if *available {
        Ok(())
    } else {
        Err(StoreError::Unavailable)
    }
}

fn key_of(id: &str) -> String {
    format!("{ASSESSMENT_PREFIX}{id}")
}

/// A write the browser refused, by the name of its DOMException.
fn refusal(name: &str, message: &str) -> StoreError {
    if name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED" {
        StoreError::QuotaExceeded
    } else {
        StoreError::WriteFailed(format!("{name}: {message}"))
    }
}

fn write_error(e: StorageError) -> StoreError {
    match e {
        StorageError::JsError(js) => refusal(&js.name, &js.message),
        other => StoreError::WriteFailed(other.to_string()),
    }
}

/// Writes `value` under `key` as JSON.
fn put(key: &str, value: impl Serialize) -> Result<(), StoreError> {
    storage()?;
    LocalStorage::set(key, value).map_err(write_error)
}

/// The text stored under `key`, exactly as it is.
fn raw_text(key: &str) -> Option<String> {
    storage().ok()?;
    LocalStorage::raw().get_item(key).ok().flatten()
}

/// Every key that starts with `prefix`, in storage order.
fn keys_under(prefix: &str) -> Result<Vec<String>, StoreError> {
    storage()?;
    let raw = LocalStorage::raw();
    Ok((0..LocalStorage::length())
        .filter_map(|i| raw.key(i).ok().flatten())
        .filter(|k| k.starts_with(prefix))
        .collect())
}

/// Every record under `prefix`, decoded (given the rest of its key and its
/// text), and every one that could not be.
fn scan<T>(
    prefix: &str,
    decode: impl Fn(&str, &str) -> Result<T, RecordError>,
) -> Result<(Vec<T>, Vec<BadRecord>), StoreError> {
    let mut good = Vec::new();
    let mut bad = Vec::new();
    for key in keys_under(prefix)? {
        let raw = raw_text(&key).unwrap_or_default();
        match decode(&key[prefix.len()..], &raw) {
            Ok(t) => good.push(t),
            Err(error) => bad.push(BadRecord {
                key,
                raw,
                error,
                moved_from: None,
            }),
        }
    }
    crate::core::basics::sorted::sort_by(&mut bad, |a, b| a.key.cmp(&b.key));
    Ok((good, bad))
}

/// Every stored self-check, newest edit first, and every record that could
/// not be read.
pub fn list_assessments() -> Result<(Vec<Assessment>, Vec<BadRecord>), StoreError> {
    let (mut good, bad) = scan(ASSESSMENT_PREFIX, decode_assessment_under)?;
    crate::core::basics::sorted::sort_by(&mut good, |a, b| {
        b.updated_at.cmp(&a.updated_at).then_with(|| a.id.cmp(&b.id))
    });
    Ok((good, bad))
}

/// What loading one self-check by id found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Loaded {
    Found(Assessment),
    Missing,
    Bad(BadRecord),
}

pub fn load_assessment(id: &str) -> Result<Loaded, StoreError> {
    storage()?;
    let key = key_of(id);
    let Some(raw) = raw_text(&key) else {
        return Ok(Loaded::Missing);
    };
    Ok(match decode_assessment_under(id, &raw) {
        Ok(a) => Loaded::Found(a),
        Err(error) => Loaded::Bad(BadRecord {
            key,
            raw,
            error,
            moved_from: None,
        }),
    })
}

/// Writes one self-check. On any error the previously stored copy is left
/// exactly as it was.
pub fn save_assessment(a: &Assessment) -> Result<(), StoreError> {
    write_assessment(a).map(|_| ())
}

/// Writes one self-check and returns the text now stored (read back), so a
/// caller can later tell whether someone else (another tab) has written since.
pub fn write_assessment(a: &Assessment) -> Result<String, StoreError> {
    let key = key_of(&a.id);
    put(&key, assessment_record(a))?;
    raw_text(&key).ok_or_else(|| StoreError::WriteFailed("写入后无法读回".to_string()))
}

/// The stored copy of self-check `id`, made safe to write over: `None` when
/// nothing is stored, or when what is stored could not be read and has been
/// moved to the quarantine first; refused when a newer version of Mofan
/// wrote it, for nothing may be written over that.
pub fn stored_for_writing(id: &str, now: i64) -> Result<Option<Assessment>, StoreError> {
    match load_assessment(id)? {
        Loaded::Found(stored) => Ok(Some(stored)),
        Loaded::Missing => Ok(None),
        Loaded::Bad(b) if matches!(b.error, RecordError::NewerSchema(_)) => Err(StoreError::NewerCopyStored),
        Loaded::Bad(b) => move_to_quarantine(&b.key, &b.raw, now).map(|()| None),
    }
}

/// Writes back a copy of self-check `id` kept aside (see `crate::pending`),
/// unless the stored one was edited later (it then wins, and the copy is
/// no longer needed). A copy that cannot be read is not written. What is
/// stored is never lost, as when an open self-check is saved: a record this
/// version cannot read is moved to the quarantine first, and one written by
/// a newer version is not written over.
pub fn write_back(id: &str, kept: &str, now: i64) -> Result<(), StoreError> {
    let Ok(copy) = decode_assessment_under(id, kept) else {
        return Ok(());
    };
    let stored = stored_for_writing(id, now)?;
    if copy.is_newer_than(stored.as_ref()) {
        save_assessment(&copy)
    } else {
        Ok(())
    }
}

/// The stored text of one self-check, exactly as it is, if any.
pub fn load_assessment_raw(id: &str) -> Option<String> {
    raw_text(&key_of(id))
}

/// The self-check id a storage key belongs to, e.g. from a `storage` event.
pub fn assessment_id_of(key: &str) -> Option<&str> {
    key.strip_prefix(ASSESSMENT_PREFIX)
}

pub fn delete_assessment(id: &str) -> Result<(), StoreError> {
    storage()?;
    LocalStorage::delete(key_of(id));
    // Its export bookkeeping goes with it.
    LocalStorage::delete(setting_key(&exported_setting(id)));
    Ok(())
}

const SETTING_PREFIX: &str = "mofan.setting.";

fn setting_key(name: &str) -> String {
    format!("{SETTING_PREFIX}{name}")
}

/// A small user preference (e.g. the role picked on the home page), stored
/// as a JSON string. Releases before gloo-storage stored the bare text,
/// which is read as it is.
pub fn load_setting(name: &str) -> Option<String> {
    storage().ok()?;
    let key = setting_key(name);
    LocalStorage::get::<String>(&key).ok().or_else(|| raw_text(&key))
}

pub fn save_setting(name: &str, value: &str) -> Result<(), StoreError> {
    put(&setting_key(name), value)
}

/// Settings this browser keeps for itself (when things were backed up or
/// exported), as opposed to the user's choices.
const EXPORTED_SETTING: &str = "exported.";
const BACKUP_SETTING: &str = "backup_at";

/// The setting that records when a self-check was last exported.
fn exported_setting(id: &str) -> String {
    format!("{EXPORTED_SETTING}{id}")
}

/// The user's settings by name (the role, the roster), without this
/// browser's own bookkeeping: what a backup carries.
pub fn user_settings() -> std::collections::BTreeMap<String, String> {
    let mut settings = std::collections::BTreeMap::new();
    // Inserted one by one: collecting into a map sorts, and would compile
    // another copy of the standard sort (see `core::basics::sorted`).
    let keys = keys_under(SETTING_PREFIX).unwrap_or_default();
    for name in keys.iter().filter_map(|k| k.strip_prefix(SETTING_PREFIX)) {
        if name.starts_with(EXPORTED_SETTING) || name == BACKUP_SETTING {
            continue;
        }
        if let Some(value) = load_setting(name) {
            settings.insert(name.to_string(), value);
        }
    }
    settings
}

/// Notes that a self-check, as edited at `updated_at`, is in an exported file.
pub fn mark_exported(id: &str, updated_at: i64) {
    let _ = save_setting(&exported_setting(id), &updated_at.to_string());
}

/// When a self-check was last exported (its `updated_at` then), or 0.
pub fn exported_at(id: &str) -> i64 {
    load_setting(&exported_setting(id))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// Everything a backup holds: every readable self-check, every imported
/// template version, and the user's settings.
pub fn everything() -> crate::core::exchange::backup::Backup {
    crate::core::exchange::backup::Backup {
        assessments: list_assessments().map(|(good, _)| good).unwrap_or_default(),
        templates: list_templates().map(|(good, _)| good).unwrap_or_default(),
        settings: user_settings(),
    }
}

/// Notes that a full backup was made at `now`.
pub fn mark_backed_up(now: i64) {
    let _ = save_setting(BACKUP_SETTING, &now.to_string());
}

/// How many of `all` have changes in no backup and no exported file.
pub fn not_backed_up(all: &[Assessment]) -> usize {
    let last = load_setting(BACKUP_SETTING).and_then(|v| v.parse().ok()).unwrap_or(0);
    crate::core::exchange::backup::needs_backup(all, last, exported_at)
}

/// What restoring did: everything the plan says, or nothing at all.
pub enum Restored {
    /// Every record written; the templates among them, for the page's library.
    All {
        assessments: usize,
        templates: Vec<crate::core::Template>,
        settings: usize,
    },
    /// Nothing written (what was written before the error was taken back),
    /// and why.
    Nothing(StoreError),
}

/// Writes what a restore plan says to write, all or nothing: if any write
/// fails (a full quota, say), every one before it is undone, the keys it
/// added removed first (which frees space) and the replaced ones put back as
/// they were, byte for byte.
pub fn restore(plan: &crate::core::exchange::backup::RestorePlan) -> Restored {
    /// The writes made so far: each key and what it held before.
    struct Writes(Vec<(String, Option<String>)>);
    impl Writes {
        fn write(&mut self, key: String, value: impl Serialize) -> Result<(), StoreError> {
            let before = raw_text(&key);
            put(&key, value)?;
            self.0.push((key, before));
            Ok(())
        }
    }
    let mut writes = Writes(Vec::new());
    let result = (|| {
        for a in &plan.assessments {
            writes.write(key_of(&a.id), assessment_record(a))?;
        }
        for t in &plan.templates {
            writes.write(template_key(t), template_record(t))?;
        }
        for (k, v) in &plan.settings {
            writes.write(setting_key(k), v)?;
        }
        Ok(())
    })();
    let undo = writes.0;
    match result {
        Ok(()) => Restored::All {
            assessments: plan.assessments.len(),
            templates: plan.templates.clone(),
            settings: plan.settings.len(),
        },
        Err(e) => {
            let (added, replaced): (Vec<_>, Vec<_>) = undo.into_iter().rev().partition(|(_, before)| before.is_none());
            for (key, _) in added {
                LocalStorage::delete(key);
            }
            for (key, before) in replaced {
                let _ = LocalStorage::raw().set_item(&key, before.as_deref().unwrap_or_default());
            }
            Restored::Nothing(e)
        }
    }
}

pub const TEMPLATE_PREFIX: &str = "mofan.template.";

/// Saves an imported template under its id and version; other versions stay.
fn template_key(t: &crate::core::Template) -> String {
    format!("{TEMPLATE_PREFIX}{}.v{}", t.id, t.version)
}

pub fn save_template(t: &crate::core::Template) -> Result<(), StoreError> {
    put(&template_key(t), template_record(t))
}

/// Every imported template version kept in this browser, and any that could
/// not be read (kept untouched, like unreadable self-checks).
pub fn list_templates() -> Result<(Vec<crate::core::Template>, Vec<BadRecord>), StoreError> {
    let (mut good, bad) = scan(TEMPLATE_PREFIX, |_, raw| {
        crate::core::exchange::record::decode_template(raw)
    })?;
    crate::core::basics::sorted::sort_by(&mut good, |a, b| a.title.cmp(&b.title).then(a.version.cmp(&b.version)));
    Ok((good, bad))
}

/// Where unreadable records are moved: `mofan.quarantine.<time>.<original key>`.
pub const QUARANTINE_PREFIX: &str = "mofan.quarantine.";

/// Why a record found under `original` is in the quarantine: why it cannot
/// be read, or, for one that can, that it was set aside as found.
fn reason(original: &str, raw: &str) -> RecordError {
    let result = if original.starts_with(ASSESSMENT_PREFIX) {
        decode_assessment(raw).map(|_| ())
    } else if original.starts_with(TEMPLATE_PREFIX) {
        crate::core::exchange::record::decode_template(raw).map(|_| ())
    } else {
        Err(RecordError::NoEnvelope)
    };
    match result {
        Err(e) => e,
        Ok(()) if original.starts_with(ASSESSMENT_PREFIX) => RecordError::SetAside,
        Ok(()) => RecordError::NoEnvelope,
    }
}

/// What start-up's quarantine did and found: how many records it moved,
/// and the imported templates as [`list_templates`] gives them, so that
/// they are read once at start, not twice.
pub struct Quarantined {
    pub moved: usize,
    pub templates: Vec<crate::core::Template>,
    /// Templates still unreadable where they are (a newer version's, or one
    /// the quarantine could not copy).
    pub unread_templates: Vec<BadRecord>,
}

/// Moves every self-check and imported template that cannot be read
/// (corrupt, cut off, not a record at all) to the quarantine, exactly as
/// found, so nothing else trips over it again; its raw text stays there
/// until the user deletes it. Records written by a newer version of Mofan
/// are left where they are, for that version to read. If the copy cannot
/// be written (a full quota) the record stays in place and is still
/// reported where it is.
pub fn quarantine_unreadable(now: i64) -> Result<Quarantined, StoreError> {
    let bad_assessments = scan(ASSESSMENT_PREFIX, decode_assessment_under)?.1;
    let (templates, bad_templates) = list_templates()?;
    let mut found = Quarantined {
        moved: 0,
        templates,
        unread_templates: Vec::new(),
    };
    for (b, template) in bad_assessments
        .into_iter()
        .map(|b| (b, false))
        .chain(bad_templates.into_iter().map(|b| (b, true)))
    {
        let moved = !matches!(b.error, RecordError::NewerSchema(_)) && move_to_quarantine(&b.key, &b.raw, now).is_ok();
        if moved {
            found.moved += 1;
        } else if template {
            found.unread_templates.push(b);
        }
    }
    Ok(found)
}

/// Moves the unreadable text `raw`, found under `key`, to the quarantine.
/// The copy is written and read back before the original goes; if it cannot
/// be written (a full quota) the original stays and the error is returned.
fn move_to_quarantine(key: &str, raw: &str, now: i64) -> Result<(), StoreError> {
    write_raw(&format!("{QUARANTINE_PREFIX}{now}.{key}"), raw)?;
    LocalStorage::delete(key);
    Ok(())
}

/// Writes `raw` under `key` as the raw text, not as JSON (a copy must stay
/// byte for byte), and reads it back.
fn write_raw(key: &str, raw: &str) -> Result<(), StoreError> {
    storage()?;
    LocalStorage::raw().set_item(key, raw).map_err(|e| {
        let e = js_sys::Error::from(e);
        refusal(&String::from(e.name()), &String::from(e.message()))
    })?;
    if raw_text(key).as_deref() != Some(raw) {
        return Err(StoreError::WriteFailed("隔离副本写入后无法读回".to_string()));
    }
    Ok(())
}

/// Keeps a copy of self-check `id` exactly as stored, `raw`, in the
/// quarantine, leaving the record where it is: it holds answers no rule can
/// take, and the self-check opens without them. One copy of the same text is enough.
pub fn set_aside(id: &str, raw: &str, now: i64) -> Result<(), StoreError> {
    if list_quarantined()?.iter().any(|b| b.raw == raw) {
        return Ok(());
    }
    let to = format!("{QUARANTINE_PREFIX}{now}.{}", key_of(id));
    write_raw(&to, raw)
}

/// Every record in the quarantine, oldest first, with why it was moved.
pub fn list_quarantined() -> Result<Vec<BadRecord>, StoreError> {
    let mut out: Vec<BadRecord> = keys_under(QUARANTINE_PREFIX)?
        .into_iter()
        .filter_map(|key| {
            let rest = key.strip_prefix(QUARANTINE_PREFIX)?;
            let original = rest.split_once('.').map_or(rest, |(_, o)| o).to_string();
            let raw = raw_text(&key)?;
            Some(BadRecord {
                error: reason(&original, &raw),
                moved_from: Some(original),
                key,
                raw,
            })
        })
        .collect();
    crate::core::basics::sorted::sort_by(&mut out, |a, b| a.key.cmp(&b.key));
    Ok(out)
}

/// Deletes one record from the quarantine (the user has downloaded it or given it up).
pub fn delete_quarantined(key: &str) -> Result<(), StoreError> {
    storage()?;
    if key.starts_with(QUARANTINE_PREFIX) {
        LocalStorage::delete(key);
    }
    Ok(())
}

/// The branch desk's files, kept for this browser tab only (sessionStorage):
/// a reload or a visit to the home page takes them back; closing the tab
/// lets them go (the files themselves are still where they were chosen
/// from). They never take the room members' self-checks need.
const DESK_KEY: &str = "mofan.desk";

/// Keeps the desk for this tab; an empty desk removes what was kept.
pub fn keep_desk(desk: &crate::core::exchange::desk::Desk) -> Result<(), StoreError> {
    use gloo_storage::SessionStorage;
    storage()?;
    if desk.is_empty() {
        SessionStorage::delete(DESK_KEY);
        return Ok(());
    }
    SessionStorage::raw().set_item(DESK_KEY, &desk.encode()).map_err(|e| {
        match wasm_bindgen::JsCast::dyn_ref::<web_sys::DomException>(&e) {
            Some(d) => refusal(&d.name(), &d.message()),
            None => StoreError::WriteFailed(format!("{e:?}")),
        }
    })
}

/// The desk kept for this tab, if any; one that cannot be read is dropped, and why is said.
pub fn kept_desk() -> Result<Option<crate::core::exchange::desk::Desk>, String> {
    use gloo_storage::SessionStorage;
    storage().map_err(|e| e.to_string())?;
    let Some(text) = SessionStorage::raw().get_item(DESK_KEY).ok().flatten() else {
        return Ok(None);
    };
    crate::core::exchange::desk::Desk::decode(&text)
        .map(Some)
        .inspect_err(|_| {
            SessionStorage::delete(DESK_KEY);
        })
}
