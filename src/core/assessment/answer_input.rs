//! Answers typed as text: a count for 扣分 items, a score for 打分 and 加分
//! items. What the user typed becomes a `Response`, or a Chinese message.

use crate::core::assessment::answers::Response;
use crate::core::basics::points::Points;
use crate::core::template::format::Rule;

/// Why typed text is not an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputProblem {
    NotACount,
    NotAScore,
    /// The rule is answered by choosing, not typing.
    NotTyped,
}

impl InputProblem {
    pub fn message(self) -> &'static str {
        match self {
            InputProblem::NotACount => "请输入0或正整数（次数）",
            InputProblem::NotAScore => "请输入分数，例如 7 或 7.5",
            InputProblem::NotTyped => "此项应选择评定结果，不能输入",
        }
    }
}

/// Reads a typed answer for an item with `rule`. Empty text clears the answer.
/// Whether the value fits the item (range, step, maximum count) is checked
/// afterwards by `Response::check_fits`.
pub fn parse_typed(rule: &Rule, text: &str) -> Result<Option<Response>, InputProblem> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match rule {
        Rule::Deduction { .. } => text
            .parse()
            .map(|n| Some(Response::Count(n)))
            .map_err(|_| InputProblem::NotACount),
        Rule::Free { .. } | Rule::Bonus { .. } => Points::parse(text)
            .map(|p| Some(Response::Score(p)))
            .ok_or(InputProblem::NotAScore),
        Rule::Check { .. } | Rule::Ladder { .. } | Rule::Veto => Err(InputProblem::NotTyped),
    }
}

/// The text to show in the input for a stored answer.
pub fn typed_text(response: Option<&Response>) -> String {
    match response {
        Some(Response::Count(n)) => n.to_string(),
        Some(Response::Score(p)) => p.to_string(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const COUNT: Rule = Rule::Deduction {
        per: Points::from_hundredths(50),
        max_count: None,
    };
    const SCORE: Rule = Rule::Free {
        step: Points::from_hundredths(50),
    };

    #[test]
    fn counts_and_scores_read_as_typed_and_show_back_the_same() {
        assert_eq!(parse_typed(&COUNT, " 3 "), Ok(Some(Response::Count(3))));
        assert_eq!(
            parse_typed(&SCORE, "7.5"),
            Ok(Some(Response::Score(Points::from_hundredths(750))))
        );
        assert_eq!(parse_typed(&SCORE, "  "), Ok(None));
        for r in [Response::Count(12), Response::Score(Points::from_hundredths(750))] {
            let rule = if matches!(r, Response::Count(_)) { COUNT } else { SCORE };
            assert_eq!(parse_typed(&rule, &typed_text(Some(&r))), Ok(Some(r)));
        }
    }

    #[test]
    fn nonsense_is_refused_in_chinese() {
        assert_eq!(parse_typed(&COUNT, "abc"), Err(InputProblem::NotACount));
        assert_eq!(parse_typed(&COUNT, "-1"), Err(InputProblem::NotACount));
        assert_eq!(parse_typed(&COUNT, "2.5"), Err(InputProblem::NotACount));
        assert_eq!(parse_typed(&SCORE, "七"), Err(InputProblem::NotAScore));
        assert_eq!(parse_typed(&Rule::Veto, "1"), Err(InputProblem::NotTyped));
        let said = parse_typed(&COUNT, "两次").unwrap_err();
        assert_eq!(said.message(), "请输入0或正整数（次数）");
    }
}
