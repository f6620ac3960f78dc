//! Answers no rule can take, from storage, a backup or a result file, are
//! named by item in Chinese, and can be left out without touching the rest.

use mofan::core::assessment::answer_check::answer_problems;
use mofan::core::template::builtin::builtin_templates;
use mofan::core::{Answer, Assessment, Points, Respondent, Response, Review, Template};

/// The member checklist's first version, whose items and rules these tests name.
fn member_template() -> Template {
    builtin_templates()
        .into_iter()
        .find(|t| t.id == "hege-dangyuan" && t.version == 1)
        .unwrap()
}

/// A self-check as a hand-edited record could hold it: answers put in
/// without the checks the form makes.
fn with_answers(t: &Template, answers: &[(&str, Response)]) -> Assessment {
    let who = Respondent {
        name: "郑十一".into(),
        ..Default::default()
    };
    let mut a = Assessment::start("x".into(), t, who, "2026年上半年", 1).unwrap();
    for (id, r) in answers {
        a.answers.insert(
            id.to_string(),
            Answer {
                response: Some(r.clone()),
                ..Default::default()
            },
        );
    }
    a
}

#[test]
fn every_answer_no_rule_can_take_is_named_by_item_in_the_checklists_order() {
    let t = member_template();
    let a = with_answers(
        &t,
        &[
            ("gai-2", Response::Score(Points::whole(999))),
            ("xue-3", Response::Count(99)),
            ("zuo-1", Response::Step("极好".into())),
            ("zuo-v", Response::NotApplicable),
            ("xue-1", Response::Met),
            ("gone", Response::Met),
        ],
    );
    let got: Vec<String> = answer_problems(&t, &a).iter().map(ToString::to_string).collect();
    assert_eq!(got.len(), 5, "{got:#?}");
    assert!(
        got[0].starts_with("第1.3项“") && got[0].contains("自评答案“99次”不符合评分规则（次数不能超过12次）"),
        "{}",
        got[0]
    );
    assert!(
        got[1].starts_with("第2.1项“") && got[1].contains("“极好”") && got[1].contains("没有这个分档"),
        "{}",
        got[1]
    );
    assert!(
        got[2].starts_with("第2.5项“") && got[2].contains("不允许选择“不适用”"),
        "{}",
        got[2]
    );
    assert!(
        got[3].starts_with("第3.2项“") && got[3].contains("“999分”") && got[3].contains("分数应在0到8分之间"),
        "{}",
        got[3]
    );
    assert_eq!(got[4], "条目“gone”：评分表中没有这一项，答案无处可填");
}

#[test]
fn a_review_that_does_not_fit_is_named_as_the_reviewers() {
    let t = member_template();
    let mut a = with_answers(&t, &[("xue-1", Response::Met)]);
    a.answers.get_mut("xue-1").unwrap().review = Some(Review {
        response: Some(Response::Score(Points::whole(3))),
        comment: "记录不全".into(),
    });
    let got = answer_problems(&t, &a);
    assert_eq!(got.len(), 1);
    assert!(got[0].message.starts_with("审核答案“3分”"), "{}", got[0]);
}

#[test]
fn leaving_out_bad_answers_keeps_every_good_answer_note_and_comment() {
    let t = member_template();
    let mut a = with_answers(
        &t,
        &[
            ("gai-2", Response::Score(Points::whole(999))),
            ("xue-1", Response::Met),
            ("gone", Response::Met),
        ],
    );
    a.answers.get_mut("gai-2").unwrap().note = "说明保留".into();
    a.answers.get_mut("xue-1").unwrap().review = Some(Review {
        response: Some(Response::Count(2)),
        comment: "意见保留".into(),
    });
    let clean = a.without_bad_answers(&t);
    assert!(answer_problems(&t, &clean).is_empty());
    assert_eq!(clean.response("gai-2"), None);
    assert_eq!(clean.note("gai-2"), "说明保留");
    assert_eq!(clean.response("xue-1"), Some(&Response::Met));
    assert_eq!(clean.review_response("xue-1"), None);
    assert_eq!(clean.review_comment("xue-1"), "意见保留");
    assert!(clean.answer("gone").is_none());
    assert_eq!((clean.id.as_str(), clean.updated_at), (a.id.as_str(), a.updated_at));
}

#[test]
fn a_result_file_with_answers_no_rule_can_take_is_refused_naming_each() {
    use mofan::core::exchange::result_file::{encode_result, open, ResultFileError};
    let t = member_template();
    let a = with_answers(
        &t,
        &[
            ("gai-2", Response::Score(Points::whole(999))),
            ("xue-3", Response::Count(99)),
        ],
    );
    let file = encode_result(&t, &a, 9);
    let Err(ResultFileError::BadAnswer(why)) = open(&file, |_, _| Some(&t)) else {
        panic!("refused")
    };
    assert!(why.starts_with("“郑十一”的第1.3项"), "{why}");
    assert!(why.contains("；第3.2项") && why.contains("“999分”"), "{why}");
}
