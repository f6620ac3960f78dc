//! What the address shows: the home page, a self-check being filled in or
//! reviewed, its summary and printed page, and the 支部汇总 desk.

pub mod branch;
pub mod editor;
pub mod home;
pub mod summary;
