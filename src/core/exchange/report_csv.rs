//! Results as CSV for Excel (UTF-8 with a byte-order mark, so Chinese shows
//! correctly): one self-check item by item, and a branch's combined table.

use crate::core::assessment::answers::Assessment;
use crate::core::assessment::scoring::ItemScore;
use crate::core::assessment::shortfalls::shortfalls;
use crate::core::assessment::summary::{item_lines, Summary};
use crate::core::basics::csv::CsvOut;
use crate::core::basics::numbering::chinese_number;
use crate::core::exchange::branch::{Combined, Level, Row};
use crate::core::template::format::Template;

fn score_text(s: &ItemScore) -> String {
    match s {
        ItemScore::Unanswered => String::new(),
        ItemScore::NotApplicable => "不适用".into(),
        ItemScore::Base(p) => p.to_string(),
        ItemScore::Bonus(p) => format!("+{p}"),
        ItemScore::Veto(true) => "否决".into(),
        ItemScore::Veto(false) => "0".into(),
    }
}

/// One self-check: a header, every item with self and review, section
/// subtotals, totals, and the 整改清单.
pub fn assessment_to_csv(t: &Template, a: &Assessment) -> String {
    let sum = Summary::of(t, a);
    let mut out = CsvOut::new();
    let w = |out: &mut CsvOut, f: &[&str]| out.row(f);
    w(&mut out, &["评分表", &t.title, "版本", &format!("第{}版", t.version)]);
    w(&mut out, &["单位", &a.respondent.unit, "支部", &a.respondent.branch]);
    w(&mut out, &["姓名", &a.respondent.name, "轮次", &a.round]);
    w(
        &mut out,
        &[
            "序号",
            "一级指标",
            "二级指标/考核内容",
            "分值",
            "考评方式",
            "自评",
            "自评分",
            "审核",
            "审核分",
            "审核意见",
            "说明",
            "佐证材料",
        ],
    );
    for (si, (s, items)) in t.sections.iter().zip(item_lines(t, a)).enumerate() {
        for (ii, l) in items.iter().enumerate() {
            w(
                &mut out,
                &[
                    &l.number,
                    if ii == 0 { &s.title } else { "" },
                    &l.item.title,
                    &l.item.points.to_string(),
                    l.item.method.map_or("", |m| m.label()),
                    &l.own_answer,
                    &score_text(&l.own_score),
                    &l.review_answer,
                    &l.review_score.as_ref().map(score_text).unwrap_or_default(),
                    &l.comment,
                    &l.note,
                    &l.evidence,
                ],
            );
        }
        let line = &sum.sections[si];
        w(
            &mut out,
            &[
                "",
                &format!("{}小计", chinese_number(si + 1)),
                &s.title,
                &line.self_score.applicable.to_string(),
                "",
                "",
                &line.self_score.earned.to_string(),
                "",
                &line
                    .review_score
                    .as_ref()
                    .map(|r| r.earned.to_string())
                    .unwrap_or_default(),
                "",
                "",
                "",
            ],
        );
    }
    let review_total = sum
        .review_card
        .as_ref()
        .map(|c| c.total.to_string())
        .unwrap_or_default();
    let review_grade = sum.review_card.as_ref().map(|c| c.grade.clone()).unwrap_or_default();
    w(
        &mut out,
        &[
            "",
            "总分",
            "",
            &t.total.to_string(),
            "",
            "",
            &sum.self_card.total.to_string(),
            "",
            &review_total,
        ],
    );
    w(
        &mut out,
        &["", "等次", "", "", "", "", &sum.self_card.grade, "", &review_grade],
    );
    if !sum.self_card.vetoes.is_empty() {
        w(&mut out, &["", "一票否决", &sum.self_card.vetoes.join("；")]);
    }
    w(&mut out, &[""]);
    w(&mut out, &["整改清单"]);
    w(&mut out, &["序号", "问题", "整改措施", "责任人", "完成时限", "状态"]);
    for (n, s) in shortfalls(t, a).iter().enumerate() {
        let action = a.action(&s.item.id).cloned().unwrap_or_default();
        w(
            &mut out,
            &[
                &(n + 1).to_string(),
                &format!("{}：{}", s.item.title, s.problem()),
                &action.measure,
                &action.owner,
                &action.deadline,
                action.status_label(),
            ],
        );
    }
    out.finish()
}

/// The combined table: one row per member (or branch), each section, total and grade, self and review.
pub fn combined_to_csv(t: &Template, c: &Combined) -> String {
    table_to_csv(t, c.level, &c.rows)
}

/// The rows of a combined table, as [`combined_to_csv`] writes them.
pub fn table_to_csv(t: &Template, level: Level, rows: &[Row]) -> String {
    let mut out = CsvOut::new();
    let mut head: Vec<String> = vec![
        match level {
            Level::Member => "姓名".into(),
            Level::Branch => "支部".into(),
        },
        match level {
            Level::Member => "支部".into(),
            Level::Branch => "人数".into(),
        },
    ];
    for s in &t.sections {
        head.push(format!("{}（自评）", s.title));
        head.push(format!("{}（审核）", s.title));
    }
    head.extend(["自评总分", "自评等次", "审核总分", "审核等次"].map(String::from));
    out.row(&head);
    for r in rows {
        let mut cells = vec![r.name.clone(), r.detail.clone()];
        for (i, own) in r.sections.iter().enumerate() {
            cells.push(own.to_string());
            cells.push(r.review.as_ref().map(|x| x.0[i].to_string()).unwrap_or_default());
        }
        cells.push(r.total.to_string());
        cells.push(r.grade.clone());
        cells.push(r.review.as_ref().map(|x| x.1.to_string()).unwrap_or_default());
        cells.push(r.review.as_ref().map(|x| x.2.clone()).unwrap_or_default());
        out.row(&cells);
    }
    out.finish()
}
