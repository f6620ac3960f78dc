//! Mofan (模范): offline self-checks for the model-organ campaign.
//!
//! `core` is plain Rust and builds everywhere; `cli` (the command line)
//! exists only natively, `store` and `ui` only in the browser build.

pub mod core;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;

#[cfg(target_arch = "wasm32")]
pub mod files;
#[cfg(target_arch = "wasm32")]
pub mod files_module;
#[cfg(target_arch = "wasm32")]
pub mod pending;
#[cfg(target_arch = "wasm32")]
pub mod speech;
#[cfg(target_arch = "wasm32")]
pub mod store;
#[cfg(target_arch = "wasm32")]
pub mod ui;
#[cfg(target_arch = "wasm32")]
pub mod worker;
