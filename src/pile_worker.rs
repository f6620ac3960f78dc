//! The desk's worker (trunk builds it as a web worker, `mofan-pile`): the
//! files worker's work, and the 支部汇总 desk's files held, combined and
//! sorted (see `core::exchange::pile`). Only the desk's page starts it, so
//! the member's files worker carries none of the combining.

#[cfg(target_arch = "wasm32")]
thread_local! {
    /// The desk's self-checks: each page has its own worker, so one pile a worker.
    static PILE: std::cell::RefCell<mofan::core::exchange::pile::Pile> = std::cell::RefCell::default();
}

#[cfg(target_arch = "wasm32")]
fn main() {
    // Files that are not UTF-8 are decoded, and names collated, by the worker's own browser.
    mofan::worker::serve(|message| {
        mofan::core::exchange::file_jobs::answer_with(message, |job| {
            PILE.with(|pile| job.run_on_pile(&mut pile.borrow_mut(), mofan::files::AIDS))
        })
    });
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("这是模范支部汇总页的文件处理模块，只在浏览器中由应用启动。");
}
