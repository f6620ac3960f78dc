//! The Excel worker (trunk builds it as a web worker, `mofan-excel`): a third
//! wasm module, fetched the first time a user imports or exports a workbook,
//! so that neither the app nor the files worker carries calamine and
//! rust_xlsxwriter (see `core::exchange::workbook_jobs`).

#[cfg(target_arch = "wasm32")]
fn main() {
    mofan::worker::serve(mofan::core::exchange::workbook_jobs::answer);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("这是模范的Excel处理模块，只在浏览器中由应用启动。");
}
