//! The checklists shipped with the app: files in `templates/`, compiled in.

use super::template::Template;

/// Raw text of every built-in template, newest version of each first.
pub const BUILTIN_TEMPLATE_FILES: &[(&str, &str)] = &[
    ("liuge-mofan.json", include_str!("../../templates/liuge-mofan.json")),
    // Version 1, kept so self-checks made with it open with the rules they were made with.
    (
        "liuge-mofan.v1.json",
        include_str!("../../templates/liuge-mofan.v1.json"),
    ),
    (
        "dzb-biaozhunhua.json",
        include_str!("../../templates/dzb-biaozhunhua.json"),
    ),
    ("shuji-shuzhi.json", include_str!("../../templates/shuji-shuzhi.json")),
    ("sanyan-sanshi.json", include_str!("../../templates/sanyan-sanshi.json")),
    ("hege-dangyuan.json", include_str!("../../templates/hege-dangyuan.json")),
    (
        "congyan-zuofeng.json",
        include_str!("../../templates/congyan-zuofeng.json"),
    ),
];

/// Parses the built-in templates. They are validated by the native tests, so
/// a failure here is a build defect; it is skipped rather than crashing.
pub fn builtin_templates() -> Vec<Template> {
    BUILTIN_TEMPLATE_FILES
        .iter()
        .filter_map(|(_, text)| Template::from_json(text).ok())
        .collect()
}
