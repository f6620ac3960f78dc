//! Answers typed as text: a count for 扣分 items, a score for 打分 and 加分
//! items, the votes per step for 民主测评 items. What the user typed becomes
//! a `Response`, or a Chinese message.

use crate::core::assessment::answers::Response;
use crate::core::assessment::poll::Tally;
use crate::core::basics::points::Points;
use crate::core::basics::typed::half_width_digits;
use crate::core::template::format::{LadderStep, Rule};

/// Why typed text is not an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputProblem {
    NotACount,
    NotAScore,
    NotAVoteCount,
    /// The rule is answered by choosing, not typing.
    NotTyped,
}

impl InputProblem {
    pub fn message(self) -> &'static str {
        match self {
            InputProblem::NotACount => "请输入0或正整数（次数）",
            InputProblem::NotAScore => "请输入分数，例如 7 或 7.5",
            InputProblem::NotAVoteCount => "票数应为0或正整数",
            InputProblem::NotTyped => "此项应选择评定结果，不能输入",
        }
    }
}

/// Reads a typed answer for an item with `rule`. Empty text clears the answer.
/// Whether the value fits the item (range, step, maximum count) is checked
/// afterwards by `Response::check_fits`.
pub fn parse_typed(rule: &Rule, text: &str) -> Result<Option<Response>, InputProblem> {
    let text = half_width_digits(text);
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
        Rule::Check { .. } | Rule::Ladder { .. } | Rule::Poll { .. } | Rule::Veto => Err(InputProblem::NotTyped),
    }
}

/// Reads the votes typed for a 民主测评 item: one box per step, in order, and
/// one for blank ballots and abstentions. An empty box is 0 votes; every box
/// empty clears the answer. Whether there is a scored vote is checked
/// afterwards by `Response::check_fits`.
pub fn parse_votes(steps: &[LadderStep], counts: &[String], blank: &str) -> Result<Option<Response>, InputProblem> {
    let read = |text: &str| -> Result<u32, InputProblem> {
        let text = half_width_digits(text);
        let text = text.trim();
        if text.is_empty() {
            Ok(0)
        } else {
            text.parse().map_err(|_| InputProblem::NotAVoteCount)
        }
    };
    if counts.iter().all(|c| c.trim().is_empty()) && blank.trim().is_empty() {
        return Ok(None);
    }
    let counts = counts.iter().map(|c| read(c)).collect::<Result<Vec<u32>, _>>()?;
    Ok(Some(Response::Votes(Tally::of(steps, &counts, read(blank)?))))
}

/// The text to show in each box of a 民主测评 item for a stored answer: the
/// votes per step, in order, then the blank ballots; empty when unanswered.
pub fn typed_votes(steps: &[LadderStep], response: Option<&Response>) -> (Vec<String>, String) {
    match response {
        Some(Response::Votes(t)) => (
            steps.iter().map(|s| t.votes_for(&s.name).to_string()).collect(),
            t.blank.to_string(),
        ),
        _ => (vec![String::new(); steps.len()], String::new()),
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
    fn votes_read_per_step_with_empty_boxes_as_none_and_show_back_the_same() {
        let steps: Vec<LadderStep> = [("好", 10), ("较好", 8), ("差", 0)]
            .iter()
            .map(|(n, p)| LadderStep {
                name: (*n).into(),
                points: Points::whole(*p),
            })
            .collect();
        let typed = |c: [&str; 3], b: &str| parse_votes(&steps, &c.map(String::from), b);
        let r = typed(["12", "", " 3 "], "1").unwrap().unwrap();
        assert_eq!(r, Response::Votes(Tally::of(&steps, &[12, 0, 3], 1)));
        assert_eq!(
            typed_votes(&steps, Some(&r)),
            (vec!["12".into(), "0".into(), "3".into()], "1".into())
        );
        assert_eq!(typed(["", "", ""], " "), Ok(None));
        assert_eq!(typed(["十二", "", ""], ""), Err(InputProblem::NotAVoteCount));
        assert_eq!(
            typed(["１２", "", ""], "０"),
            Ok(Some(Response::Votes(Tally::of(&steps, &[12, 0, 0], 0))))
        );
        assert_eq!(typed(["-1", "", ""], ""), Err(InputProblem::NotAVoteCount));
        assert_eq!(typed_votes(&steps, None), (vec![String::new(); 3], String::new()));
    }

    #[test]
    fn counts_and_scores_read_as_typed_and_show_back_the_same() {
        assert_eq!(parse_typed(&COUNT, " 3 "), Ok(Some(Response::Count(3))));
        assert_eq!(
            parse_typed(&SCORE, "7.5"),
            Ok(Some(Response::Score(Points::from_hundredths(750))))
        );
        assert_eq!(parse_typed(&SCORE, "  "), Ok(None));
        // What a Chinese input method types: full-width digits and point.
        assert_eq!(parse_typed(&COUNT, "１２"), Ok(Some(Response::Count(12))));
        assert_eq!(
            parse_typed(&SCORE, "７．５"),
            Ok(Some(Response::Score(Points::from_hundredths(750))))
        );
        assert_eq!(
            parse_typed(&SCORE, "7。5"),
            Ok(Some(Response::Score(Points::from_hundredths(750))))
        );
        assert_eq!(parse_typed(&COUNT, "三"), Err(InputProblem::NotACount));
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
