//! Scores a member would check by hand: subtotals, 不适用 normalisation, grades.

use mofan::core::{Assessment, Choice, Points, Respondent, Scorecard, Template};

fn template(json_sections: &str, total: u32) -> Template {
    let text = format!(
        r#"{{"format":"mofan-template","format_version":1,"id":"t","version":1,"title":"测试表","short_title":"测试",
        "audience":"member","total":{total},
        "grades":[{{"name":"优秀","min":90}},{{"name":"良好","min":80}},{{"name":"合格","min":60}},{{"name":"不合格","min":0}}],
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
        100,
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

#[test]
fn blank_self_check_scores_zero_with_lowest_grade() {
    let t = three_items();
    let card = Scorecard::of(&t, &start(&t));
    assert_eq!(card.total, Points::ZERO);
    assert_eq!(card.answered, 0);
    assert_eq!(card.items, 3);
    assert_eq!(card.grade, "不合格");
}

#[test]
fn met_partial_and_not_met_give_full_share_and_zero() {
    let t = three_items();
    let mut a = start(&t);
    a.set_choice("a1", Some(Choice::Met), 2);
    a.set_choice("a2", Some(Choice::Partial), 3);
    a.set_choice("b1", Some(Choice::NotMet), 4);
    let card = Scorecard::of(&t, &a);
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
    a.set_choice("a1", Some(Choice::Met), 2);
    a.set_choice("a2", Some(Choice::NotApplicable), 2);
    a.set_choice("b1", Some(Choice::Partial), 2);
    let card = Scorecard::of(&t, &a);
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
        100,
    );
    let mut a = start(&t);
    a.set_choice("i1", Some(Choice::Met), 2);
    a.set_choice("i2", Some(Choice::NotApplicable), 2);
    a.set_choice("i3", Some(Choice::Partial), 2);
    // 30 + 20 = 50 of 70 → 71.428… → 71.43
    let card = Scorecard::of(&t, &a);
    assert_eq!(card.total.to_string(), "71.43");
}

#[test]
fn everything_not_applicable_scores_zero_without_dividing_by_zero() {
    let t = three_items();
    let mut a = start(&t);
    for id in ["a1", "a2", "b1"] {
        a.set_choice(id, Some(Choice::NotApplicable), 2);
    }
    let card = Scorecard::of(&t, &a);
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
        100,
    );
    let mut a = start(&t);
    a.set_choice("i1", Some(Choice::Partial), 2);
    a.set_choice("i2", Some(Choice::Met), 2);
    let card = Scorecard::of(&t, &a);
    assert_eq!(card.total.to_string(), "99.75");
}
