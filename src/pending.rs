//! Self-checks kept aside when localStorage refuses a write (its quota is a
//! few megabytes; IndexedDB's is far larger and separate). Each is the
//! record text the failed write would have stored, under the self-check's
//! id, in the IndexedDB database `mofan`, object store `pending`. A copy
//! stays until the same self-check is written to localStorage again.

use std::cell::RefCell;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbObjectStore, IdbRequest, IdbTransaction, IdbTransactionMode};

const DATABASE: &str = "mofan";
const STORE: &str = "pending";

/// A promise settled by `on_ok` or `on_error` being called: the two event
/// handlers set here on a request or a transaction.
async fn settled(set: impl FnOnce(&js_sys::Function, &js_sys::Function)) -> Result<(), JsValue> {
    let mut once = Some(set);
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        if let Some(set) = once.take() {
            set(&resolve, &reject);
        }
    });
    JsFuture::from(promise).await.map(|_| ())
}

/// Waits for a request to finish and returns its result.
async fn request(req: &IdbRequest) -> Result<JsValue, JsValue> {
    settled(|ok, err| {
        req.set_onsuccess(Some(ok));
        req.set_onerror(Some(err));
    })
    .await?;
    req.result()
}

/// Waits until a transaction is committed (or fails).
async fn committed(tx: &IdbTransaction) -> Result<(), JsValue> {
    settled(|ok, err| {
        tx.set_oncomplete(Some(ok));
        tx.set_onerror(Some(err));
        tx.set_onabort(Some(err));
    })
    .await
}

// The connection, opened on first use: a cache, not app state (what the app
// shares goes through context; see `crate::ui::state`).
thread_local! {
    static OPEN: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
}

async fn database() -> Result<IdbDatabase, JsValue> {
    if let Some(db) = OPEN.with(|o| o.borrow().clone()) {
        return Ok(db);
    }
    let factory = web_sys::window()
        .ok_or_else(|| JsValue::from_str("no window"))?
        .indexed_db()?
        .ok_or_else(|| JsValue::from_str("no IndexedDB"))?;
    let open = factory.open_with_u32(DATABASE, 1)?;
    let upgrade = Closure::once_into_js(move |ev: web_sys::Event| {
        let created = ev
            .target()
            .and_then(|t| t.dyn_into::<IdbRequest>().ok())
            .and_then(|r| r.result().ok())
            .map(|db| db.unchecked_into::<IdbDatabase>());
        if let Some(db) = created {
            let _ = db.create_object_store(STORE);
        }
    });
    open.set_onupgradeneeded(Some(upgrade.unchecked_ref()));
    let db: IdbDatabase = request(&open).await?.unchecked_into();
    OPEN.with(|o| *o.borrow_mut() = Some(db.clone()));
    Ok(db)
}

async fn store(mode: IdbTransactionMode) -> Result<(IdbTransaction, IdbObjectStore), JsValue> {
    let tx = database().await?.transaction_with_str_and_mode(STORE, mode)?;
    let store = tx.object_store(STORE)?;
    Ok((tx, store))
}

/// Keeps `record` (the text a failed write would have stored) for self-check `id`.
pub async fn keep(id: &str, record: &str) -> Result<(), String> {
    let write = async {
        let (tx, store) = store(IdbTransactionMode::Readwrite).await?;
        store.put_with_key(&JsValue::from_str(record), &JsValue::from_str(id))?;
        committed(&tx).await
    };
    write
        .await
        .map_err(|_| "浏览器的备用存储（IndexedDB）也无法写入".to_string())
}

/// Every self-check kept aside: its id and record text.
pub async fn all() -> Vec<(String, String)> {
    let read = async {
        let (_, store) = store(IdbTransactionMode::Readonly).await?;
        let keys = store.get_all_keys()?;
        let values = store.get_all()?;
        let keys = js_sys::Array::from(&request(&keys).await?);
        let values = js_sys::Array::from(&request(&values).await?);
        Ok::<_, JsValue>(
            keys.iter()
                .zip(values.iter())
                .filter_map(|(k, v)| Some((k.as_string()?, v.as_string()?)))
                .collect(),
        )
    };
    read.await.unwrap_or_default()
}

/// Drops the copy of self-check `id`: it is in localStorage again.
pub async fn forget(id: &str) {
    let delete = async {
        let (tx, store) = store(IdbTransactionMode::Readwrite).await?;
        store.delete(&JsValue::from_str(id))?;
        committed(&tx).await
    };
    let _ = delete.await;
}
