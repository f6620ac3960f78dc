//! What every layer uses and that knows nothing of checklists: exact
//! decimal points, Chinese numbering, names as they read, one compiled copy
//! of the standard sort, digits as an input method types them, CSV as Excel writes it, and serde_json's problems
//! said in Chinese. Imports nothing of `core`.

pub mod csv;
pub mod json_problem;
pub mod names;
pub mod numbering;
pub mod points;
pub mod sorted;
pub mod typed;
