//! Scores a member would check by hand: every rule, 不适用 normalisation,
//! bonus, veto, grades, and self vs review.

use mofan::core::{Assessment, Points, Respondent, Response, Review, Scorecard, Template};

fn template(json_sections: &str, total: &str) -> Template {
    let text = format!(
        r#"{{"format":"mofan-template","format_version":1,"id":"t","version":1,"title":"测试表","short_title":"测试",
        "audience":"member","total":{total},
        "grades":[{{"name":"优秀","min":90}},{{"name":"良好","min":80}},
          {{"name":"合格","min":60}},{{"name":"不合格","min":0}}],
        "sections":{json_sections}}}"#
    );
    Template::from_json(&text).unwrap_or_else(|e| panic!("test template invalid: {e:?}"))
}

fn three_items() -> Template {
    template(
        r#"[{"id":"a","title":"甲","items":[
              {"id":"a1","title":"一","points":40,"rule":{"kind":"check"}},
              {"id":"a2","title":"二","points":20,"rule":{"kind":"check","partial":0.6}}]},
            {"id":"b","title":"乙","items":[
              {"id":"b1","title":"三","points":40,"rule":{"kind":"check"}}]}]"#,
        "100",
    )
}

/// One item of each rule, base points 10 + 20 + 30 + 40 = 100, plus a veto and a bonus.
fn every_rule() -> Template {
    template(
        r#"[{"id":"s","title":"甲","items":[
              {"id":"check","title":"达标检查","points":10,"rule":{"kind":"check"}},
              {"id":"ladder","title":"分档","points":20,"rule":{"kind":"ladder","steps":[
                  {"name":"好","points":20},{"name":"较好","points":14},
                  {"name":"一般","points":8},{"name":"差","points":0}]}},
              {"id":"meetings","title":"三会一课","points":30,"rule":{"kind":"deduction","per":0.5,"max_count":100}},
              {"id":"free","title":"自由评分","points":40,"rule":{"kind":"free"}},
              {"id":"veto","title":"发生违纪违法问题","points":0,"rule":{"kind":"veto"},"allow_na":false},
              {"id":"bonus","title":"获上级表彰","points":5,"rule":{"kind":"bonus"}}]}]"#,
        "100",
    )
}

fn start(t: &Template) -> Assessment {
    let who = Respondent {
        unit: "某单位".into(),
        branch: "第一支部".into(),
        name: "张三".into(),
    };
    Assessment::start("x".into(), t, who, "2026年上半年", 1).unwrap()
}

fn answer(t: &Template, a: &mut Assessment, id: &str, r: Response) {
    a.set_response(t.item(id).unwrap(), Some(r), 2).unwrap();
}

/// Every base item of `every_rule()` at full marks except the free score.
fn base_items_full_but_free(t: &Template, free: i64) -> Assessment {
    let mut a = start(t);
    answer(t, &mut a, "check", Response::Met);
    answer(t, &mut a, "ladder", Response::Step("好".into()));
    answer(t, &mut a, "meetings", Response::Count(0));
    answer(t, &mut a, "free", Response::Score(Points::whole(free)));
    a
}

fn pts(s: &str) -> Points {
    Points::parse(s).unwrap()
}

#[test]
fn blank_self_check_scores_zero_with_lowest_grade() {
    let t = three_items();
    let card = Scorecard::of_self(&t, &start(&t));
    assert_eq!(card.total, Points::ZERO);
    assert_eq!(card.answered, 0);
    assert_eq!(card.items, 3);
    assert_eq!(card.grade, "不合格");
}

#[test]
fn met_partial_and_not_met_give_full_share_and_zero() {
    let t = three_items();
    let mut a = start(&t);
    answer(&t, &mut a, "a1", Response::Met);
    answer(&t, &mut a, "a2", Response::Partial);
    answer(&t, &mut a, "b1", Response::NotMet);
    let card = Scorecard::of_self(&t, &a);
    // 40 + 20 × 0.6 + 0 = 52
    assert_eq!(card.sections[0].earned, Points::whole(52));
    assert_eq!(card.sections[0].answered, 2);
    assert_eq!(card.sections[1].earned, Points::ZERO);
    assert_eq!(card.total, Points::whole(52));
    assert_eq!(card.grade, "不合格");
    assert!(card.is_complete());
}

#[test]
fn not_applicable_leaves_the_denominator_and_total_is_rescaled() {
    let t = three_items();
    let mut a = start(&t);
    answer(&t, &mut a, "a1", Response::Met);
    answer(&t, &mut a, "a2", Response::NotApplicable);
    answer(&t, &mut a, "b1", Response::Partial);
    let card = Scorecard::of_self(&t, &a);
    // earned 40 + 20 = 60 of 80 applicable → 75 on the 100 scale
    assert_eq!(card.applicable, Points::whole(80));
    assert_eq!(card.total, Points::whole(75));
    assert_eq!(card.grade, "合格");
    assert_eq!(card.sections[0].applicable, Points::whole(40));
    assert_eq!(card.sections[0].max, Points::whole(60));
}

#[test]
fn rescaled_total_rounds_half_up_to_hundredths() {
    let t = template(
        r#"[{"id":"s","title":"甲","items":[
              {"id":"i1","title":"一","points":30,"rule":{"kind":"check"}},
              {"id":"i2","title":"二","points":30,"rule":{"kind":"check"}},
              {"id":"i3","title":"三","points":40,"rule":{"kind":"check"}}]}]"#,
        "100",
    );
    let mut a = start(&t);
    answer(&t, &mut a, "i1", Response::Met);
    answer(&t, &mut a, "i2", Response::NotApplicable);
    answer(&t, &mut a, "i3", Response::Partial);
    // 30 + 20 = 50 of 70 → 71.428… → 71.43
    assert_eq!(Scorecard::of_self(&t, &a).total.to_string(), "71.43");
}

#[test]
fn everything_not_applicable_scores_zero_without_dividing_by_zero() {
    let t = three_items();
    let mut a = start(&t);
    for id in ["a1", "a2", "b1"] {
        answer(&t, &mut a, id, Response::NotApplicable);
    }
    let card = Scorecard::of_self(&t, &a);
    assert_eq!(card.total, Points::ZERO);
    assert_eq!(card.answered, 3);
}

#[test]
fn grade_bands_come_from_the_template_edges_included() {
    let t = three_items();
    assert_eq!(t.grade_for(Points::whole(90)).name, "优秀");
    assert_eq!(t.grade_for(Points::from_hundredths(8999)).name, "良好");
    assert_eq!(t.grade_for(Points::whole(60)).name, "合格");
    assert_eq!(t.grade_for(Points::from_hundredths(5999)).name, "不合格");
}

#[test]
fn half_points_add_up_exactly() {
    let t = template(
        r#"[{"id":"s","title":"甲","items":[
              {"id":"i1","title":"一","points":0.5,"rule":{"kind":"check"}},
              {"id":"i2","title":"二","points":99.5,"rule":{"kind":"check"}}]}]"#,
        "100",
    );
    let mut a = start(&t);
    answer(&t, &mut a, "i1", Response::Partial);
    answer(&t, &mut a, "i2", Response::Met);
    assert_eq!(Scorecard::of_self(&t, &a).total.to_string(), "99.75");
}

#[test]
fn ladder_steps_give_their_points() {
    let t = every_rule();
    let mut a = start(&t);
    answer(&t, &mut a, "ladder", Response::Step("较好".into()));
    assert_eq!(Scorecard::of_self(&t, &a).earned, Points::whole(14));
    let unknown = a.set_response(t.item("ladder").unwrap(), Some(Response::Step("优".into())), 3);
    assert!(unknown.unwrap_err().message().contains("没有这个分档"));
}

#[test]
fn deductions_count_occurrences_and_stop_at_zero() {
    let t = every_rule();
    let mut a = start(&t);
    // 三会一课缺3次 × 0.5 = 1.5 off 30
    answer(&t, &mut a, "meetings", Response::Count(3));
    assert_eq!(Scorecard::of_self(&t, &a).earned, pts("28.5"));
    // 扣完为止: 80 × 0.5 = 40 off 30 → 0, never negative
    answer(&t, &mut a, "meetings", Response::Count(80));
    assert_eq!(Scorecard::of_self(&t, &a).earned, Points::ZERO);
    let over = a.set_response(t.item("meetings").unwrap(), Some(Response::Count(101)), 3);
    assert!(over.unwrap_err().message().contains("100次"));
}

#[test]
fn free_scores_take_halves_within_the_points() {
    let t = every_rule();
    let item = t.item("free").unwrap();
    let mut a = start(&t);
    a.set_response(item, Some(Response::Score(pts("37.5"))), 2).unwrap();
    assert_eq!(Scorecard::of_self(&t, &a).earned, pts("37.5"));
    let off_step = a.set_response(item, Some(Response::Score(pts("37.3"))), 3).unwrap_err();
    assert!(off_step.message().contains("0.5分的整数倍"));
    let too_high = a
        .set_response(item, Some(Response::Score(Points::whole(41))), 3)
        .unwrap_err();
    assert!(too_high.message().contains("0到40分"));
    // a refused answer changes nothing
    assert_eq!(a.response("free"), Some(&Response::Score(pts("37.5"))));
}

#[test]
fn bonus_is_added_apart_from_the_base_and_capped_by_its_points() {
    let t = every_rule();
    let mut a = base_items_full_but_free(&t, 30);
    answer(&t, &mut a, "bonus", Response::Score(Points::whole(3)));
    let card = Scorecard::of_self(&t, &a);
    assert_eq!(card.base, Points::whole(90));
    assert_eq!(card.bonus, Points::whole(3));
    assert_eq!(card.total, Points::whole(93));
    assert_eq!(card.grade, "优秀");
    let over_cap = a.set_response(t.item("bonus").unwrap(), Some(Response::Score(Points::whole(6))), 3);
    assert!(over_cap.is_err());
}

#[test]
fn a_triggered_veto_forces_the_lowest_grade_and_names_the_reason() {
    let t = every_rule();
    let mut a = base_items_full_but_free(&t, 40);
    answer(&t, &mut a, "veto", Response::Veto(false));
    assert_eq!(Scorecard::of_self(&t, &a).grade, "优秀");
    assert_eq!(Scorecard::of_self(&t, &a).veto_notice(), None);
    answer(&t, &mut a, "veto", Response::Veto(true));
    let card = Scorecard::of_self(&t, &a);
    assert_eq!(card.total, Points::whole(100));
    assert_eq!(card.grade, "不合格");
    assert_eq!(card.vetoes, vec!["发生违纪违法问题".to_string()]);
    assert_eq!(
        card.veto_notice().as_deref(),
        Some("一票否决：发生违纪违法问题。等次定为不合格。")
    );
    // the veto item cannot be waved away as 不适用 when the template says so
    let na = a.set_response(t.item("veto").unwrap(), Some(Response::NotApplicable), 3);
    assert!(na.unwrap_err().message().contains("不允许"));
}

#[test]
fn review_scores_are_kept_beside_the_members_and_never_change_them() {
    let t = three_items();
    let mut a = start(&t);
    answer(&t, &mut a, "a1", Response::Met);
    answer(&t, &mut a, "b1", Response::Met);
    let review = Review {
        response: Some(Response::Partial),
        comment: "佐证材料不全".into(),
    };
    a.set_review(t.item("b1").unwrap(), review, 5).unwrap();
    assert_eq!(a.response("b1"), Some(&Response::Met));
    assert_eq!(Scorecard::of_self(&t, &a).total, Points::whole(80));
    // the reviewer reviewed only b1: 20 of 100
    assert_eq!(Scorecard::of_review(&t, &a).unwrap().total, Points::whole(20));
    assert_eq!(a.answer("b1").unwrap().review.as_ref().unwrap().comment, "佐证材料不全");
}

#[test]
fn an_answer_that_no_longer_fits_the_rule_counts_as_unanswered() {
    // e.g. a record made with an older template version where the item was a ladder
    let t = three_items();
    let mut a = start(&t);
    let stale = mofan::core::Answer {
        response: Some(Response::Step("好".into())),
        ..Default::default()
    };
    a.set_answer("a1", stale, 2);
    let card = Scorecard::of_self(&t, &a);
    assert_eq!(card.answered, 0);
    assert_eq!(card.total, Points::ZERO);
}

#[test]
fn two_rounds_compare_section_by_section_and_in_total() {
    use mofan::core::assessment::round::{compare_rounds, Trend};
    let t = three_items();
    let mut first = start(&t);
    first.round = "2026年上半年".into();
    answer(&t, &mut first, "a1", Response::Met); // 40
    answer(&t, &mut first, "b1", Response::Met); // 40
    let mut second = start(&t);
    second.round = "2026年下半年".into();
    answer(&t, &mut second, "a1", Response::Met); // 40
    answer(&t, &mut second, "a2", Response::Partial); // 12
    answer(&t, &mut second, "b1", Response::Partial); // 20
    let lines = compare_rounds(&t, &second, &t, &first);
    let got: Vec<(&str, Option<Points>, Points, String)> = lines
        .iter()
        .map(|l| {
            (
                l.title.as_str(),
                l.before,
                l.now,
                l.trend().map(|t| t.label()).unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("甲", Some(pts("40")), pts("52"), "↑ 12".to_string()),
            ("乙", Some(pts("40")), pts("20"), "↓ 20".to_string()),
            ("总分", Some(pts("80")), pts("72"), "↓ 8".to_string()),
        ]
    );
    assert_eq!(Trend::between(pts("5"), pts("5")).label(), "持平");
}

#[test]
fn a_card_built_from_sections_scored_alone_is_the_same_card() {
    use mofan::core::SectionScore;
    let t = every_rule();
    let mut a = base_items_full_but_free(&t, 31);
    answer(&t, &mut a, "veto", Response::Veto(true));
    answer(&t, &mut a, "bonus", Response::Score(pts("2")));
    let sections = t
        .sections
        .iter()
        .map(|s| SectionScore::of(s, |id| a.response(id).cloned()))
        .collect();
    let combined = Scorecard::from_sections(&t, sections);
    assert_eq!(combined, Scorecard::of_self(&t, &a));
    assert_eq!(combined.vetoes, ["发生违纪违法问题"]);
    assert_eq!(combined.total, pts("93"), "60 + 31 = 91 of 100, plus 2 bonus");
}

/// 述职评议 by 20 members: 好 10 / 较好 8 / 一般 6 / 差 0 on a 10-point item.
fn polled() -> Template {
    template(
        r#"[{"id":"s","title":"述职评议","items":[
              {"id":"poll","title":"党员对书记述职的测评","points":10,"rule":{"kind":"poll","steps":[
                  {"name":"好","points":10},{"name":"较好","points":8},
                  {"name":"一般","points":6},{"name":"差","points":0}]},"method":"poll"},
              {"id":"rest","title":"其余","points":90,"rule":{"kind":"check"}}]}]"#,
        "100",
    )
}

#[test]
fn a_poll_scores_the_vote_weighted_average_and_counts_blank_ballots_apart() {
    use mofan::core::assessment::poll::Tally;
    use mofan::core::{ItemScore, Rule};
    let t = polled();
    let item = t.item("poll").unwrap();
    let Rule::Poll { steps } = &item.rule else {
        panic!("a poll")
    };
    let mut a = start(&t);
    // 14 好, 4 较好, 1 一般, 1 差: (140 + 32 + 6 + 0) ÷ 20 = 8.9; 2 blank ballots are not scored.
    let votes = Response::Votes(Tally::of(steps, &[14, 4, 1, 1], 2));
    answer(&t, &mut a, "poll", votes.clone());
    assert_eq!(ItemScore::of(item, Some(&votes)), ItemScore::Base(pts("8.9")));
    answer(&t, &mut a, "rest", Response::Met);
    let card = Scorecard::of_self(&t, &a);
    assert_eq!(card.total, pts("98.9"));
    assert_eq!(votes.label(), "好14票、较好4票、一般1票、差1票，弃权或空白2票");

    // 2 好 and 1 较好: 28 ÷ 3 = 9.333… → 9.33.
    answer(&t, &mut a, "poll", Response::Votes(Tally::of(steps, &[2, 1, 0, 0], 0)));
    assert_eq!(Scorecard::of_self(&t, &a).earned, pts("99.33"));

    // Only blank ballots: nothing to average, refused in Chinese, the last answer kept.
    let none = a.set_response(item, Some(Response::Votes(Tally::of(steps, &[0, 0, 0, 0], 20))), 3);
    assert!(none.unwrap_err().message().contains("还没有有效票"));
    assert_eq!(Scorecard::of_self(&t, &a).earned, pts("99.33"));
}

#[test]
fn a_poll_reads_and_writes_its_votes_by_step_name() {
    use mofan::core::exchange::record::{decode_assessment, encode_assessment};
    let t = polled();
    let mut a = start(&t);
    let text = r#"{"votes":{"steps":[{"name":"好","votes":3},{"name":"差","votes":1}],"blank":1}}"#;
    let r: Response = serde_json::from_str(text).unwrap();
    answer(&t, &mut a, "poll", r.clone());
    // 3 × 10 + 1 × 0 over 4 = 7.5
    assert_eq!(Scorecard::of_self(&t, &a).earned, pts("7.5"));
    assert_eq!(serde_json::to_string(&r).unwrap(), text);
    assert_eq!(decode_assessment(&encode_assessment(&a)).unwrap(), a);
    let unknown: Response = serde_json::from_str(r#"{"votes":{"steps":[{"name":"优","votes":3}]}}"#).unwrap();
    let refused = a.set_response(t.item("poll").unwrap(), Some(unknown), 3);
    assert!(refused.unwrap_err().message().contains("没有这个分档"));
}

#[test]
fn a_self_check_not_yet_finished_shows_as_such_not_as_the_lowest_grade() {
    let t = every_rule();
    let card = Scorecard::of_self(&t, &start(&t));
    assert_eq!(
        (card.grade.as_str(), card.grade_shown(), card.open),
        ("不合格", "未完成", 5)
    );
    // Every item answered but the bonus: finished (no award is an answer of its own).
    let mut a = base_items_full_but_free(&t, 40);
    answer(&t, &mut a, "veto", Response::Veto(false));
    let card = Scorecard::of_self(&t, &a);
    assert_eq!((card.open, card.grade_shown()), (0, "优秀"));
    // A triggered veto decides the grade whatever is left to answer.
    let mut b = start(&t);
    answer(&t, &mut b, "veto", Response::Veto(true));
    assert_eq!(Scorecard::of_self(&t, &b).grade_shown(), "不合格");
    a.set_response(t.item("free").unwrap(), None, 9).unwrap();
    assert_eq!(Scorecard::of_self(&t, &a).grade_shown(), "未完成");
}
