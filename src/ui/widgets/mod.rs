//! The pieces screens are made of: an item's card, the section tabs, the
//! radar chart, the file picker, 长辈模式's one-item steps, its switch and
//! 读给我听, and the home page's panels (我是, new self-check, template
//! import, review import, backup).

pub mod backup;
pub mod elder_steps;
pub mod elder_toggle;
pub mod file_pick;
pub mod item_card;
pub mod notice;
pub mod particulars;
pub mod radar;
pub mod read_aloud;
pub mod review_import;
pub mod role_pick;
pub mod round_field;
pub mod section_nav;
pub mod start_form;
pub mod template_import;
pub mod who_fields;
