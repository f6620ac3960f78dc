//! The checklists shipped with the app: files in `templates/`, compiled in
//! without their indentation (build.rs).

use crate::core::template::format::Template;

/// The named files in `templates/`, each with its text as build.rs compacted it.
macro_rules! built_in {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!(env!("OUT_DIR"), "/", $name)))),*]
    };
}

/// Raw text of the newest version of every built-in template: what the
/// member's app carries.
pub const CURRENT_TEMPLATE_FILES: &[(&str, &str)] = built_in![
    "liuge-mofan.json",
    "dzb-biaozhunhua.json",
    "shuji-shuzhi.json",
    "xingji-dzb.json",
    "qinglian-jiguan.json",
    "sanyan-sanshi.json",
    "hege-dangyuan.json",
    "minzhu-pingyi.json",
    "congyan-zuofeng.json",
];

/// Raw text of the older versions (`*.v1.json`, …), kept so self-checks made
/// with them open with the rules they were made with. The member's app does
/// not carry them: it asks the files worker for them the first time a
/// self-check needs one (see `ui::state::library`).
pub const EARLIER_TEMPLATE_FILES: &[(&str, &str)] = built_in![
    "liuge-mofan.v2.json",
    "liuge-mofan.v1.json",
    "dzb-biaozhunhua.v1.json",
    "shuji-shuzhi.v1.json",
    "sanyan-sanshi.v1.json",
    "hege-dangyuan.v1.json",
    "congyan-zuofeng.v1.json",
];

/// Every built-in template file, the newest versions first.
pub fn builtin_template_files() -> impl Iterator<Item = &'static (&'static str, &'static str)> {
    CURRENT_TEMPLATE_FILES.iter().chain(EARLIER_TEMPLATE_FILES)
}

/// Parses built-in template files. They are validated by the native tests
/// (with every problem's line, through `Template::from_json`), so a failure
/// here is a build defect; such a template is skipped rather than crashing.
fn parse<'a>(files: impl Iterator<Item = &'a (&'a str, &'a str)>) -> Vec<Template> {
    files
        .filter_map(|(_, text)| serde_json::from_str::<Template>(text).ok())
        .filter(|t| t.problems().is_empty())
        .collect()
}

/// Every built-in template, every version, the newest versions first.
pub fn builtin_templates() -> Vec<Template> {
    parse(builtin_template_files())
}

/// The older versions of the built-in templates, as the files worker sends
/// them to the member's app.
pub fn earlier_builtin_templates() -> Vec<Template> {
    parse(EARLIER_TEMPLATE_FILES.iter())
}

/// Every built-in template, parsed once for the life of the program: what
/// the workers and the desk use.
pub fn builtins() -> &'static [Template] {
    static PARSED: std::sync::OnceLock<Vec<Template>> = std::sync::OnceLock::new();
    PARSED.get_or_init(builtin_templates)
}

/// The newest version of each built-in template, parsed once: what the
/// member's app starts with (see [`EARLIER_TEMPLATE_FILES`]).
pub fn current_builtins() -> &'static [Template] {
    static PARSED: std::sync::OnceLock<Vec<Template>> = std::sync::OnceLock::new();
    PARSED.get_or_init(|| parse(CURRENT_TEMPLATE_FILES.iter()))
}
