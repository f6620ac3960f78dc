//! Mofan (模范): offline self-checks for the model-organ campaign.
//!
//! `core` is plain Rust and builds everywhere; `store` and `ui` exist only in
//! the browser build.

pub mod core;

#[cfg(target_arch = "wasm32")]
pub mod files;
#[cfg(target_arch = "wasm32")]
pub mod files_module;
#[cfg(target_arch = "wasm32")]
pub mod pending;
#[cfg(target_arch = "wasm32")]
pub mod store;
#[cfg(target_arch = "wasm32")]
pub mod ui;
#[cfg(target_arch = "wasm32")]
pub mod worker;
