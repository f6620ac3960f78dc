//! What serde_json found wrong with a text, said in Chinese, and where.
//!
//! serde_json reports a line and a column counted in bytes, and its data
//! errors in serde's English ("missing field `x`"). Users see the place as
//! line and column in characters, which is what an editor shows for Chinese
//! text, and the message in Chinese.

use std::fmt;

/// What kind of problem the text has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    /// Not JSON.
    Syntax,
    /// JSON cut off part-way.
    Eof,
    /// Nested deeper than serde_json reads (128 levels): not one of our files.
    TooDeep,
    /// JSON of the wrong shape; the message says what is wrong.
    Data,
}

/// One problem in a JSON text: what and where (line and column from 1,
/// the column in characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonProblem {
    pub kind: ProblemKind,
    /// For data problems, what is wrong, in Chinese; empty otherwise.
    pub message: String,
    pub line: usize,
    pub column: usize,
}

impl JsonProblem {
    /// The problem serde_json found while reading `text`.
    pub fn of(e: &serde_json::Error, text: &str) -> JsonProblem {
        JsonProblem::within(e, text, text)
    }

    /// The problem serde_json found while reading `part`, a slice of `text`
    /// (such as the data inside a stored envelope), placed in `text`.
    pub fn within(e: &serde_json::Error, text: &str, part: &str) -> JsonProblem {
        use serde_json::error::Category;
        let kind = match e.classify() {
            Category::Eof => ProblemKind::Eof,
            Category::Data => ProblemKind::Data,
            Category::Syntax if e.to_string().starts_with("recursion limit exceeded") => ProblemKind::TooDeep,
            Category::Syntax | Category::Io => ProblemKind::Syntax,
        };
        let message = if kind == ProblemKind::Data {
            let full = e.to_string();
            let place = format!(" at line {} column {}", e.line(), e.column());
            in_chinese(full.strip_suffix(&place).unwrap_or(&full))
        } else {
            String::new()
        };
        let offset = (part.as_ptr() as usize)
            .checked_sub(text.as_ptr() as usize)
            .filter(|o| o + part.len() <= text.len())
            .unwrap_or(0);
        let at = offset + byte_index(part, e.line(), e.column());
        let (line, column) = line_and_column(text, at);
        JsonProblem {
            kind,
            message,
            line,
            column,
        }
    }

    /// `第3行第5列`.
    pub fn place(&self) -> String {
        format!("第{}行第{}列", self.line, self.column)
    }
}

impl fmt::Display for JsonProblem {
    /// What is wrong and where, for a stored record or a file between people:
    /// `缺少字段 `template_id`，位于第1行第57列`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            ProblemKind::Eof => "内容在中途被截断",
            ProblemKind::Syntax => "不是有效的JSON",
            ProblemKind::TooDeep => "嵌套层数过多（超过128层），不是模范的文件",
            ProblemKind::Data => &self.message,
        };
        write!(f, "{what}，位于{}", self.place())
    }
}

/// The byte index of serde_json's (line, column): the column counts the
/// bytes of the line before the index.
fn byte_index(text: &str, line: usize, column: usize) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(line - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    (line_start + column).min(text.len())
}

/// Line and column (from 1, the column in characters) of the character
/// that ends at byte `at`: where the problem was noticed.
fn line_and_column(text: &str, at: usize) -> (usize, usize) {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    let before = &text[..at];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.matches('\n').count() + 1;
    (line, before[line_start..].chars().count().max(1))
}

/// serde's English for data errors, in Chinese. Messages written in Chinese
/// by Mofan's own types pass through unchanged.
fn in_chinese(message: &str) -> String {
    if let Some(rest) = message.strip_prefix("missing field ") {
        return format!("缺少字段 {rest}");
    }
    if let Some(rest) = message.strip_prefix("unknown field ") {
        return format!("无法识别的字段 {}", first_name(rest));
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        return format!("无法识别的取值 {}", first_name(rest));
    }
    if let Some(rest) = message.strip_prefix("duplicate field ") {
        return format!("字段 {rest} 重复出现");
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest.rsplit_once(", expected ").unwrap_or((rest, ""));
        return match (kind_of_expected(expected), kind_of_found(found)) {
            (Some(e), Some(f)) => format!("数据类型不正确（应为{e}，实为{f}）"),
            (Some(e), None) => format!("数据类型不正确（应为{e}）"),
            _ => "数据类型不正确".to_string(),
        };
    }
    if let Some(rest) = message.strip_prefix("invalid value: ") {
        let (_, expected) = rest.rsplit_once(", expected ").unwrap_or((rest, ""));
        return match kind_of_expected(expected) {
            Some(e) => format!("数值超出范围（应为{e}）"),
            None => "数值超出范围".to_string(),
        };
    }
    if let Some(rest) = message.strip_prefix("invalid length ") {
        // serde reads a struct from a list too, field by field.
        let (_, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return match kind_of_expected(expected) {
            Some(e) => format!("数据类型不正确（应为{e}）"),
            None => "列表的长度不对".to_string(),
        };
    }
    message.to_string()
}

/// The name in "`x`, expected one of …": "`x`".
fn first_name(rest: &str) -> &str {
    rest.split(", expected").next().unwrap_or(rest)
}

/// What serde's `expecting` text asks for, as a user would say it.
fn kind_of_expected(expected: &str) -> Option<&'static str> {
    Some(match expected {
        "u8" | "u16" | "u32" | "u64" | "usize" => "不小于0的整数",
        "i8" | "i16" | "i32" | "i64" | "isize" => "整数",
        "a string" => "文字",
        "a boolean" => "true 或 false",
        "a sequence" => "列表",
        "a map" => "对象",
        "a JSON number" => "数字",
        e if e.starts_with("struct ") => "对象",
        _ => return None,
    })
}

/// What serde's `Unexpected` text says was found, as a user would say it.
fn kind_of_found(found: &str) -> Option<&'static str> {
    let word = |w: &str| found == w || found.starts_with(&format!("{w} "));
    Some(if word("string") || word("character") {
        "文字"
    } else if word("integer") || word("floating point") || word("number") {
        "数字"
    } else if word("boolean") {
        "true 或 false"
    } else if word("unit value") || word("null") {
        "空值 null"
    } else if word("sequence") {
        "列表"
    } else if word("map") {
        "对象"
    } else {
        return None;
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Sample {
        count: u32,
        name: String,
        flag: Option<bool>,
    }

    fn problem(text: &str) -> JsonProblem {
        let e = serde_json::from_str::<Sample>(text).unwrap_err();
        JsonProblem::of(&e, text)
    }

    #[test]
    fn data_errors_are_said_in_chinese() {
        assert_eq!(problem(r#"{"name":"a"}"#).message, "缺少字段 `count`");
        assert_eq!(
            problem(r#"{"count":1,"name":"a","colour":1}"#).message,
            "无法识别的字段 `colour`"
        );
        assert_eq!(
            problem(r#"{"count":"3","name":"a"}"#).message,
            "数据类型不正确（应为不小于0的整数，实为文字）"
        );
        assert_eq!(
            problem(r#"{"count":1,"name":7}"#).message,
            "数据类型不正确（应为文字，实为数字）"
        );
        assert_eq!(
            problem(r#"{"count":1,"name":"a","flag":[]}"#).message,
            "数据类型不正确（应为true 或 false，实为列表）"
        );
        assert_eq!(
            problem(r#"{"count":-1,"name":"a"}"#).message,
            "数值超出范围（应为不小于0的整数）"
        );
        assert_eq!(problem(r#""x""#).message, "数据类型不正确（应为对象，实为文字）");
        assert_eq!(problem(r#"[1]"#).message, "数据类型不正确（应为对象）");
        assert_eq!(
            problem(r#"{"count":1,"count":2,"name":"a"}"#).message,
            "字段 `count` 重复出现"
        );
    }

    #[test]
    fn places_are_lines_and_columns_in_characters() {
        // serde_json counts bytes: 标题 is six bytes, two characters.
        let text = "{\"name\":\"标题\",\n \"count\": \"x\"}";
        let p = problem(text);
        assert_eq!((p.line, p.column), (2, 13), "the closing quote of \"x\"");
        assert_eq!(
            p.to_string(),
            "数据类型不正确（应为不小于0的整数，实为文字），位于第2行第13列"
        );
        let p = problem("{\"name\":\"标题\",");
        assert_eq!(p.kind, ProblemKind::Eof);
        assert_eq!(p.to_string(), "内容在中途被截断，位于第1行第13列");
        let p = problem("{\"name\":\"标题\" x");
        assert_eq!((p.kind, p.place()), (ProblemKind::Syntax, "第1行第14列".to_string()));
    }

    #[test]
    fn a_problem_inside_a_part_is_placed_in_the_whole_text() {
        let text = "{\"data\":\n  {\"name\":\"标题\",\"count\":true}}";
        let part = &text[text.find("  {").unwrap() + 2..text.len() - 1];
        let e = serde_json::from_str::<Sample>(part).unwrap_err();
        let p = JsonProblem::within(&e, text, part);
        assert_eq!((p.line, p.column), (2, 27), "{p}");
        assert_eq!(p.message, "数据类型不正确（应为不小于0的整数，实为true 或 false）");
    }

    #[test]
    fn nesting_thousands_of_levels_deep_is_refused_with_a_message_not_a_crash() {
        let text = "[".repeat(100_000);
        let e = serde_json::from_str::<Vec<serde_json::Value>>(&text).unwrap_err();
        let p = JsonProblem::of(&e, &text);
        assert_eq!(p.kind, ProblemKind::TooDeep);
        assert!(p.to_string().starts_with("嵌套层数过多"), "{p}");
    }
}
