//! 评分细则 as a spreadsheet: a table's rows (the CSV that Excel saves, or a
//! sheet of a workbook, see `template::workbook`) read into a template and
//! written back out. Columns (the header row names them, in any order):
//!
//! | 一级指标 | 二级指标 or 考核内容 | 评分标准 | 分值 | 评分方式 | 考评方式 | 佐证材料 |
//!
//! (评分方式, 考评方式 and 佐证材料 may be left out.)
//! An empty 一级指标 cell repeats the one above (merged cells in Excel). Rows
//! whose 一级指标 is 合计 (or 总分/满分) declare the total in 分值; a row 等次
//! lists the bands in 评分标准 (`优秀90，良好80，合格60，不合格0`); a row 适用对象
//! says 党员 or 党支部; a row 考评周期 says 半年 or 年度. 考评方式 is one of 查阅资料,
//! 实地查看, 个别访谈, 民主测评, 自评说明, or empty. 评分方式 is one of: 达标 (default), `分档：好10/较好7/一般4/差0`,
//! `测评：好10/较好8/一般6/差0` (民主测评: votes per step),
//! `达标：0.6` (基本达标 earns 0.6 of the points), `扣分：0.5` (optionally
//! `，最多20次`), 打分 (or `打分：1` for whole points), 一票否决, 加分 (or `加分：1`).

use crate::core::basics::csv::{self, Record};
use crate::core::basics::points::{Fraction, Points};
use crate::core::template::check::{Spot, TemplateError};
use crate::core::template::format::{
    Audience, GradeBand, Item, LadderStep, Method, Period, Rule, Section, Template, TEMPLATE_FORMAT,
    TEMPLATE_FORMAT_VERSION,
};
use std::collections::HashMap;

const DEFAULT_TOTAL: i64 = 100;

struct Columns {
    section: usize,
    title: usize,
    criteria: usize,
    points: usize,
    /// 评分方式: the rule.
    rule: Option<usize>,
    /// 考评方式: how the item is checked.
    method: Option<usize>,
    evidence: Option<usize>,
}

fn line_error(line: usize, message: impl Into<String>) -> TemplateError {
    TemplateError::at(format!("第{line}行"), message)
}

/// A problem on a line, keyed by the line so the list can be shown in order.
fn on_line(line: usize, message: impl Into<String>) -> (usize, TemplateError) {
    (line, line_error(line, message))
}

fn find_columns(header: &Record) -> Result<Columns, Vec<TemplateError>> {
    let names: Vec<String> = header
        .fields
        .iter()
        .map(|f| f.trim().replace([' ', '\u{3000}'], ""))
        .collect();
    let find = |wanted: &[&str]| names.iter().position(|n| wanted.contains(&n.as_str()));
    let section = find(&["一级指标"]);
    let title = find(&["二级指标/考核内容", "二级指标", "考核内容", "考核内容/二级指标"]);
    let criteria = find(&["评分标准"]);
    let points = find(&["分值", "分数", "标准分"]);
    let missing: Vec<&str> = [
        (section, "一级指标"),
        (title, "二级指标/考核内容"),
        (criteria, "评分标准"),
        (points, "分值"),
    ]
    .iter()
    .filter(|(c, _)| c.is_none())
    .map(|(_, n)| *n)
    .collect();
    if !missing.is_empty() {
        return Err(vec![line_error(
            header.line,
            format!("表头缺少列：{}（第一行应为列名）", missing.join("、")),
        )]);
    }
    Ok(Columns {
        section: section.unwrap_or_default(),
        title: title.unwrap_or_default(),
        criteria: criteria.unwrap_or_default(),
        points: points.unwrap_or_default(),
        rule: find(&["评分方式", "计分方式"]),
        method: find(&["考评方式", "检查方式", "考核方式"]),
        evidence: find(&["佐证材料", "佐证资料"]),
    })
}

/// Reads a number written in a cell: `10`, `2.5`, `10分`.
fn cell_points(cell: &str) -> Option<Points> {
    Points::parse(cell.trim().trim_end_matches('分'))
}

/// Splits `名称10` into the name and the number at its end.
fn name_and_number(s: &str) -> Option<(String, Points)> {
    let s = s.trim().trim_end_matches('分').trim_end_matches("以上").trim();
    let split = s.find(|c: char| c.is_ascii_digit() || c == '.')?;
    let name = s[..split].trim().trim_end_matches(['≥', '>', '=', '：', ':']).trim();
    let number = Points::parse(&s[split..])?;
    (!name.is_empty()).then(|| (name.to_string(), number))
}

fn split_list(s: &str) -> impl Iterator<Item = &str> {
    s.split(['/', '、', '，', ',', '；', ';'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
}

/// Reads the 评分方式 cell.
fn parse_rule(cell: &str) -> Result<Rule, String> {
    let c = cell.trim();
    let (head, rest) = match c.find(['：', ':']) {
        Some(i) => (c[..i].trim(), c[i..].trim_start_matches(['：', ':']).trim()),
        None => (c, ""),
    };
    match head {
        "" | "达标" | "达标评定" | "检查" if rest.is_empty() => Ok(Rule::Check {
            partial: Fraction::HALF,
        }),
        "达标" => match Points::parse(rest) {
            Some(p) if p > Points::ZERO && p < Points::whole(1) => Ok(Rule::Check {
                partial: Fraction::from_hundredths(p.hundredths() as u16),
            }),
            _ => Err(format!("“达标：x”中x为基本达标的得分比例，应在0和1之间，实际为“{c}”")),
        },
        "分档" | "测评" | "民主测评" => {
            let steps: Option<Vec<LadderStep>> = split_list(rest)
                .map(|p| name_and_number(p).map(|(name, points)| LadderStep { name, points }))
                .collect();
            match steps {
                Some(steps) if !steps.is_empty() && head == "分档" => Ok(Rule::Ladder { steps }),
                Some(steps) if !steps.is_empty() => Ok(Rule::Poll { steps }),
                _ if head == "分档" => Err(format!("分档写法应为“分档：好10/较好7/一般4/差0”，实际为“{c}”")),
                _ => Err(format!("民主测评写法应为“测评：好10/较好8/一般6/差0”，实际为“{c}”")),
            }
        }
        "扣分" => {
            let mut parts = split_list(rest);
            let per = parts
                .next()
                .and_then(|p| cell_points(p.trim_start_matches("每次扣").trim_start_matches("每次")));
            let max_count = parts.next().map(|m| {
                m.trim_start_matches("最多")
                    .trim_end_matches('次')
                    .trim()
                    .parse::<u32>()
            });
            match (per, max_count) {
                (Some(per), None) => Ok(Rule::Deduction { per, max_count: None }),
                (Some(per), Some(Ok(m))) => Ok(Rule::Deduction {
                    per,
                    max_count: Some(m),
                }),
                _ => Err(format!("扣分写法应为“扣分：0.5”或“扣分：0.5，最多20次”，实际为“{c}”")),
            }
        }
        "打分" | "自由评分" | "评分" => score_step(rest, c).map(|step| Rule::Free { step }),
        "一票否决" => Ok(Rule::Veto),
        "加分" | "加分项" => score_step(rest, c).map(|step| Rule::Bonus { step }),
        _ => Err(format!(
            "无法识别的评分方式“{c}”（可用：达标、分档、测评、扣分、打分、一票否决、加分）"
        )),
    }
}

/// The smallest score unit after `打分：` or `加分：`; 0.5 when not given.
fn score_step(rest: &str, cell: &str) -> Result<Points, String> {
    if rest.is_empty() {
        return Ok(Points::from_hundredths(50));
    }
    cell_points(rest)
        .filter(|p| *p > Points::ZERO)
        .ok_or_else(|| format!("“打分：x”或“加分：x”中x为最小计分单位，例如0.5或1，实际为“{cell}”"))
}

/// `打分` or `加分` with the step written only when it is not the usual 0.5.
fn with_step(word: &str, step: Points) -> String {
    if step == Points::from_hundredths(50) {
        word.to_string()
    } else {
        format!("{word}：{step}")
    }
}

/// The 评分方式 cell for a rule, in the form `parse_rule` reads.
fn rule_cell(rule: &Rule) -> String {
    match rule {
        Rule::Check { partial } if *partial == Fraction::HALF => "达标".into(),
        Rule::Check { partial } => format!("达标：{}", Points::from_hundredths(partial.hundredths() as i64)),
        Rule::Ladder { steps } | Rule::Poll { steps } => format!(
            "{}：{}",
            if matches!(rule, Rule::Poll { .. }) {
                "测评"
            } else {
                "分档"
            },
            steps
                .iter()
                .map(|s| format!("{}{}", s.name, s.points))
                .collect::<Vec<_>>()
                .join("/")
        ),
        Rule::Deduction { per, max_count: None } => format!("扣分：{per}"),
        Rule::Deduction {
            per,
            max_count: Some(m),
        } => format!("扣分：{per}，最多{m}次"),
        Rule::Free { step } => with_step("打分", *step),
        Rule::Veto => "一票否决".into(),
        Rule::Bonus { step } => with_step("加分", *step),
    }
}

fn parse_grades(line: usize, cell: &str) -> Result<Vec<GradeBand>, TemplateError> {
    split_list(cell)
        .map(|p| {
            // 不合格<60 and 不合格 (no number) both mean the band from 0.
            if let Some(name) = p.split(['<', '＜']).next().filter(|_| p.contains(['<', '＜'])) {
                return Some(GradeBand {
                    name: name.trim().to_string(),
                    min: Points::ZERO,
                });
            }
            name_and_number(p).map(|(name, min)| GradeBand { name, min })
        })
        .collect::<Option<Vec<_>>>()
        .filter(|g| !g.is_empty())
        .ok_or_else(|| {
            line_error(
                line,
                format!("等次写法应为“优秀90，良好80，合格60，不合格0”，实际为“{cell}”"),
            )
        })
}

/// A stable id for a template named `title`: the same name gives the same id,
/// so importing a corrected table makes a new version of the same checklist.
pub fn template_id_for(title: &str) -> String {
    let mut h: u32 = 0x811c_9dc5;
    for b in title.trim().bytes() {
        h ^= b as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    format!("custom-{h:08x}")
}

/// Builds a template from CSV text (already decoded to UTF-8). `title` is
/// usually the file name without extension. Every problem found is returned,
/// each with its line.
pub fn template_from_csv(text: &str, title: &str) -> Result<Template, Vec<TemplateError>> {
    let records =
        csv::read(text).map_err(|e| vec![line_error(e.line, "引号没有闭合（单元格内容以\"开头却没有结束的\"）")])?;
    template_from_rows(&records, title)
}

/// Reads a template from a table's rows, each with its row number as the
/// spreadsheet numbers it (CSV and .xlsx alike: see `template::workbook`).
/// Blank rows may be left out; the first row given is the header.
pub fn template_from_rows(records: &[Record], title: &str) -> Result<Template, Vec<TemplateError>> {
    let Some((header, rows)) = records.split_first() else {
        return Err(vec![TemplateError::at("", "文件是空的")]);
    };
    let cols = find_columns(header)?;
    let cell = |r: &Record, i: usize| r.fields.get(i).map(|s| s.trim()).unwrap_or("").to_string();

    let mut errors: Vec<(usize, TemplateError)> = Vec::new();
    let mut sections: Vec<Section> = Vec::new();
    let mut lines: HashMap<Spot, usize> = HashMap::new();
    let mut total = None;
    let mut grades = None;
    let mut audience = Audience::Branch;
    let mut period = Period::default();
    let mut current_section = String::new();
    for r in rows {
        let section_cell = cell(r, cols.section);
        match section_cell.as_str() {
            "合计" | "总分" | "满分" => {
                match cell_points(&cell(r, cols.points)) {
                    Some(p) => total = Some(p),
                    None => errors.push(on_line(
                        r.line,
                        format!("合计分值“{}”不是有效数字", cell(r, cols.points)),
                    )),
                }
                continue;
            }
            "等次" => {
                match parse_grades(r.line, &cell(r, cols.criteria)) {
                    Ok(g) => grades = Some(g),
                    Err(e) => errors.push((r.line, e)),
                }
                continue;
            }
            "考评周期" | "周期" => {
                match cell(r, cols.criteria).as_str() {
                    "半年" | "半年度" | "每半年" => period = Period::HalfYear,
                    "年度" | "每年" | "全年" | "一年" => period = Period::Year,
                    other => errors.push(on_line(r.line, format!("考评周期应为“半年”或“年度”，实际为“{other}”"))),
                }
                continue;
            }
            "适用对象" => {
                let who = cell(r, cols.criteria);
                audience = if who.contains("党员") && !who.contains("支部") {
                    Audience::Member
                } else {
                    Audience::Branch
                };
                continue;
            }
            "" => {}
            s => current_section = s.to_string(),
        }
        let title = cell(r, cols.title);
        if title.is_empty() {
            if r.fields.iter().any(|f| !f.trim().is_empty()) && section_cell.is_empty() {
                errors.push(on_line(r.line, "二级指标/考核内容为空"));
            }
            continue;
        }
        if current_section.is_empty() {
            errors.push(on_line(r.line, "一级指标为空（第一条考核内容前应有一级指标）"));
            continue;
        }
        let rule = match parse_rule(&cols.rule.map(|i| cell(r, i)).unwrap_or_default()) {
            Ok(rule) => rule,
            Err(m) => {
                errors.push(on_line(r.line, m));
                continue;
            }
        };
        let method_text = cols.method.map(|i| cell(r, i)).unwrap_or_default();
        let method = match method_text.as_str() {
            "" => None,
            text => match Method::from_label(text) {
                Some(m) => Some(m),
                None => {
                    let all: Vec<&str> = Method::ALL.iter().map(|m| m.label()).collect();
                    errors.push(on_line(
                        r.line,
                        format!("无法识别的考评方式“{text}”（可用：{}）", all.join("、")),
                    ));
                    continue;
                }
            },
        };
        let points_text = cell(r, cols.points);
        let points = match (cell_points(&points_text), &rule) {
            (Some(p), _) => p,
            (None, Rule::Veto) if points_text.is_empty() => Points::ZERO,
            (None, _) => {
                errors.push(on_line(r.line, format!("分值“{points_text}”不是有效数字")));
                continue;
            }
        };
        if sections.last().is_none_or(|s| s.title != current_section) {
            let n = sections.len() + 1;
            sections.push(Section {
                id: format!("s{n}"),
                title: current_section.clone(),
                short_title: None,
                items: Vec::new(),
            });
        }
        let (si, section) = (sections.len(), sections.last_mut().expect("just pushed"));
        let ii = section.items.len() + 1;
        lines.insert(
            Spot::Item {
                section: si - 1,
                item: ii - 1,
            },
            r.line,
        );
        section.items.push(Item {
            id: format!("{}-{ii}", section.id),
            title,
            points,
            rule,
            criteria: cell(r, cols.criteria),
            evidence: cols.evidence.map(|i| cell(r, i)).unwrap_or_default(),
            method,
            allow_na: true,
            source: None,
        });
    }
    let title = title.trim();
    let template = Template {
        format: TEMPLATE_FORMAT.into(),
        format_version: TEMPLATE_FORMAT_VERSION,
        id: template_id_for(title),
        version: 1,
        title: title.to_string(),
        short_title: title.chars().take(12).collect(),
        audience,
        description: String::new(),
        period,
        total: total.unwrap_or(Points::whole(DEFAULT_TOTAL)),
        grades: grades.unwrap_or_else(|| {
            [("优秀", 90), ("良好", 80), ("合格", 60), ("不合格", 0)]
                .iter()
                .map(|(n, m)| GradeBand {
                    name: (*n).into(),
                    min: Points::whole(*m),
                })
                .collect()
        }),
        sections,
    };
    // Content problems speak of 第x个一级指标第y项; in a spreadsheet, say the line.
    errors.extend(template.problems().into_iter().map(|mut e| {
        match e.spot.and_then(|spot| lines.get(&spot)) {
            Some(&line) => {
                e.place = format!("第{line}行");
                (line, e)
            }
            // Whole-table problems (the total, the bands) come after the lines.
            None => (usize::MAX, e),
        }
    }));
    if errors.is_empty() {
        Ok(template)
    } else {
        crate::core::basics::sorted::sort_by_key(&mut errors, |(line, _)| *line);
        Err(errors.into_iter().map(|(_, e)| e).collect())
    }
}

/// A template as the rows of its table, in the form `template_from_rows`
/// reads back: the header, an item a row (一级指标 on its first), then the
/// 合计, 等次, 考评周期 and 适用对象 rows.
pub fn template_rows(t: &Template) -> Vec<Vec<String>> {
    let mut rows: Vec<Vec<String>> = vec![[
        "一级指标",
        "二级指标/考核内容",
        "评分标准",
        "分值",
        "评分方式",
        "考评方式",
        "佐证材料",
    ]
    .map(String::from)
    .to_vec()];
    for s in &t.sections {
        for (i, item) in s.items.iter().enumerate() {
            let section = if i == 0 { s.title.as_str() } else { "" };
            let criteria = if item.criteria.is_empty() {
                item.rule.describe(item.points)
            } else {
                item.criteria.clone()
            };
            rows.push(vec![
                section.to_string(),
                item.title.clone(),
                criteria,
                item.points.to_string(),
                rule_cell(&item.rule),
                item.method.map_or("", Method::label).to_string(),
                item.evidence.clone(),
            ]);
        }
    }
    let grades: Vec<String> = t.grades.iter().map(|g| format!("{}{}", g.name, g.min)).collect();
    let who = match t.audience {
        Audience::Member => "党员",
        Audience::Branch => "党支部",
    };
    let closing = [
        ["合计", "", "", &t.total.to_string()],
        ["等次", "", &grades.join("，"), ""],
        ["考评周期", "", t.period.label(), ""],
        ["适用对象", "", who, ""],
    ];
    for [a, b, c, d] in closing {
        rows.push([a, b, c, d, "", "", ""].map(String::from).to_vec());
    }
    rows
}

/// Writes a template as CSV (UTF-8 with BOM so Excel shows Chinese), in the
/// form `template_from_csv` reads back.
pub fn template_to_csv(t: &Template) -> String {
    let mut out = csv::CsvOut::new();
    for row in template_rows(t) {
        out.row(&row);
    }
    out.finish()
}
