//! `mofan` on the command line, for the IT staff of a system that collects
//! thousands of result files: `combine` (the branch desk's view, in
//! parallel), `check` (template files, as the import checks them) and
//! `summary` (one file's scores). A thin layer over `core`, as the UI is;
//! native only, so none of it reaches a wasm module. Messages are in
//! Chinese, as the app's are.

mod args;
mod check;
mod combine;
mod disk;
mod summary;

use clap::Parser;
use std::process::ExitCode;

/// Runs the command the arguments name.
pub fn main() -> ExitCode {
    match args::Cli::parse().command {
        args::Command::Combine(a) => combine::run(&a),
        args::Command::Check(a) => check::run(&a),
        args::Command::Summary(a) => summary::run(&a),
    }
}
