//! `mofan summary`: one result file's scores, section by section, as its
//! printed page sums them; a branch file's members, one line each.

use super::args::SummaryArgs;
use super::disk::{imported_templates, read_text, shown};
use crate::core::assessment::answers::Assessment;
use crate::core::assessment::summary::Summary;
use crate::core::exchange::result_file::{open, Opened};
use crate::core::exchange::text_file::RESULT_FILE;
use crate::core::template::builtin::builtins;
use crate::core::template::format::Template;
use crate::core::template::library::find;
use std::process::ExitCode;

pub fn run(args: &SummaryArgs) -> ExitCode {
    let Some(imported) = imported_templates(&args.templates) else {
        return ExitCode::FAILURE;
    };
    let builtin: Vec<&Template> = builtins().iter().collect();
    let imported: Vec<&Template> = imported.iter().collect();
    let opened = read_text(&args.file, RESULT_FILE)
        .and_then(|text| open(&text, |id, v| find(&builtin, &imported, id, v)).map_err(|e| e.to_string()));
    match opened {
        Err(why) => {
            eprintln!("{}：{why}", shown(&args.file));
            ExitCode::FAILURE
        }
        Ok((Opened::Result(c), t)) => {
            print!("{}", scores(t, &c.assessment));
            ExitCode::SUCCESS
        }
        Ok((Opened::Branch(c), t)) => {
            println!(
                "{}（第{}版）· {} 汇总 · {} 份自查",
                t.title,
                t.version,
                c.branch,
                c.results.len()
            );
            for a in &c.results {
                let s = Summary::of(t, a);
                let review = s
                    .review_card
                    .as_ref()
                    .map_or("—".to_string(), |r| format!("{}（{}）", r.total, r.grade_shown()));
                println!(
                    "{}　{}　自评 {}（{}）　审核 {review}",
                    a.respondent.line(),
                    a.round,
                    s.self_card.total,
                    s.self_card.grade_shown()
                );
            }
            ExitCode::SUCCESS
        }
    }
}

/// One self-check's scores in lines of text.
pub fn scores(t: &Template, a: &Assessment) -> String {
    let s = Summary::of(t, a);
    let mut out = format!(
        "{}（第{}版）\n{}　{}\n",
        t.title,
        t.version,
        a.respondent.line(),
        a.round
    );
    let review_of = |p: Option<String>| p.unwrap_or_else(|| "—".into());
    for line in &s.sections {
        out += &format!(
            "{}（满分{}）：自评 {}，审核 {}\n",
            line.title,
            line.max,
            line.self_score.earned,
            review_of(line.review_score.as_ref().map(|r| r.earned.to_string()))
        );
    }
    let card = &s.self_card;
    out += &format!(
        "总分（满分{}）：自评 {}，审核 {}\n",
        t.total,
        card.total,
        review_of(s.review_card.as_ref().map(|r| r.total.to_string()))
    );
    out += &format!(
        "等次：自评 {}，审核 {}\n",
        card.grade_shown(),
        review_of(s.review_card.as_ref().map(|r| r.grade_shown().to_string()))
    );
    out += &format!("已答 {} / {} 项\n", card.answered, card.items);
    if let Some(veto) = card.veto_notice() {
        out += &format!("{veto}\n");
    }
    out
}
