//! The template validator: the one users hit when importing, and the one the
//! native tests run over every file in `templates/`.

use crate::core::basics::json_problem::{JsonProblem, ProblemKind};
use crate::core::basics::points::Points;
use crate::core::template::format::{Rule, Source, Template, TEMPLATE_FORMAT, TEMPLATE_FORMAT_VERSION};
use std::collections::HashSet;
use std::fmt;

/// One problem in a template, said in Chinese, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError {
    /// Where, as shown: 第3行第5列 for syntax, 第12行（第2个一级指标第4项） for
    /// content; empty for the whole file.
    pub place: String,
    pub message: String,
    /// Which part of the template, when the problem is in one.
    pub spot: Option<Spot>,
}

/// A part of a template, by position (0-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Spot {
    Section(usize),
    Item { section: usize, item: usize },
    Grade(usize),
}

impl Spot {
    fn describe(self) -> String {
        match self {
            Spot::Section(s) => format!("第{}个一级指标", s + 1),
            Spot::Item { section, item } => format!("第{}个一级指标第{}项", section + 1, item + 1),
            Spot::Grade(g) => format!("第{}个等次", g + 1),
        }
    }
}

impl TemplateError {
    pub(crate) fn at(place: impl Into<String>, message: impl Into<String>) -> Self {
        TemplateError {
            place: place.into(),
            message: message.into(),
            spot: None,
        }
    }

    fn in_part(spot: Spot, message: impl Into<String>) -> Self {
        TemplateError {
            place: spot.describe(),
            message: message.into(),
            spot: Some(spot),
        }
    }

    /// A template file that is not JSON, or JSON of the wrong shape.
    pub(crate) fn from_json(p: &JsonProblem) -> Self {
        let what = match p.kind {
            ProblemKind::Syntax => "文件不是有效的JSON格式".to_string(),
            ProblemKind::Eof => "文件内容不完整（在结尾处被截断）".to_string(),
            ProblemKind::TooDeep => "文件嵌套层数过多（超过128层），不是评分表文件".to_string(),
            ProblemKind::Data => format!("字段内容不符合评分表格式：{}", p.message),
        };
        TemplateError::at(p.place(), what)
    }
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.place.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}：{}", self.place, self.message)
        }
    }
}

impl Template {
    /// Parses and validates a template file. Every problem found is returned,
    /// in Chinese, with its line, so the user can fix them all at once.
    pub fn from_json(text: &str) -> Result<Template, Vec<TemplateError>> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let template: Template =
            serde_json::from_str(text).map_err(|e| vec![TemplateError::from_json(&JsonProblem::of(&e, text))])?;
        let problems = template.problems();
        if problems.is_empty() {
            Ok(template)
        } else {
            Err(with_json_lines(problems, text, &template))
        }
    }

    /// Every rule a template must keep, checked after parsing.
    pub fn problems(&self) -> Vec<TemplateError> {
        let mut out = Vec::new();
        let whole = |m: String| TemplateError::at("", m);
        if self.format != TEMPLATE_FORMAT {
            out.push(whole(format!(
                "format 应为 \"{TEMPLATE_FORMAT}\"，实际为 \"{}\"",
                self.format
            )));
        }
        if self.format_version == 0 || self.format_version > TEMPLATE_FORMAT_VERSION {
            out.push(whole(format!(
                "format_version {} 不受支持（本版本支持到 {TEMPLATE_FORMAT_VERSION}）",
                self.format_version
            )));
        }
        if self.id.trim().is_empty() {
            out.push(whole("评分表缺少编号（id）".into()));
        }
        if self.version == 0 {
            out.push(whole("评分表版本号（version）应从1开始".into()));
        }
        if self.title.trim().is_empty() {
            out.push(whole("评分表缺少名称（title）".into()));
        }
        if self.short_title.trim().is_empty() {
            out.push(whole("评分表缺少简称（short_title）".into()));
        }
        if self.total <= Points::ZERO {
            out.push(whole("满分（total）应大于0".into()));
        }
        self.check_sections(&mut out);
        self.check_grades(&mut out);
        out
    }

    fn check_sections(&self, out: &mut Vec<TemplateError>) {
        if self.sections.is_empty() {
            out.push(TemplateError::at("", "评分表没有任何一级指标（sections）"));
            return;
        }
        let mut section_ids = HashSet::new();
        let mut item_ids = HashSet::new();
        for (si, section) in self.sections.iter().enumerate() {
            let place = Spot::Section(si);
            if section.title.trim().is_empty() {
                out.push(TemplateError::in_part(place, "名称为空"));
            }
            // Short enough for a chart's axis: at most 8 characters.
            match section.short_title.as_deref().map(|s| s.trim().chars().count()) {
                Some(0) => out.push(TemplateError::in_part(place, "简称（short_title）为空")),
                Some(n) if n > 8 => out.push(TemplateError::in_part(
                    place,
                    format!("简称（short_title）有{n}个字，最多8个字"),
                )),
                _ => {}
            }
            if section.id.trim().is_empty() {
                out.push(TemplateError::in_part(place, "编号（id）为空"));
            } else if !section_ids.insert(section.id.as_str()) {
                out.push(TemplateError::in_part(
                    place,
                    format!("编号 \"{}\" 与其他一级指标重复", section.id),
                ));
            }
            if section.items.is_empty() {
                out.push(TemplateError::in_part(place, "没有任何考核内容（items）"));
            }
            for (ii, item) in section.items.iter().enumerate() {
                let place = Spot::Item { section: si, item: ii };
                if item.id.trim().is_empty() {
                    out.push(TemplateError::in_part(place, "编号（id）为空"));
                } else if !item_ids.insert(item.id.as_str()) {
                    out.push(TemplateError::in_part(
                        place,
                        format!("编号 \"{}\" 与其他考核内容重复", item.id),
                    ));
                }
                if item.title.trim().is_empty() {
                    out.push(TemplateError::in_part(place, "考核内容为空"));
                }
                for problem in rule_problems(&item.rule, item.points) {
                    out.push(TemplateError::in_part(place, problem));
                }
                if let Some(problem) = item.source.as_ref().and_then(source_problem) {
                    out.push(TemplateError::in_part(place, problem));
                }
            }
        }
        let sum = self.base_points();
        if sum != self.total {
            out.push(TemplateError::at(
                "",
                format!(
                    "各项分值合计为 {sum} 分（不含加分项和一票否决项），与满分 {} 分不一致",
                    self.total
                ),
            ));
        }
    }

    fn check_grades(&self, out: &mut Vec<TemplateError>) {
        if self.grades.is_empty() {
            out.push(TemplateError::at("", "没有设置等次（grades）"));
            return;
        }
        let mut names = HashSet::new();
        let mut mins = HashSet::new();
        for (gi, band) in self.grades.iter().enumerate() {
            let place = Spot::Grade(gi);
            if band.name.trim().is_empty() {
                out.push(TemplateError::in_part(place, "等次名称为空"));
            } else if !names.insert(band.name.as_str()) {
                out.push(TemplateError::in_part(place, format!("等次 \"{}\" 重复", band.name)));
            }
            if band.min < Points::ZERO || band.min > self.total {
                out.push(TemplateError::in_part(
                    place,
                    format!("起点 {} 分超出 0–{} 分", band.min, self.total),
                ));
            }
            if !mins.insert(band.min) {
                out.push(TemplateError::in_part(
                    place,
                    format!("起点 {} 分与其他等次相同", band.min),
                ));
            }
        }
        if !self.grades.iter().any(|g| g.min == Points::ZERO) {
            out.push(TemplateError::at(
                "",
                "等次未覆盖0分：最低一档的起点应为0，否则低分没有等次",
            ));
        }
    }
}

/// What is wrong with an item's 依据, in Chinese.
fn source_problem(source: &Source) -> Option<String> {
    let (file, rule) = (source.file.trim(), source.national_rule.trim());
    if file.is_empty() && rule.is_empty() {
        return Some("依据（source）应写明文件（file）或国家规定（national_rule）".into());
    }
    if !file.is_empty() && !rule.is_empty() {
        return Some("依据（source）只能是一份文件或一项国家规定，不能同时写两者".into());
    }
    let quoted = source.quote.chars().filter(|c| !c.is_whitespace()).count();
    if quoted > 0 && quoted < Source::MIN_QUOTE_CHARS {
        return Some(format!(
            "依据原文（quote）太短：至少{}个字，才能在文件中认出出处",
            Source::MIN_QUOTE_CHARS
        ));
    }
    None
}

/// What is wrong with one item's rule given its points, in Chinese.
fn rule_problems(rule: &Rule, points: Points) -> Vec<String> {
    let mut out = Vec::new();
    let positive = |out: &mut Vec<String>| {
        if points <= Points::ZERO {
            out.push(format!("分值应大于0，实际为 {points}"));
        }
    };
    let multiple = |out: &mut Vec<String>, step: Points| {
        if step <= Points::ZERO {
            out.push("最小计分单位（step）应大于0".to_string());
        } else if points.hundredths() % step.hundredths() != 0 {
            out.push(format!("分值 {points} 不是最小计分单位 {step} 的整数倍"));
        }
    };
    match rule {
        Rule::Check { partial } => {
            positive(&mut out);
            if partial.hundredths() == 0 || partial.hundredths() >= 100 {
                out.push("“基本达标”的得分比例应大于0且小于1".to_string());
            }
        }
        Rule::Ladder { steps } | Rule::Poll { steps } => {
            positive(&mut out);
            if steps.len() < 2 {
                out.push(if matches!(rule, Rule::Poll { .. }) {
                    "民主测评至少需要两档".to_string()
                } else {
                    "分档评分至少需要两档".to_string()
                });
            }
            let mut names = HashSet::new();
            for step in steps {
                if step.name.trim().is_empty() {
                    out.push("分档名称为空".to_string());
                } else if !names.insert(step.name.as_str()) {
                    out.push(format!("分档“{}”重复", step.name));
                }
                if step.points < Points::ZERO || step.points > points {
                    out.push(format!("分档“{}”的分数 {} 超出 0–{points} 分", step.name, step.points));
                }
            }
            if !steps.is_empty() && !steps.iter().any(|s| s.points == points) {
                out.push(format!("最高一档应等于分值 {points} 分，否则无法得满分"));
            }
        }
        Rule::Deduction { per, max_count } => {
            positive(&mut out);
            if *per <= Points::ZERO {
                out.push("每次扣分（per）应大于0".to_string());
            }
            if *max_count == Some(0) {
                out.push("最多计次数（max_count）应至少为1".to_string());
            }
        }
        Rule::Free { step } => {
            positive(&mut out);
            multiple(&mut out, *step);
        }
        Rule::Veto => {
            if points != Points::ZERO {
                out.push(format!("一票否决项不计分，分值应为0，实际为 {points}"));
            }
        }
        Rule::Bonus { step } => {
            positive(&mut out);
            multiple(&mut out, *step);
        }
    }
    out
}

/// Lines (1-based) on which each occurrence of the object key `key` stands,
/// in document order. Strings are skipped properly, so a title that happens
/// to contain the key's text does not count.
fn key_lines(text: &str, key: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let (mut line, mut in_string, mut escaped) = (1, false, false);
    let mut current = String::new();
    let mut just_closed: Option<(String, usize)> = None;
    let mut string_line = 1;
    for c in text.chars() {
        if c == '\n' {
            line += 1;
        }
        if in_string {
            match (escaped, c) {
                (true, _) => {
                    escaped = false;
                    current.push(c);
                }
                (false, '\\') => escaped = true,
                (false, '"') => {
                    in_string = false;
                    just_closed = Some((std::mem::take(&mut current), string_line));
                }
                _ => current.push(c),
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                string_line = line;
                current.clear();
                just_closed = None;
            }
            ':' => {
                if let Some((k, l)) = just_closed.take() {
                    if k == key {
                        out.push(l);
                    }
                }
            }
            c if c.is_whitespace() => {}
            _ => just_closed = None,
        }
    }
    out
}

/// Adds the line to problems found in a JSON template's content, e.g.
/// `第57行（第2个一级指标第3项）`. Sections are found by their `items` key,
/// items by their `rule` key, bands by their `min` key.
fn with_json_lines(mut problems: Vec<TemplateError>, text: &str, t: &Template) -> Vec<TemplateError> {
    let (sections, items, grades) = (
        key_lines(text, "items"),
        key_lines(text, "rule"),
        key_lines(text, "min"),
    );
    for p in &mut problems {
        let line = match p.spot {
            Some(Spot::Section(s)) => sections.get(s),
            Some(Spot::Item { section, item }) => {
                let before: usize = t.sections.iter().take(section).map(|s| s.items.len()).sum();
                items.get(before + item)
            }
            Some(Spot::Grade(g)) => grades.get(g),
            None => None,
        };
        if let Some(line) = line {
            p.place = format!("第{line}行（{}）", p.place);
        }
    }
    problems
}
