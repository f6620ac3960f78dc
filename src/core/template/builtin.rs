//! The checklists shipped with the app: files in `templates/`, compiled in
//! without their indentation (build.rs).

use crate::core::template::format::Template;

/// Raw text of every built-in template, newest version of each first. Older
/// versions (`*.v1.json`) are kept so self-checks made with them open with
/// the rules they were made with.
pub const BUILTIN_TEMPLATE_FILES: &[(&str, &str)] = &[
    (
        "liuge-mofan.json",
        include_str!(concat!(env!("OUT_DIR"), "/liuge-mofan.json")),
    ),
    (
        "liuge-mofan.v2.json",
        include_str!(concat!(env!("OUT_DIR"), "/liuge-mofan.v2.json")),
    ),
    (
        "liuge-mofan.v1.json",
        include_str!(concat!(env!("OUT_DIR"), "/liuge-mofan.v1.json")),
    ),
    (
        "dzb-biaozhunhua.json",
        include_str!(concat!(env!("OUT_DIR"), "/dzb-biaozhunhua.json")),
    ),
    (
        "dzb-biaozhunhua.v1.json",
        include_str!(concat!(env!("OUT_DIR"), "/dzb-biaozhunhua.v1.json")),
    ),
    (
        "shuji-shuzhi.json",
        include_str!(concat!(env!("OUT_DIR"), "/shuji-shuzhi.json")),
    ),
    (
        "shuji-shuzhi.v1.json",
        include_str!(concat!(env!("OUT_DIR"), "/shuji-shuzhi.v1.json")),
    ),
    (
        "xingji-dzb.json",
        include_str!(concat!(env!("OUT_DIR"), "/xingji-dzb.json")),
    ),
    (
        "qinglian-jiguan.json",
        include_str!(concat!(env!("OUT_DIR"), "/qinglian-jiguan.json")),
    ),
    (
        "sanyan-sanshi.json",
        include_str!(concat!(env!("OUT_DIR"), "/sanyan-sanshi.json")),
    ),
    (
        "sanyan-sanshi.v1.json",
        include_str!(concat!(env!("OUT_DIR"), "/sanyan-sanshi.v1.json")),
    ),
    (
        "hege-dangyuan.json",
        include_str!(concat!(env!("OUT_DIR"), "/hege-dangyuan.json")),
    ),
    (
        "hege-dangyuan.v1.json",
        include_str!(concat!(env!("OUT_DIR"), "/hege-dangyuan.v1.json")),
    ),
    (
        "minzhu-pingyi.json",
        include_str!(concat!(env!("OUT_DIR"), "/minzhu-pingyi.json")),
    ),
    (
        "congyan-zuofeng.json",
        include_str!(concat!(env!("OUT_DIR"), "/congyan-zuofeng.json")),
    ),
    (
        "congyan-zuofeng.v1.json",
        include_str!(concat!(env!("OUT_DIR"), "/congyan-zuofeng.v1.json")),
    ),
];

/// Parses the built-in templates. They are validated by the native tests
/// (with every problem's line, through `Template::from_json`), so a failure
/// here is a build defect; such a template is skipped rather than crashing.
pub fn builtin_templates() -> Vec<Template> {
    BUILTIN_TEMPLATE_FILES
        .iter()
        .filter_map(|(_, text)| serde_json::from_str::<Template>(text).ok())
        .filter(|t| t.problems().is_empty())
        .collect()
}

/// The built-in templates, parsed once for the life of the program.
pub fn builtins() -> &'static [Template] {
    static PARSED: std::sync::OnceLock<Vec<Template>> = std::sync::OnceLock::new();
    PARSED.get_or_init(builtin_templates)
}
