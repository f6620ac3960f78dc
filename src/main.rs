//! The app (in the browser) and the command line (natively, see `mofan::cli`).

#[cfg(target_arch = "wasm32")]
fn main() {
    mofan::ui::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    mofan::cli::main()
}
