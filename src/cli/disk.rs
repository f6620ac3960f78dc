//! Files on disk as the app reads picked files: size checked first, text
//! decoded as the browser decodes it (GB18030 by encoding_rs here, refusing
//! what is not), templates read by the reader their name or bytes call for.

use crate::core::exchange::folder::is_result_name;
use crate::core::exchange::text_file::{decode, may_be_workbook, Expected, TEMPLATE_FILE};
use crate::core::template::format::Template;
use crate::core::template::library::read_template_file;
use crate::core::template::workbook::{sheet_names, template_from_workbook};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::path::{Path, PathBuf};

/// A path as the user gave it, for messages.
pub fn shown(path: &Path) -> String {
    path.display().to_string()
}

/// The bytes of a file, refused unread when heavier than `expected` allows.
pub fn read_bytes(path: &Path, expected: Expected) -> Result<Vec<u8>, String> {
    let size = std::fs::metadata(path).map_err(|e| unreadable(&e))?.len();
    expected.refuse_size(size as f64)?;
    std::fs::read(path).map_err(|e| unreadable(&e))
}

/// The text of a file (see `core::exchange::text_file::decode`).
pub fn read_text(path: &Path, expected: Expected) -> Result<String, String> {
    decode(&read_bytes(path, expected)?, gb18030).map_err(|e| e.to_string())
}

fn unreadable(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "找不到这个文件".into(),
        std::io::ErrorKind::PermissionDenied => "没有读取这个文件的权限".into(),
        _ => format!("无法读取文件（{e}）"),
    }
}

/// GB18030 with replacement off: bytes that are not GB18030 are refused.
fn gb18030(bytes: &[u8]) -> Option<String> {
    encoding_rs::GB18030
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|text| text.into_owned())
}

/// A template file: a workbook (.xlsx, .xls, .ods) on `sheet` or on its
/// only sheet, else JSON or CSV. Every problem, in Chinese.
pub fn read_template(path: &Path, sheet: Option<&str>) -> Result<Template, Vec<String>> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let bytes = read_bytes(path, TEMPLATE_FILE).map_err(|e| vec![e])?;
    if may_be_workbook(&bytes) {
        let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
        if sheet.is_none() {
            let names = sheet_names(&bytes).map_err(|e| vec![e])?;
            if names.len() > 1 {
                return Err(vec![format!(
                    "工作簿有 {} 个工作表（{}），请用 --sheet 指定评分表所在的工作表",
                    names.len(),
                    names.join("、")
                )]);
            }
        }
        return template_from_workbook(&bytes, sheet, stem)
            .map_err(|errors| errors.iter().map(ToString::to_string).collect());
    }
    let text = decode(&bytes, gb18030).map_err(|e| vec![e.to_string()])?;
    read_template_file(&name, &text).map(|file| file.template)
}

/// The templates given with `--template`, or every problem, each under its file.
fn read_templates(paths: &[PathBuf]) -> Result<Vec<Template>, Vec<String>> {
    let mut templates = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        match read_template(path, None) {
            Ok(t) => templates.push(t),
            Err(found) => problems.extend(found.into_iter().map(|p| format!("{}：{p}", shown(path)))),
        }
    }
    if problems.is_empty() {
        Ok(templates)
    } else {
        Err(problems)
    }
}

/// The templates given with `--template`; `None`, having said every problem
/// on standard error, when any of them is wrong (nothing is combined or
/// scored against a checklist that does not read).
pub fn imported_templates(paths: &[PathBuf]) -> Option<Vec<Template>> {
    read_templates(paths)
        .map_err(|problems| {
            eprintln!("评分表文件有误：");
            problems.iter().for_each(|p| eprintln!("  {p}"));
        })
        .ok()
}

/// Every `.json` file under the inputs (a directory is walked to the
/// bottom, in name order; a file is taken as given), and the inputs that
/// could not be read, with why.
pub fn result_paths(inputs: &[PathBuf]) -> (Vec<PathBuf>, Vec<(String, String)>) {
    let mut found = Vec::new();
    let mut bad = Vec::new();
    for input in inputs {
        if !input.is_dir() {
            if input.exists() {
                found.push(input.clone());
            } else {
                bad.push((shown(input), "找不到这个文件或文件夹".to_string()));
            }
            continue;
        }
        for entry in walkdir::WalkDir::new(input).sort_by_file_name() {
            match entry {
                Ok(e) if e.file_type().is_file() && is_json(e.path()) => found.push(e.into_path()),
                Ok(_) => {}
                Err(e) => bad.push((
                    e.path().map(shown).unwrap_or_else(|| shown(input)),
                    format!("无法读取这个文件夹（{e}）"),
                )),
            }
        }
    }
    (found, bad)
}

/// Named `*.json`, as the desk takes the files of a folder.
fn is_json(path: &Path) -> bool {
    path.file_name().is_some_and(|n| is_result_name(&n.to_string_lossy()))
}

/// A bar of `len` files read, drawn on standard error only when it is a
/// terminal (indicatif hides it otherwise).
pub fn progress(len: usize) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("已读 {human_pos} / {human_len} {wide_bar} {elapsed}") {
        bar.set_style(style);
    }
    bar
}
