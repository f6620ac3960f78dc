//! Results as Excel workbooks (rust_xlsxwriter), laid out as the printed
//! pages are: one self-check (a header block, each 一级指标 as a merged
//! row, items with 自评 and 审核, subtotals, total, grade and the signature
//! line; the 整改清单 on a second sheet), and a branch's combined view (the
//! member table with separate 自评 and 审核 columns, section averages,
//! grade distribution and weakest items, a sheet each). Scores are stored as
//! numbers, so Excel can sum and sort them; A4, header rows repeated on
//! every printed page.

use crate::core::assessment::answers::Assessment;
use crate::core::assessment::scoring::ItemScore;
use crate::core::assessment::shortfalls::shortfalls;
use crate::core::assessment::summary::{item_lines, Summary};
use crate::core::basics::numbering::section_heading;
use crate::core::basics::points::Points;
use crate::core::exchange::branch::{Combined, Level, Row};
use crate::core::template::format::Template;
use crate::core::template::workbook::{set_widths, unwritable, A4};
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet};

fn number(p: Points) -> f64 {
    p.to_string().parse().unwrap_or_default()
}

/// The formats a sheet uses: a title, header cells, cells, section rows, totals.
struct Look {
    title: Format,
    head: Format,
    cell: Format,
    section: Format,
    total: Format,
}

impl Look {
    fn new() -> Look {
        let cell = Format::new().set_border(FormatBorder::Thin).set_text_wrap();
        Look {
            title: Format::new()
                .set_bold()
                .set_font_size(16)
                .set_align(FormatAlign::Center),
            head: cell.clone().set_bold().set_background_color("F1F2F4"),
            section: cell.clone().set_bold().set_background_color("FDECEA"),
            total: cell.clone().set_bold(),
            cell,
        }
    }
}

/// One row of cells from column 0: text, or a number where the cell holds one.
enum Cell {
    Text(String),
    Number(f64),
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn score(p: Points) -> Cell {
    Cell::Number(number(p))
}

fn maybe(p: Option<Points>) -> Cell {
    p.map_or_else(|| text(""), score)
}

/// An item's score as a number, or the word that stands for it.
fn item_score(s: &ItemScore) -> Cell {
    match s {
        ItemScore::Unanswered => text(""),
        ItemScore::NotApplicable => text("不适用"),
        ItemScore::Base(p) | ItemScore::Bonus(p) => score(*p),
        ItemScore::Veto(true) => text("否决"),
        ItemScore::Veto(false) => Cell::Number(0.0),
    }
}

fn write_row(sheet: &mut Worksheet, row: u32, cells: &[Cell], format: &Format) -> Result<(), String> {
    for (c, cell) in cells.iter().enumerate() {
        let c = c as u16;
        match cell {
            Cell::Text(s) => sheet.write_string_with_format(row, c, s, format),
            Cell::Number(n) => sheet.write_number_with_format(row, c, *n, format),
        }
        .map_err(unwritable)?;
    }
    Ok(())
}

/// A sheet set for A4: `landscape` or not, one page wide, `head` repeated on every page.
fn for_paper(sheet: &mut Worksheet, landscape: bool, head: u32) -> Result<(), String> {
    sheet.set_paper_size(A4).set_print_fit_to_pages(1, 0);
    if landscape {
        sheet.set_landscape();
    }
    sheet.set_repeat_rows(head, head).map_err(unwritable)?;
    sheet.set_footer("&C第 &P 页 / 共 &N 页");
    Ok(())
}

/// One self-check as a workbook. `date` is the date to print (the page's
/// local time, which core does not know).
pub fn assessment_to_xlsx(t: &Template, a: &Assessment, date: &str) -> Result<Vec<u8>, String> {
    let look = Look::new();
    let sum = Summary::of(t, a);
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("自查评分表").map_err(unwritable)?;
    const LAST: u16 = 7;
    let title = if t.title.ends_with('表') {
        t.title.clone()
    } else {
        format!("{}自查评分表", t.title)
    };
    sheet
        .merge_range(0, 0, 0, LAST, &title, &look.title)
        .map_err(unwritable)?;
    let r = &a.respondent;
    let block = [
        ["单位", &r.unit, "支部", &r.branch, "姓名", &r.name],
        ["轮次", &a.round, "日期", date, "版本", &format!("第{}版", t.version)],
    ];
    // Label and value, three pairs a line across the eight columns: the
    // first and last values take two columns each.
    for (i, line) in block.iter().enumerate() {
        let row = 1 + i as u32;
        for (pair, (label, from, to)) in line.chunks(2).zip([(0u16, 1u16, 2u16), (3, 4, 4), (5, 6, 7)]) {
            sheet
                .write_string_with_format(row, label, pair[0], &look.head)
                .map_err(unwritable)?;
            if from == to {
                sheet
                    .write_string_with_format(row, from, pair[1], &look.cell)
                    .map_err(unwritable)?;
            } else {
                sheet
                    .merge_range(row, from, row, to, pair[1], &look.cell)
                    .map_err(unwritable)?;
            }
        }
    }
    let head = 4u32;
    let names = [
        "序号",
        "考核内容",
        "分值",
        "自评",
        "自评分",
        "审核",
        "审核分",
        "审核意见",
    ];
    write_row(sheet, head, &names.map(text), &look.head)?;
    let mut row = head + 1;
    for (si, (s, items)) in t.sections.iter().zip(item_lines(t, a)).enumerate() {
        sheet
            .merge_range(row, 0, row, LAST, &section_heading(si, &s.title), &look.section)
            .map_err(unwritable)?;
        row += 1;
        for l in items {
            let mut what = l.item.title.clone();
            for (label, value) in [("说明", &l.note), ("佐证材料", &l.evidence)] {
                if !value.is_empty() {
                    what.push_str(&format!("\n{label}：{value}"));
                }
            }
            let cells = [
                text(l.number.clone()),
                text(what),
                score(l.item.points),
                text(l.own_answer.clone()),
                item_score(&l.own_score),
                text(l.review_answer.clone()),
                l.review_score.as_ref().map_or_else(|| text(""), item_score),
                text(l.comment.clone()),
            ];
            write_row(sheet, row, &cells, &look.cell)?;
            row += 1;
        }
        let line = &sum.sections[si];
        let cells = [
            text(""),
            text("小计"),
            score(line.self_score.applicable),
            text(""),
            score(line.self_score.earned),
            text(""),
            maybe(line.review_score.as_ref().map(|r| r.earned)),
            text(""),
        ];
        write_row(sheet, row, &cells, &look.total)?;
        row += 1;
    }
    let review = sum.review_card.as_ref();
    let totals = [
        [
            text(""),
            text("总分"),
            score(t.total),
            text(""),
            score(sum.self_card.total),
            text(""),
            maybe(review.map(|c| c.total)),
            text(""),
        ],
        [
            text(""),
            text("等次"),
            text(""),
            text(""),
            text(sum.self_card.grade_shown()),
            text(""),
            text(review.map(|c| c.grade_shown().to_string()).unwrap_or_default()),
            text(""),
        ],
    ];
    for cells in &totals {
        write_row(sheet, row, cells, &look.total)?;
        row += 1;
    }
    if let Some(notice) = sum.final_card().veto_notice() {
        sheet
            .merge_range(row, 0, row, LAST, &notice, &look.total)
            .map_err(unwritable)?;
        row += 1;
    }
    sheet
        .write_string(
            row + 1,
            0,
            "本人签字：                支部书记签字：                日期：",
        )
        .map_err(unwritable)?;
    set_widths(sheet, &[6.0, 44.0, 7.0, 12.0, 8.0, 12.0, 8.0, 20.0])?;
    for_paper(sheet, false, head)?;

    let actions = book.add_worksheet();
    actions.set_name("整改清单").map_err(unwritable)?;
    let names = ["序号", "问题", "整改措施", "责任人", "完成时限", "状态"];
    write_row(actions, 0, &names.map(text), &look.head)?;
    for (n, s) in shortfalls(t, a).iter().enumerate() {
        let action = a.action(&s.item.id).cloned().unwrap_or_default();
        let status = action.status_label();
        let cells = [
            Cell::Number((n + 1) as f64),
            text(format!("{}：{}", s.item.title, s.problem())),
            text(action.measure),
            text(action.owner),
            text(action.deadline),
            text(status),
        ];
        write_row(actions, 1 + n as u32, &cells, &look.cell)?;
    }
    set_widths(actions, &[6.0, 44.0, 30.0, 10.0, 12.0, 8.0])?;
    for_paper(actions, false, 0)?;
    book.save_to_buffer().map_err(unwritable)
}

/// A branch's combined view as a workbook: the member (or branch) table in
/// `rows`' order, then section averages, the grade distribution and the
/// weakest items, each on its own sheet. `scope` is the 支部 (or 范围) the
/// header names.
pub fn combined_to_xlsx(t: &Template, c: &Combined, rows: &[Row], scope: &str, date: &str) -> Result<Vec<u8>, String> {
    let look = Look::new();
    let mut book = Workbook::new();
    let by_branch = c.level == Level::Branch;

    let sheet = book.add_worksheet();
    sheet
        .set_name(if by_branch { "各支部得分" } else { "成员得分" })
        .map_err(unwritable)?;
    let mut head: Vec<Cell> = vec![
        text(if by_branch { "支部" } else { "姓名" }),
        text(if by_branch { "人数" } else { "支部" }),
    ];
    for (s, avg) in t.sections.iter().zip(&c.section_averages) {
        head.push(text(format!("{}（满分{}）自评", s.short_title(), avg.max)));
        head.push(text(format!("{}（满分{}）审核", s.short_title(), avg.max)));
    }
    for h in [
        format!("总分（满分{}）自评", t.total),
        format!("总分（满分{}）审核", t.total),
        "等次 自评".into(),
        "等次 审核".into(),
    ] {
        head.push(text(h));
    }
    let last = (head.len() - 1) as u16;
    let title = format!(
        "{}汇总表",
        t.title.trim_end_matches("自查评分表").trim_end_matches("评分表")
    );
    sheet
        .merge_range(0, 0, 0, last, &title, &look.title)
        .map_err(unwritable)?;
    let line = format!(
        "{}：{scope}    人数：{}    日期：{date}",
        if by_branch { "范围" } else { "支部" },
        c.members
    );
    sheet
        .merge_range(1, 0, 1, last, &line, &look.cell)
        .map_err(unwritable)?;
    write_row(sheet, 2, &head, &look.head)?;
    let mut row = 3u32;
    for r in rows {
        let review = r.review.as_ref();
        let mut cells = vec![text(r.name.clone()), text(r.detail.clone())];
        for (i, own) in r.sections.iter().enumerate() {
            cells.push(score(*own));
            cells.push(maybe(review.map(|x| x.0[i])));
        }
        cells.push(score(r.total));
        cells.push(maybe(review.map(|x| x.1)));
        let grade = if r.vetoed {
            format!("{}（一票否决）", r.grade)
        } else {
            r.grade.clone()
        };
        cells.push(text(grade));
        cells.push(text(review.map(|x| x.2.clone()).unwrap_or_default()));
        write_row(sheet, row, &cells, &look.cell)?;
        row += 1;
    }
    let mut own = vec![text(format!("自评平均（{}人）", c.members)), text("")];
    let mut reviewed = vec![text(format!("审核平均（{}人）", c.reviewed)), text("")];
    for s in &c.section_averages {
        own.extend([score(s.self_avg), text("")]);
        reviewed.extend([text(""), maybe(s.review_avg)]);
    }
    own.extend([score(c.average_total), text(""), text(""), text("")]);
    reviewed.extend([text(""), maybe(c.average_review_total), text(""), text("")]);
    write_row(sheet, row, &own, &look.total)?;
    write_row(sheet, row + 1, &reviewed, &look.total)?;
    sheet
        .write_string(
            row + 2,
            0,
            "“自评”为党员自评分，“审核”为支部书记审核分，空白表示未审核；列名中注明满分；平均行括号内为计入平均的人数。",
        )
        .map_err(unwritable)?;
    sheet
        .write_string(
            row + 4,
            0,
            "汇总人签字：                支部书记签字：                日期：",
        )
        .map_err(unwritable)?;
    sheet.set_column_width(0, 12.0).map_err(unwritable)?;
    sheet.set_column_width(1, 12.0).map_err(unwritable)?;
    for_paper(sheet, true, 2)?;

    let sheet = book.add_worksheet();
    sheet.set_name("一级指标平均").map_err(unwritable)?;
    let names = ["一级指标", "满分", "自评平均", "自评得分率（%）", "审核平均"];
    write_row(sheet, 0, &names.map(text), &look.head)?;
    for (i, s) in c.section_averages.iter().enumerate() {
        let cells = [
            text(s.title.clone()),
            score(s.max),
            score(s.self_avg),
            score(s.self_rate),
            maybe(s.review_avg),
        ];
        write_row(sheet, 1 + i as u32, &cells, &look.cell)?;
    }
    set_widths(sheet, &[36.0, 8.0, 10.0, 14.0, 10.0])?;
    for_paper(sheet, false, 0)?;

    let sheet = book.add_worksheet();
    sheet.set_name("等次分布").map_err(unwritable)?;
    write_row(sheet, 0, &["等次", "自评人数", "审核人数"].map(text), &look.head)?;
    for (i, g) in c.distribution.iter().enumerate() {
        let cells = [
            text(g.grade.clone()),
            Cell::Number(g.self_count as f64),
            Cell::Number(g.review_count as f64),
        ];
        write_row(sheet, 1 + i as u32, &cells, &look.cell)?;
    }
    set_widths(sheet, &[12.0, 10.0, 10.0])?;
    for_paper(sheet, false, 0)?;

    let sheet = book.add_worksheet();
    sheet.set_name("薄弱项目").map_err(unwritable)?;
    let names = ["一级指标", "考核内容", "分值", "平均得分", "得分率（%）", "作答人数"];
    write_row(sheet, 0, &names.map(text), &look.head)?;
    for (i, w) in c.weakest.iter().enumerate() {
        let cells = [
            text(w.section.clone()),
            text(w.title.clone()),
            score(w.points),
            score(w.average),
            score(w.rate),
            Cell::Number(w.answered as f64),
        ];
        write_row(sheet, 1 + i as u32, &cells, &look.cell)?;
    }
    set_widths(sheet, &[24.0, 44.0, 7.0, 10.0, 12.0, 10.0])?;
    for_paper(sheet, false, 0)?;
    book.save_to_buffer().map_err(unwritable)
}
