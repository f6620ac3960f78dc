//! The workers from the page's side (see `core::exchange::file_jobs`): the
//! files worker (CSV, result files, backups), the desk's worker (the same
//! work, and the desk's files held and combined, see `core::exchange::pile`)
//! and the Excel worker
//! (calamine and rust_xlsxwriter, see `core::exchange::workbook_jobs`), each
//! started the first time a job for it is sent (or when a page that will
//! need it opens, see [`warm_up`] and [`warm_up_pile`]), then kept for the page's
//! life. Each job is one message, its outcome a promise settled by the
//! worker's reply.
//!
//! The single-file build carries the workers inside the page and gives
//! functions, `mofanFilesWorker`, `mofanPileWorker` and `mofanExcelWorker`,
//! that start them from a blob (a worker cannot be loaded from `file://`);
//! otherwise they are `mofan-files_loader.js`, `mofan-pile_loader.js` and
//! `mofan-excel_loader.js`.

use crate::core::exchange::file_jobs::{self, Job, Outcome, READY};
use crate::files::FileError;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Settles one promise.
struct Settle {
    resolve: js_sys::Function,
    reject: js_sys::Function,
}

/// A promise and the functions that settle it.
fn promise() -> (js_sys::Promise, Settle) {
    let mut settle = None;
    let promise = js_sys::Promise::new(&mut |resolve, reject| settle = Some(Settle { resolve, reject }));
    // The executor runs before `Promise::new` returns, so `settle` is set;
    // were it not, calling `undefined` only returns an error.
    let settle = settle.unwrap_or_else(|| Settle {
        resolve: JsValue::UNDEFINED.unchecked_into(),
        reject: JsValue::UNDEFINED.unchecked_into(),
    });
    (promise, settle)
}

struct Module {
    worker: web_sys::Worker,
    /// Settled when the worker says it is ready, or fails to load.
    ready: js_sys::Promise,
    /// Jobs sent and not yet answered, by id; each settled with its outcome.
    waiting: Rc<RefCell<HashMap<u32, Settle>>>,
    /// The outcomes replied, by id, until their job takes them.
    replied: Rc<RefCell<HashMap<u32, Outcome>>>,
    next_id: Cell<u32>,
}

/// Which worker a job goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Files,
    /// The desk's: the files worker's work and the desk's pile.
    Pile,
    Excel,
}

impl Kind {
    fn of(job: &Job) -> Kind {
        if job.needs_workbooks() {
            Kind::Excel
        } else if job.needs_pile() {
            Kind::Pile
        } else {
            Kind::Files
        }
    }

    /// The single-file build's function that starts it, and its loader script otherwise.
    fn start(self) -> (&'static str, &'static str) {
        match self {
            Kind::Files => ("mofanFilesWorker", "./mofan-files_loader.js"),
            Kind::Pile => ("mofanPileWorker", "./mofan-pile_loader.js"),
            Kind::Excel => ("mofanExcelWorker", "./mofan-excel_loader.js"),
        }
    }

    fn not_loaded(self) -> FileError {
        FileError(match self {
            Kind::Files | Kind::Pile => {
                "无法加载文件处理模块，请检查网络连接后重试（离线使用前需在联网时打开过一次）".into()
            }
            Kind::Excel => "无法加载Excel模块，请检查网络连接后重试（离线使用前需在联网时用过一次Excel功能），\
                            或改用CSV：导入另存为CSV的表格，导出时选“导出CSV”"
                .into(),
        })
    }
}

// The connections, opened on first use: a cache, not app state (what the app
// shares goes through context; see `crate::ui::state`).
thread_local! {
    static MODULES: RefCell<Vec<(Kind, Rc<Module>)>> = const { RefCell::new(Vec::new()) };
}

fn start_worker(kind: Kind) -> Result<web_sys::Worker, JsValue> {
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    let (function, loader) = kind.start();
    let make = js_sys::Reflect::get(&window, &JsValue::from_str(function))?;
    match make.dyn_ref::<js_sys::Function>() {
        Some(make) => make.call0(&JsValue::NULL)?.dyn_into(),
        None => web_sys::Worker::new(loader),
    }
}

/// The worker of `kind`, started now if it is not running yet.
fn module(kind: Kind) -> Result<Rc<Module>, FileError> {
    let running = MODULES.with(|m| m.borrow().iter().find(|(k, _)| *k == kind).map(|(_, m)| m.clone()));
    if let Some(m) = running {
        return Ok(m);
    }
    let worker = start_worker(kind).map_err(|_| kind.not_loaded())?;
    let (ready, ready_settle) = promise();
    let ready_settle = Rc::new(ready_settle);
    let on_ready = ready_settle.clone();
    let waiting: Rc<RefCell<HashMap<u32, Settle>>> = Rc::default();
    let replied: Rc<RefCell<HashMap<u32, Outcome>>> = Rc::default();
    let (replies, outcomes) = (waiting.clone(), replied.clone());
    let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |msg: web_sys::MessageEvent| {
        let data = msg.data();
        if data.as_string().as_deref() == Some(READY) {
            let _ = on_ready.resolve.call0(&JsValue::NULL);
            return;
        }
        let Some(reply) = file_jobs::reply(crate::worker::received(&data)) else {
            return;
        };
        // Id 0 answers a message the worker could not read: every job waiting gets it.
        let settled: Vec<(u32, Settle, Outcome)> = if reply.id == 0 {
            let outcome = reply.outcome;
            replies
                .borrow_mut()
                .drain()
                .map(|(id, s)| (id, s, outcome.clone()))
                .collect()
        } else {
            let settle = replies.borrow_mut().remove(&reply.id);
            settle.map(|s| (reply.id, s, reply.outcome)).into_iter().collect()
        };
        for (id, s, outcome) in settled {
            outcomes.borrow_mut().insert(id, outcome);
            let _ = s.resolve.call0(&JsValue::NULL);
        }
    });
    let failed = waiting.clone();
    let on_error = Closure::<dyn Fn(web_sys::ErrorEvent)>::new(move |ev: web_sys::ErrorEvent| {
        ev.prevent_default();
        // Rejecting a promise already resolved does nothing.
        let _ = ready_settle.reject.call0(&JsValue::NULL);
        for (_, s) in failed.borrow_mut().drain() {
            let _ = s.reject.call0(&JsValue::NULL);
        }
        // The next job tries to start it again.
        MODULES.with(|m| m.borrow_mut().retain(|(k, _)| *k != kind));
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    // Both live as long as the worker.
    on_message.forget();
    on_error.forget();
    let m = Rc::new(Module {
        worker,
        ready,
        waiting,
        replied,
        next_id: Cell::new(1),
    });
    MODULES.with(|slot| slot.borrow_mut().push((kind, m.clone())));
    Ok(m)
}

/// Starts the files worker now, so that the first job does not wait for
/// its module to be fetched and compiled. A worker that fails to start is
/// reported by that job, which tries again.
pub fn warm_up() {
    let _ = module(Kind::Files);
}

/// Starts the desk's worker now (see [`warm_up`]).
pub fn warm_up_pile() {
    let _ = module(Kind::Pile);
}

/// Runs `job` in its worker (starting it first if needed) and returns its outcome.
pub async fn run(job: Job) -> Result<Outcome, FileError> {
    run_with_files(job, &[]).await
}

/// Runs `job` with `files`, picked result files, read here and handed to
/// the worker as they are (see `crate::files::read_picked`), and returns its outcome.
pub async fn run_with_files(job: Job, files: &[web_sys::File]) -> Result<Outcome, FileError> {
    send_with_files(job, files).await?.outcome().await
}

/// Sends `job` with `files` (as [`run_with_files`] does) and returns once
/// it is sent, with its answer to come: the page can read the next files
/// while the worker does this job.
pub async fn send_with_files(job: Job, files: &[web_sys::File]) -> Result<Answer, FileError> {
    let files = match files {
        [] => None,
        files => Some(crate::files::read_picked(files).await),
    };
    let kind = Kind::of(&job);
    let not_loaded = || kind.not_loaded();
    let m = module(kind)?;
    JsFuture::from(m.ready.clone()).await.map_err(|_| not_loaded())?;
    let id = m.next_id.replace(m.next_id.get() + 1);
    let (answered, settle) = promise();
    m.waiting.borrow_mut().insert(id, settle);
    // A job given up (its answer dropped: a cancelled import) waits no more,
    // so its reply, when it comes, is not kept for anyone.
    let given_up = GiveUp { module: m, id };
    crate::worker::post(file_jobs::request(id, job), files.as_ref(), |msg, transfer| {
        given_up.module.worker.post_message_with_transfer(msg, transfer)
    })
    .map_err(|_| not_loaded())?;
    Ok(Answer {
        answered: JsFuture::from(answered),
        given_up,
        kind,
    })
}

/// The answer to a job sent, to come.
pub struct Answer {
    answered: JsFuture,
    given_up: GiveUp,
    kind: Kind,
}

impl Answer {
    pub async fn outcome(self) -> Result<Outcome, FileError> {
        let not_loaded = || self.kind.not_loaded();
        self.answered.await.map_err(|_| not_loaded())?;
        let outcome = self.given_up.module.replied.borrow_mut().remove(&self.given_up.id);
        outcome.ok_or_else(not_loaded)
    }
}

/// Forgets job `id` when dropped, answered or not.
struct GiveUp {
    module: Rc<Module>,
    id: u32,
}

impl Drop for GiveUp {
    fn drop(&mut self) {
        self.module.waiting.borrow_mut().remove(&self.id);
        self.module.replied.borrow_mut().remove(&self.id);
    }
}

/// The refusal for an outcome that does not answer the job sent.
pub fn unexpected() -> FileError {
    FileError("文件处理模块的回答有误，请刷新页面后重试".into())
}

/// Why a job did not give the outcome asked for: its refusal, an outcome
/// that does not answer it, or a worker that could not be reached.
pub fn why_not(outcome: Result<Outcome, FileError>) -> FileError {
    match outcome {
        Ok(Outcome::Refused(problems)) => FileError(problems.join("；")),
        Ok(_) => unexpected(),
        Err(e) => e,
    }
}

/// What to say while `job` runs: a workbook may wait for the Excel module
/// to be fetched the first time.
pub fn working_on(job: &Job) -> String {
    if job.needs_workbooks() {
        "正在生成Excel文件…（首次使用需先加载Excel模块，请稍候）".into()
    } else {
        "正在生成文件…".into()
    }
}

/// Makes a file with `job` in the worker and offers it as a download named
/// `name` (made safe for Windows).
pub async fn download(name: &str, mime: &str, job: Job) -> Result<(), FileError> {
    match run(job).await? {
        Outcome::Text(text) => crate::files::download(&crate::files::safe_file_name(name), mime, &text),
        Outcome::Bytes { bytes } => crate::files::download_bytes(&crate::files::safe_file_name(name), mime, &bytes),
        other => Err(why_not(Ok(other))),
    }
}
