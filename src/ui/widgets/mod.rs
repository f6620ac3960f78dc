//! The pieces screens are made of: an item's card, the section tabs, the
//! radar chart, the file picker, and the home page's panels (new
//! self-check, template import, review import, backup).

pub mod backup;
pub mod file_pick;
pub mod item_card;
pub mod radar;
pub mod review_import;
pub mod section_nav;
pub mod start_form;
pub mod template_import;
