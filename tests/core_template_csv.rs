//! Importing 评分细则 saved from Excel as CSV, and exporting templates as CSV.

use mofan::core::template::builtin::builtin_templates;
use mofan::core::template::spreadsheet::{template_from_csv, template_id_for, template_to_csv};
use mofan::core::{Assessment, Audience, Points, Respondent, Response, Rule, Scorecard};

const FIXTURE: &str = include_str!("fixtures/支部党建考核细则.csv");
const BROKEN: &str = include_str!("fixtures/broken-template.csv");

#[test]
fn an_excel_table_becomes_a_template_with_merged_sections_and_every_rule() {
    let t = template_from_csv(FIXTURE, "支部党建考核细则").unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(t.title, "支部党建考核细则");
    assert_eq!(t.id, template_id_for("支部党建考核细则"));
    assert_eq!(t.audience, Audience::Branch);
    let sections: Vec<(&str, usize)> = t.sections.iter().map(|s| (s.title.as_str(), s.items.len())).collect();
    assert_eq!(sections, [("政治建设", 2), ("组织生活", 2), ("作用发挥", 2)]);
    let rules: Vec<&Rule> = t.items().map(|i| &i.rule).collect();
    assert!(matches!(rules[1], Rule::Veto));
    assert!(matches!(
        rules[2],
        Rule::Deduction {
            max_count: Some(30),
            ..
        }
    ));
    assert!(matches!(rules[3], Rule::Ladder { steps } if steps.len() == 4));
    assert!(matches!(rules[4], Rule::Free { .. }));
    assert!(matches!(rules[5], Rule::Bonus { .. }));
    assert_eq!(
        t.items().next().unwrap().criteria,
        "制定学习计划并落实,每季度至少1次专题研讨"
    );
    assert_eq!(t.grades.len(), 4);

    // Answer it and score by hand: 20 + (30 − 3) + 14 + 25 = 86, bonus 2 → 88, 良好
    let who = Respondent {
        name: "王五".into(),
        ..Default::default()
    };
    let mut a = Assessment::start("c".into(), &t, who, "2026年下半年", 1).unwrap();
    for (id, r) in [
        ("s1-1", Response::Met),
        ("s1-2", Response::Veto(false)),
        ("s2-1", Response::Count(3)),
        ("s2-2", Response::Step("较好".into())),
        ("s3-1", Response::Score(Points::whole(25))),
        ("s3-2", Response::Score(Points::whole(2))),
    ] {
        a.set_response(t.item(id).unwrap(), Some(r), 2).unwrap();
    }
    let card = Scorecard::of_self(&t, &a);
    assert_eq!(
        (card.base, card.bonus, card.total),
        (Points::whole(86), Points::whole(2), Points::whole(88))
    );
    assert_eq!(card.grade, "良好");
}

#[test]
fn every_problem_in_a_broken_table_is_named_with_its_line() {
    let errors: Vec<String> = template_from_csv(BROKEN, "坏表")
        .unwrap_err()
        .iter()
        .map(|e| e.to_string())
        .collect();
    let all = errors.join("\n");
    assert!(all.contains("第4行：分值“三十”不是有效数字"), "{all}");
    assert!(all.contains("第5行：无法识别的评分方式“看情况”"), "{all}");
    // with two rows refused, the rest adds up to 20 + 30 = 50 of the declared 100
    assert!(all.contains("各项分值合计为 50 分"), "{all}");
    // errors come in line order
    let first_line = errors.iter().position(|e| e.starts_with("第4行")).unwrap();
    let second_line = errors.iter().position(|e| e.starts_with("第5行")).unwrap();
    assert!(first_line < second_line, "{all}");
}

#[test]
fn missing_columns_and_unclosed_quotes_are_refused_in_chinese() {
    let e = template_from_csv("名称,分值\n甲,10\n", "x").unwrap_err();
    assert_eq!(
        e[0].to_string(),
        "第1行：表头缺少列：一级指标、二级指标/考核内容、评分标准（第一行应为列名）"
    );
    let e = template_from_csv("一级指标,考核内容,评分标准,分值\n甲,\"乙,丙,10\n", "x").unwrap_err();
    assert!(e[0].to_string().starts_with("第2行：引号没有闭合"), "{e:?}");
    assert_eq!(template_from_csv("", "x").unwrap_err()[0].to_string(), "文件是空的");
}

#[test]
fn a_custom_partial_share_is_read_and_written() {
    let text = FIXTURE.replace("20,达标,", "20,达标：0.6,");
    let t = template_from_csv(&text, "x").unwrap();
    assert_eq!(
        t.items().next().unwrap().rule,
        Rule::Check {
            partial: mofan::core::Fraction::from_hundredths(60)
        }
    );
    assert!(template_to_csv(&t).contains(",达标：0.6,"));
}

#[test]
fn a_band_gap_in_the_table_is_caught() {
    let text = FIXTURE.replace("不合格0", "不合格10");
    let e = template_from_csv(&text, "x").unwrap_err();
    assert!(e.iter().any(|e| e.to_string().contains("未覆盖0分")), "{e:?}");
}

#[test]
fn every_built_in_checklist_survives_a_csv_round_trip() {
    for t in builtin_templates() {
        let back = template_from_csv(&template_to_csv(&t), &t.title).unwrap_or_else(|e| panic!("{}: {e:?}", t.id));
        assert_eq!(back.total, t.total, "{}", t.id);
        assert_eq!(back.grades, t.grades, "{}", t.id);
        assert_eq!(back.audience, t.audience, "{}", t.id);
        assert_eq!(back.period, t.period, "{}", t.id);
        assert_eq!(back.sections.len(), t.sections.len(), "{}", t.id);
        for (a, b) in t.items().zip(back.items()) {
            assert_eq!(
                (&a.title, a.points, &a.evidence, a.method),
                (&b.title, b.points, &b.evidence, b.method),
                "{}",
                t.id
            );
            assert_eq!(a.rule, b.rule, "{} {}", t.id, a.id);
        }
    }
}

#[test]
fn the_check_method_and_the_period_are_read_from_their_column_and_row() {
    use mofan::core::template::format::{Method, Period};
    let table = "一级指标,考核内容,评分标准,分值,考评方式\n\
        组织生活,按期召开支委会,每少开1次扣1分,60,查阅资料\n\
        ,党员评议支部,好40/较好30/一般20/差0,40,民主测评\n\
        考评周期,,年度,,\n";
    let t = template_from_csv(table, "表").unwrap_or_else(|e| panic!("{e:?}"));
    let methods: Vec<Option<Method>> = t.items().map(|i| i.method).collect();
    assert_eq!(methods, [Some(Method::Documents), Some(Method::Poll)]);
    assert_eq!(t.period, Period::Year);
    let out = template_to_csv(&t);
    assert!(out.contains(",考评方式,"), "{out}");
    assert!(out.contains("按期召开支委会,每少开1次扣1分,60,达标,查阅资料,"), "{out}");
    assert!(out.contains("考评周期,,年度,"), "{out}");

    let e = template_from_csv(&table.replace("查阅资料", "看看"), "表").unwrap_err();
    assert!(
        e.iter()
            .any(|e| e.to_string().starts_with("第2行") && e.to_string().contains("无法识别的考评方式“看看”")),
        "{e:?}"
    );
    let e = template_from_csv(&table.replace("年度", "季度"), "表").unwrap_err();
    assert!(
        e.iter().any(|e| e.to_string().contains("考评周期应为“半年”或“年度”")),
        "{e:?}"
    );
}

#[test]
fn a_poll_column_reads_as_votes_per_step_and_writes_back_the_same() {
    let table = "一级指标,考核内容,评分标准,分值,评分方式,考评方式\n\
        述职评议,党员对书记述职的测评,按票数加权平均,100,测评：好100/较好80/一般60/差0,民主测评\n";
    let t = template_from_csv(table, "述职评议").unwrap_or_else(|e| panic!("{e:?}"));
    let item = t.items().next().unwrap();
    let Rule::Poll { steps } = &item.rule else {
        panic!("{:?}", item.rule)
    };
    let names: Vec<(&str, String)> = steps.iter().map(|s| (s.name.as_str(), s.points.to_string())).collect();
    assert_eq!(
        names,
        [
            ("好", "100".into()),
            ("较好", "80".into()),
            ("一般", "60".into()),
            ("差", "0".into())
        ]
    );
    assert!(template_to_csv(&t).contains(",测评：好100/较好80/一般60/差0,民主测评,"));

    let e = template_from_csv(&table.replace("测评：好100/较好80/一般60/差0", "测评：好100"), "x").unwrap_err();
    assert!(
        e.iter()
            .any(|e| e.to_string().starts_with("第2行") && e.to_string().contains("民主测评至少需要两档")),
        "{e:?}"
    );
    let e = template_from_csv(&table.replace("测评：好100/较好80/一般60/差0", "测评：很好"), "x").unwrap_err();
    assert!(
        e.iter()
            .any(|e| e.to_string().contains("民主测评写法应为“测评：好10/较好8/一般6/差0”")),
        "{e:?}"
    );
}
