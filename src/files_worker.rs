//! The files worker (trunk builds it as a web worker, `mofan-files`): a
//! second wasm module, fetched the first time a user imports or exports a
//! spreadsheet, result, backup or template file (see `core::exchange::file_jobs`).

#[cfg(target_arch = "wasm32")]
thread_local! {
    /// The desk's self-checks (see `core::exchange::pile`): each page has
    /// its own worker, so one pile a worker.
    static PILE: std::cell::RefCell<mofan::core::exchange::pile::Pile> = std::cell::RefCell::default();
}

#[cfg(target_arch = "wasm32")]
fn main() {
    // Files that are not UTF-8 are decoded, and names collated, by the worker's own browser.
    mofan::worker::serve(|message| {
        mofan::core::exchange::file_jobs::answer_with(message, |job| {
            PILE.with(|pile| job.run_with(&mut pile.borrow_mut(), mofan::files::AIDS))
        })
    });
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("这是模范的文件处理模块，只在浏览器中由应用启动。");
}
