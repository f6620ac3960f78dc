//! `mofan combine`: the branch desk's combined view of any number of result
//! and branch files, read and checked in parallel, with the same checks,
//! duplicates and roster as the desk. A bad file is listed with why, and
//! the rest are combined.

use super::args::{CombineArgs, LevelArg};
use super::disk::{imported_templates, progress, read_text, result_paths, shown};
use crate::core::exchange::branch::{
    main_template, most_common_text, parse_roster, Combined, Level, SortKey, Submission,
};
use crate::core::exchange::file_jobs::FileRead;
use crate::core::exchange::report_csv::combined_to_csv;
use crate::core::exchange::report_xlsx::combined_to_xlsx;
use crate::core::exchange::result_file::{encode_branch, Opener};
use crate::core::exchange::text_file::RESULT_FILE;
use crate::core::template::builtin::builtins;
use crate::core::template::format::Template;
use crate::core::template::library::find;
use indicatif::ParallelProgressIterator;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Every file read and checked, in the order given: its name and what it brought in.
pub fn read_all(paths: &[PathBuf], imported: &[Template]) -> Vec<(String, FileRead)> {
    let builtin: Vec<&Template> = builtins().iter().collect();
    let imported: Vec<&Template> = imported.iter().collect();
    let lookup = |id: &str, v: u32| find(&builtin, &imported, id, v);
    let bar = progress(paths.len());
    let read = paths
        .par_iter()
        .progress_with(bar.clone())
        // One opener per thread: each template's fingerprint is worked out once there.
        .map_init(
            || Opener::new(lookup),
            |opener, path| {
                let name = shown(path);
                let read = match read_text(path, RESULT_FILE) {
                    Ok(text) => FileRead::open(opener, &name, &text),
                    Err(why) => FileRead::Refused(why),
                };
                (name, read)
            },
        )
        .collect();
    bar.finish_and_clear();
    read
}

pub fn run(args: &CombineArgs) -> ExitCode {
    let Some(imported) = imported_templates(&args.templates) else {
        return ExitCode::FAILURE;
    };
    let (paths, mut refused) = result_paths(&args.inputs);
    let mut subs: Vec<Submission> = Vec::new();
    for (name, read) in read_all(&paths, &imported) {
        match read {
            FileRead::Submissions { submissions, .. } => subs.extend(submissions),
            FileRead::Refused(why) => refused.push((name, why)),
        }
    }
    let files = paths.len();
    println!(
        "读取 {files} 个文件：导入 {} 份自查，未接受 {} 个文件",
        subs.len(),
        refused.len()
    );
    for (file, why) in &refused {
        eprintln!("未接受 {file}：{why}");
    }
    let builtin: Vec<&Template> = builtins().iter().collect();
    let imported_refs: Vec<&Template> = imported.iter().collect();
    let Some(template) = main_template(&subs).and_then(|(id, v)| find(&builtin, &imported_refs, &id, v)) else {
        eprintln!("没有可汇总的自查：请检查所给的文件夹中是否有模范导出的结果文件");
        return ExitCode::FAILURE;
    };
    let roster = match &args.roster {
        None => Vec::new(),
        Some(path) => match read_text(path, RESULT_FILE) {
            Ok(text) => parse_roster(&text),
            Err(why) => {
                eprintln!("名单 {}：{why}", shown(path));
                return ExitCode::FAILURE;
            }
        },
    };
    let level = match args.level {
        Some(LevelArg::Member) => Level::Member,
        Some(LevelArg::Branch) => Level::Branch,
        None => Level::suggested(&subs),
    };
    let mut combined = Combined::build(template, &subs, &roster, level);
    combined.sort_rows(SortKey::Total, true);
    let branch = args
        .branch
        .clone()
        .unwrap_or_else(|| most_common_text(subs.iter().map(|s| s.branch.as_str())));
    report(template, &combined);

    let mut written = true;
    if let Some(path) = &args.csv {
        written &= write(path, combined_to_csv(template, &combined).as_bytes());
    }
    if let Some(path) = &args.xlsx {
        let date = chrono::Local::now().format("%Y-%m-%d %H:%M").to_string();
        match combined_to_xlsx(template, &combined, &combined.rows, &combined.scope(&branch), &date) {
            Ok(bytes) => written &= write(path, &bytes),
            Err(why) => {
                eprintln!("{}：{why}", shown(path));
                written = false;
            }
        }
    }
    if let Some(path) = &args.json {
        let content = combined.branch_content(template, &subs, &branch, roster);
        let now = chrono::Local::now().timestamp_millis();
        written &= write(path, encode_branch(&content, now).as_bytes());
    }
    if written {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// The view in words: the checklist, the members, the averages, the
/// grades, duplicates, who is missing and files for another checklist.
fn report(t: &Template, c: &Combined) {
    println!("评分表：{}（第{}版）", t.title, t.version);
    let by = if c.level == Level::Branch {
        "按支部"
    } else {
        "按党员"
    };
    print!("{by}汇总 {} 人，自评平均 {}", c.members, c.average_total);
    match &c.average_review_total {
        Some(avg) => println!("，审核平均（{}人）{avg}", c.reviewed),
        None => println!("，尚无审核"),
    }
    let grades: Vec<String> = c
        .distribution
        .iter()
        .map(|g| format!("{} {} / {}", g.grade, g.self_count, g.review_count))
        .collect();
    println!("等次分布（自评 / 审核人数）：{}", grades.join(" · "));
    if !c.duplicates.is_empty() {
        println!("重复提交 {} 处，已按最近编辑时间保留一份：", c.duplicates.len());
        for d in &c.duplicates {
            println!(
                "  {}（{}）：保留“{}”，未计入“{}”",
                d.who,
                d.round,
                d.kept,
                d.dropped.join("”“")
            );
        }
    }
    if !c.missing.is_empty() {
        println!("未提交（{}）：{}", c.missing.len(), c.missing.join("、"));
    }
    for note in &c.invisible {
        println!("{note}");
    }
    for (file, why) in &c.refused {
        eprintln!("未计入 {file}：{why}");
    }
}

/// Writes `bytes` to `path`, saying so, or saying why not.
fn write(path: &Path, bytes: &[u8]) -> bool {
    match std::fs::write(path, bytes) {
        Ok(()) => {
            println!("已写入 {}", shown(path));
            true
        }
        Err(e) => {
            eprintln!("无法写入 {}：{e}", shown(path));
            false
        }
    }
}
