//! The only code that touches localStorage.
//!
//! Each self-check is its own key, `mofan.assessment.<id>`, holding the
//! versioned envelope from `core::record`; imported templates are
//! `mofan.template.<id>.v<n>`, settings `mofan.setting.<name>`. Saving writes
//! only the record that changed. A record that cannot be read is reported
//! with its raw text and is never overwritten by loading; at start-up it is
//! moved whole to `mofan.quarantine.<time>.<key>` (see `quarantine_unreadable`).

use crate::core::record::{decode_assessment, encode_assessment, RecordError};
use crate::core::Assessment;
use std::fmt;
use wasm_bindgen::JsCast;

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
                "另一个页面用较新版本的模范保存了这份自查，本页没有写入，以免覆盖它（页面上的内容仍在）。请先导出结果文件，再刷新页面。"
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

fn storage() -> Result<web_sys::Storage, StoreError> {
    let window = web_sys::window().ok_or(StoreError::Unavailable)?;
    match window.local_storage() {
        Ok(Some(s)) => Ok(s),
        _ => Err(StoreError::Unavailable),
    }
}

fn key_of(id: &str) -> String {
    format!("{ASSESSMENT_PREFIX}{id}")
}

fn write_error(e: wasm_bindgen::JsValue) -> StoreError {
    if let Some(dom) = e.dyn_ref::<web_sys::DomException>() {
        let name = dom.name();
        if name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED" || dom.code() == 22 {
            return StoreError::QuotaExceeded;
        }
        return StoreError::WriteFailed(format!("{name}: {}", dom.message()));
    }
    StoreError::WriteFailed(e.as_string().unwrap_or_else(|| "浏览器拒绝写入".to_string()))
}

/// Every key that starts with `prefix`, in storage order.
fn keys_under(s: &web_sys::Storage, prefix: &str) -> Result<Vec<String>, StoreError> {
    let len = s.length().map_err(|_| StoreError::Unavailable)?;
    Ok((0..len)
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k.starts_with(prefix))
        .collect())
}

/// Every record under `prefix`, decoded, and every one that could not be.
fn scan<T>(
    prefix: &str,
    decode: impl Fn(&str) -> Result<T, RecordError>,
) -> Result<(Vec<T>, Vec<BadRecord>), StoreError> {
    let s = storage()?;
    let keys = keys_under(&s, prefix)?;
    let mut good = Vec::new();
    let mut bad = Vec::new();
    for key in keys {
        let raw = s.get_item(&key).ok().flatten().unwrap_or_default();
        match decode(&raw) {
            Ok(t) => good.push(t),
            Err(error) => bad.push(BadRecord {
                key,
                raw,
                error,
                moved_from: None,
            }),
        }
    }
    bad.sort_by(|a, b| a.key.cmp(&b.key));
    Ok((good, bad))
}

/// Every stored self-check, newest edit first, and every record that could
/// not be read.
pub fn list_assessments() -> Result<(Vec<Assessment>, Vec<BadRecord>), StoreError> {
    let (mut good, bad) = scan(ASSESSMENT_PREFIX, decode_assessment)?;
    good.sort_by(|a, b| {
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
    let s = storage()?;
    let key = key_of(id);
    let raw = match s.get_item(&key) {
        Ok(Some(raw)) => raw,
        Ok(None) => return Ok(Loaded::Missing),
        Err(_) => return Err(StoreError::Unavailable),
    };
    Ok(match decode_assessment(&raw) {
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

/// Writes one self-check and returns the text stored, so a caller can later
/// tell whether someone else (another tab) has written since.
pub fn write_assessment(a: &Assessment) -> Result<String, StoreError> {
    let s = storage()?;
    let text = encode_assessment(a);
    s.set_item(&key_of(&a.id), &text).map_err(write_error)?;
    Ok(text)
}

/// The stored text of one self-check, exactly as it is, if any.
pub fn load_assessment_raw(id: &str) -> Option<String> {
    storage().ok()?.get_item(&key_of(id)).ok().flatten()
}

/// The self-check id a storage key belongs to, e.g. from a `storage` event.
pub fn assessment_id_of(key: &str) -> Option<&str> {
    key.strip_prefix(ASSESSMENT_PREFIX)
}

pub fn delete_assessment(id: &str) -> Result<(), StoreError> {
    let s = storage()?;
    s.remove_item(&key_of(id)).map_err(write_error)?;
    // Its export bookkeeping goes with it.
    let _ = s.remove_item(&setting_key(&exported_setting(id)));
    Ok(())
}

const SETTING_PREFIX: &str = "mofan.setting.";

fn setting_key(name: &str) -> String {
    format!("{SETTING_PREFIX}{name}")
}

/// A small user preference (e.g. the role picked on the home page).
pub fn load_setting(name: &str) -> Option<String> {
    storage().ok()?.get_item(&setting_key(name)).ok().flatten()
}

pub fn save_setting(name: &str, value: &str) -> Result<(), StoreError> {
    storage()?.set_item(&setting_key(name), value).map_err(write_error)
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
    let Ok(s) = storage() else { return Default::default() };
    let mut settings = std::collections::BTreeMap::new();
    // Inserted one by one: collecting into a map would compile another sort.
    for k in keys_under(&s, SETTING_PREFIX).unwrap_or_default() {
        let Some(name) = k.strip_prefix(SETTING_PREFIX) else {
            continue;
        };
        if name.starts_with(EXPORTED_SETTING) || name == BACKUP_SETTING {
            continue;
        }
        if let Ok(Some(value)) = s.get_item(&k) {
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
pub fn everything() -> crate::core::backup::Backup {
    crate::core::backup::Backup {
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
    crate::core::backup::needs_backup(all, last, exported_at)
}

/// What restoring wrote, and the error it stopped at, if any.
pub struct Restored {
    pub written: usize,
    /// The templates written, for the page's checklist library.
    pub templates: Vec<crate::core::Template>,
    pub error: Option<StoreError>,
}

/// Writes what a restore plan says to write, stopping at the first error
/// (a full quota, say); what was written before it stays written.
pub fn restore(plan: &crate::core::backup::RestorePlan) -> Restored {
    let mut done = Restored {
        written: 0,
        templates: Vec::new(),
        error: None,
    };
    let result = (|| {
        for a in &plan.assessments {
            save_assessment(a)?;
            done.written += 1;
        }
        for t in &plan.templates {
            save_template(t)?;
            done.templates.push(t.clone());
            done.written += 1;
        }
        for (k, v) in &plan.settings {
            save_setting(k, v)?;
            done.written += 1;
        }
        Ok(())
    })();
    done.error = result.err();
    done
}

pub const TEMPLATE_PREFIX: &str = "mofan.template.";

/// Saves an imported template under its id and version; other versions stay.
pub fn save_template(t: &crate::core::Template) -> Result<(), StoreError> {
    storage()?
        .set_item(
            &format!("{TEMPLATE_PREFIX}{}.v{}", t.id, t.version),
            &crate::core::record::encode_template(t),
        )
        .map_err(write_error)
}

/// Every imported template version kept in this browser, and any that could
/// not be read (kept untouched, like unreadable self-checks).
pub fn list_templates() -> Result<(Vec<crate::core::Template>, Vec<BadRecord>), StoreError> {
    let (mut good, bad) = scan(TEMPLATE_PREFIX, crate::core::record::decode_template)?;
    good.sort_by(|a, b| a.title.cmp(&b.title).then(a.version.cmp(&b.version)));
    Ok((good, bad))
}

/// Where unreadable records are moved: `mofan.quarantine.<time>.<original key>`.
pub const QUARANTINE_PREFIX: &str = "mofan.quarantine.";

/// Why a record found under `original` cannot be read.
fn reason(original: &str, raw: &str) -> RecordError {
    let result = if original.starts_with(ASSESSMENT_PREFIX) {
        decode_assessment(raw).map(|_| ())
    } else if original.starts_with(TEMPLATE_PREFIX) {
        crate::core::record::decode_template(raw).map(|_| ())
    } else {
        Err(RecordError::NoEnvelope)
    };
    result.err().unwrap_or(RecordError::NoEnvelope)
}

/// Moves every self-check and imported template that cannot be read
/// (corrupt, cut off, not a record at all) to the quarantine, exactly as
/// found, so nothing else trips over it again; its raw text stays there
/// until the user deletes it. Records written by a newer version of Mofan
/// are left where they are, for that version to read. If the copy cannot
/// be written (a full quota) the record stays in place and is still
/// reported where it is. Returns how many records were moved.
pub fn quarantine_unreadable(now: i64) -> Result<usize, StoreError> {
    let s = storage()?;
    let mut bad = scan(ASSESSMENT_PREFIX, decode_assessment)?.1;
    bad.extend(scan(TEMPLATE_PREFIX, crate::core::record::decode_template)?.1);
    let mut moved = 0;
    for b in bad {
        if matches!(b.error, RecordError::NewerSchema(_)) {
            continue;
        }
        if move_to_quarantine(&s, &b.key, &b.raw, now).is_ok() {
            moved += 1;
        }
    }
    Ok(moved)
}

/// Moves the unreadable text `raw`, found under `key`, to the quarantine.
/// The copy is written and read back before the original goes; if it cannot
/// be written (a full quota) the original stays and the error is returned.
fn move_to_quarantine(s: &web_sys::Storage, key: &str, raw: &str, now: i64) -> Result<(), StoreError> {
    let to = format!("{QUARANTINE_PREFIX}{now}.{key}");
    s.set_item(&to, raw).map_err(write_error)?;
    if s.get_item(&to).ok().flatten().as_deref() != Some(raw) {
        return Err(StoreError::WriteFailed("隔离副本写入后无法读回".to_string()));
    }
    s.remove_item(key).map_err(write_error)
}

/// Moves the stored text of self-check `id`, which could not be read, to the
/// quarantine, so that writing this tab's copy does not destroy it.
pub fn quarantine_assessment(id: &str, raw: &str, now: i64) -> Result<(), StoreError> {
    move_to_quarantine(&storage()?, &key_of(id), raw, now)
}

/// Every record in the quarantine, oldest first, with why it was moved.
pub fn list_quarantined() -> Result<Vec<BadRecord>, StoreError> {
    let s = storage()?;
    let mut out: Vec<BadRecord> = keys_under(&s, QUARANTINE_PREFIX)?
        .into_iter()
        .filter_map(|key| {
            let rest = key.strip_prefix(QUARANTINE_PREFIX)?;
            let original = rest.split_once('.').map_or(rest, |(_, o)| o).to_string();
            let raw = s.get_item(&key).ok().flatten()?;
            Some(BadRecord {
                error: reason(&original, &raw),
                moved_from: Some(original),
                key,
                raw,
            })
        })
        .collect();
    out.sort_by(|a, b| a.key.cmp(&b.key));
    Ok(out)
}

/// Deletes one record from the quarantine (the user has downloaded it or given it up).
pub fn delete_quarantined(key: &str) -> Result<(), StoreError> {
    if !key.starts_with(QUARANTINE_PREFIX) {
        return Ok(());
    }
    storage()?.remove_item(key).map_err(write_error)
}
