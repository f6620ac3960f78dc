//! Self-checks kept aside when localStorage refuses a write (its quota is a
//! few megabytes; IndexedDB's is far larger and separate). Each is the
//! record text the failed write would have stored, under the self-check's
//! id, in the IndexedDB database `mofan`, object store `pending`. A copy
//! stays until the same self-check is written to localStorage again.
//!
//! The app reads them before it opens any self-check. So that the member
//! does not wait for that, the page asks for the database as it starts
//! (`assets/kept-aside.js`), while the wasm module downloads, and [`all`]
//! takes that request; the single-file build and the tests open it here.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
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

/// A connection, and whether it can hold nothing yet (opening it created
/// the database).
struct Connected {
    db: IdbDatabase,
    empty: bool,
}

/// The connection: the one already open, or on its way.
enum Connection {
    Open(IdbDatabase),
    /// Asked for by `kept-aside.js` as the page started: a promise of
    /// `{ db, empty }`, without `db` when there is no database yet.
    AskedByPage(js_sys::Promise),
    /// Asked for here; the flag is set if the database had to be created.
    Opening(web_sys::IdbOpenDbRequest, Rc<Cell<bool>>),
}

/// Asks for the connection now (the browser opens the database while the
/// caller goes on); [`connected`] waits for it. The page's own request
/// (`mofanKeptAside`, the same database, version and object store) is taken
/// once, by the first caller.
fn connect() -> Result<Connection, JsValue> {
    if let Some(db) = OPEN.with(|o| o.borrow().clone()) {
        return Ok(Connection::Open(db));
    }
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    let key = JsValue::from_str("mofanKeptAside");
    if let Ok(asked) = js_sys::Reflect::get(&window, &key)?.dyn_into::<js_sys::Promise>() {
        let _ = js_sys::Reflect::delete_property(&window, &key);
        return Ok(Connection::AskedByPage(asked));
    }
    let factory = window.indexed_db()?.ok_or_else(|| JsValue::from_str("no IndexedDB"))?;
    let open = factory.open_with_u32(DATABASE, 1)?;
    let created = Rc::new(Cell::new(false));
    let upgraded = created.clone();
    let upgrade = Closure::once_into_js(move |ev: web_sys::Event| {
        let db = ev
            .target()
            .and_then(|t| t.dyn_into::<IdbRequest>().ok())
            .and_then(|r| r.result().ok())
            .map(|db| db.unchecked_into::<IdbDatabase>());
        if let Some(db) = db {
            let _ = db.create_object_store(STORE);
            upgraded.set(true);
        }
    });
    open.set_onupgradeneeded(Some(upgrade.unchecked_ref()));
    Ok(Connection::Opening(open, created))
}

/// The connection asked for; `None` when the page found no database yet
/// (so nothing is kept: the first copy kept creates it).
async fn connected(connection: Connection) -> Result<Option<Connected>, JsValue> {
    let (db, empty) = match connection {
        Connection::Open(db) => return Ok(Some(Connected { db, empty: false })),
        Connection::AskedByPage(asked) => {
            let found = JsFuture::from(asked).await?;
            let empty = js_sys::Reflect::get(&found, &"empty".into())?.is_truthy();
            match js_sys::Reflect::get(&found, &"db".into())?.dyn_into::<IdbDatabase>() {
                Ok(db) => (db, empty),
                Err(_) if empty => return Ok(None),
                Err(e) => return Err(e),
            }
        }
        Connection::Opening(open, created) => (request(&open).await?.unchecked_into(), created.get()),
    };
    OPEN.with(|o| *o.borrow_mut() = Some(db.clone()));
    Ok(Some(Connected { db, empty }))
}

/// The connection, the database created if there is none.
async fn database() -> Result<IdbDatabase, JsValue> {
    if let Some(c) = connected(connect()?).await? {
        return Ok(c.db);
    }
    // The page's request is taken: this one opens (creates) the database.
    connected(connect()?)
        .await?
        .map(|c| c.db)
        .ok_or_else(|| JsValue::from_str("no database"))
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

/// Every self-check kept aside: its id and record text. The database is
/// asked for when this is called, not when it is awaited, so that opening
/// it overlaps the app's own start.
pub fn all() -> impl std::future::Future<Output = Vec<(String, String)>> {
    let connection = connect();
    async move {
        let read = async {
            let Some(Connected { db, empty: false }) = connected(connection?).await? else {
                // No database, or one just created: nothing is kept.
                return Ok(Vec::new());
            };
            let store = db
                .transaction_with_str_and_mode(STORE, IdbTransactionMode::Readonly)?
                .object_store(STORE)?;
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
