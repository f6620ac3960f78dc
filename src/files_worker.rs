//! The files worker (trunk builds it as a web worker, `mofan-files`): a
//! second wasm module, fetched the first time a user imports or exports a
//! spreadsheet, result, backup or template file (see `core::exchange::file_jobs`).

#[cfg(target_arch = "wasm32")]
fn main() {
    // Files that are not UTF-8 are decoded by the worker's own TextDecoder.
    mofan::worker::serve(|message| {
        mofan::core::exchange::file_jobs::answer_with(message, |job| job.run_with(mofan::files::AIDS))
    });
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("这是模范的文件处理模块，只在浏览器中由应用启动。");
}
