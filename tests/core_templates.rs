//! Every file in templates/ passes the same validator users hit on import,
//! and the validator names each problem in Chinese.

use mofan::core::{Points, Template};
use std::fs;

#[test]
fn every_template_file_is_valid() {
    let mut n = 0;
    for entry in fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/templates")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let text = fs::read_to_string(&path).unwrap();
        let t = Template::from_json(&text).unwrap_or_else(|errs| {
            let list: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
            panic!("{}:\n{}", path.display(), list.join("\n"))
        });
        assert_eq!(t.base_points(), t.total);
        for item in t.items() {
            assert!(
                !item.evidence.is_empty(),
                "{}: item {} has no evidence hint",
                path.display(),
                item.id
            );
            let src = item
                .source
                .as_ref()
                .unwrap_or_else(|| panic!("item {} cites no source", item.id));
            let seed = format!("{}/../shared/seeds/{}", env!("CARGO_MANIFEST_DIR"), src.file);
            if let Ok(seed_text) = fs::read_to_string(&seed) {
                let heading = src.section.split('(').next().unwrap();
                assert!(
                    seed_text.contains(heading),
                    "item {} cites a section not in {}: {}",
                    item.id,
                    src.file,
                    heading
                );
            }
        }
        n += 1;
    }
    assert!(n >= 1);
}

#[test]
fn six_models_checklist_has_the_six_sections_and_20_to_40_items() {
    let t = &mofan::core::template::builtin::builtin_templates()[0];
    let titles: Vec<&str> = t.sections.iter().map(|s| s.title.as_str()).collect();
    for want in ["政治过硬", "理论武装", "组织坚强", "责任落实", "担当作为", "作风建设"] {
        assert!(titles.iter().any(|t| t.contains(want)), "missing section {want}");
    }
    assert!((20..=40).contains(&t.item_count()));
    assert_eq!(t.total, Points::whole(100));
}

fn base(sections: &str, grades: &str) -> String {
    format!(
        r#"{{"format":"mofan-template","format_version":1,"id":"t","version":1,"title":"表","short_title":"表",
        "audience":"branch","total":10,"grades":{grades},"sections":{sections}}}"#
    )
}

const OK_GRADES: &str = r#"[{"name":"合格","min":6},{"name":"不合格","min":0}]"#;

fn messages(text: &str) -> Vec<String> {
    Template::from_json(text)
        .unwrap_err()
        .iter()
        .map(|e| e.to_string())
        .collect()
}

#[test]
fn points_not_summing_to_total_is_reported() {
    let s = r#"[{"id":"s","title":"甲","items":[{"id":"i","title":"一","points":8,"rule":{"kind":"check"}}]}]"#;
    let m = messages(&base(s, OK_GRADES));
    assert!(
        m.iter().any(|m| m.contains("合计为 8 分") && m.contains("满分 10 分")),
        "{m:?}"
    );
}

#[test]
fn duplicate_ids_and_grade_gap_are_all_reported_at_once() {
    let s = r#"[{"id":"s","title":"甲","items":[
        {"id":"i","title":"一","points":5,"rule":{"kind":"check"}},
        {"id":"i","title":"二","points":5,"rule":{"kind":"check"}}]}]"#;
    let gap = r#"[{"name":"合格","min":6},{"name":"不合格","min":1}]"#;
    let m = messages(&base(s, gap));
    assert!(
        m.iter().any(|m| m.contains("第1个一级指标第2项") && m.contains("重复")),
        "{m:?}"
    );
    assert!(m.iter().any(|m| m.contains("未覆盖0分")), "{m:?}");
}

#[test]
fn unknown_rule_and_broken_json_point_at_the_line() {
    let s = r#"[{"id":"s","title":"甲","items":[{"id":"i","title":"一","points":10,"rule":{"kind":"guess"}}]}]"#;
    let m = messages(&base(s, OK_GRADES));
    assert!(
        m[0].contains("第") && m[0].contains("行") && m[0].contains("guess"),
        "{m:?}"
    );
    let m = messages("{\n  \"format\": \"mofan-template\",\n  oops\n}");
    assert!(m[0].starts_with("第3行"), "{m:?}");
    assert!(m[0].contains("不是有效的JSON"), "{m:?}");
}

#[test]
fn each_rule_kind_reads_with_its_defaults_and_refuses_fields_of_another_kind() {
    use mofan::core::{Fraction, Rule};
    let item = |rule: &str| {
        base(
            &format!(r#"[{{"id":"s","title":"甲","items":[{{"id":"i","title":"一","points":10,"rule":{rule}}}]}}]"#),
            OK_GRADES,
        )
    };
    let rule_of = |rule: &str| Template::from_json(&item(rule)).map(|t| t.sections[0].items[0].rule.clone());
    assert_eq!(
        rule_of(r#"{"kind":"check"}"#).unwrap(),
        Rule::Check {
            partial: Fraction::default()
        }
    );
    assert_eq!(
        rule_of(r#"{"kind":"deduction","per":2,"max_count":3}"#).unwrap(),
        Rule::Deduction {
            per: Points::whole(2),
            max_count: Some(3)
        }
    );
    assert_eq!(
        rule_of(r#"{"kind":"free"}"#).unwrap(),
        Rule::Free {
            step: Points::from_hundredths(50)
        }
    );
    // A null field counts as absent; the item is read as a veto and only its points are wrong.
    let m = messages(&item(r#"{"max_count":null,"kind":"veto"}"#)).join("\n");
    assert!(m.contains("一票否决项不计分") && !m.contains("无法识别"), "{m}");
    // Written back, a rule reads the same.
    for rule in [
        r#"{"kind":"check","partial":0.6}"#,
        r#"{"kind":"ladder","steps":[{"name":"好","points":10},{"name":"差","points":0}]}"#,
    ] {
        let t = Template::from_json(&item(rule)).unwrap();
        assert_eq!(Template::from_json(&t.to_json()).unwrap(), t);
    }
    let one = |rule: &str| messages(&item(rule)).join("\n");
    let m = one(r#"{"kind":"check","per":1}"#);
    assert!(m.contains("无法识别的字段 `per`") && m.starts_with("第"), "{m}");
    let m = one(r#"{"kind":"ladder"}"#);
    assert!(m.contains("缺少字段 `steps`"), "{m}");
    let m = one(r#"{"kind":"deduction","max_count":2}"#);
    assert!(m.contains("缺少字段 `per`"), "{m}");
    let m = one(r#"{"per":1}"#);
    assert!(m.contains("缺少字段 `kind`"), "{m}");
    let m = one(r#"{"kind":"check","colour":"red"}"#);
    assert!(m.contains("无法识别的字段 `colour`"), "{m}");
}

#[test]
fn rule_mistakes_are_named_per_item() {
    let s = r#"[{"id":"s","title":"甲","items":[
        {"id":"l","title":"分档","points":4,"rule":{"kind":"ladder","steps":[{"name":"好","points":3},
            {"name":"好","points":5}]}},
        {"id":"d","title":"扣分","points":3,"rule":{"kind":"deduction","per":0}},
        {"id":"f","title":"自由","points":2.25,"rule":{"kind":"free"}},
        {"id":"v","title":"否决","points":1,"rule":{"kind":"veto"}},
        {"id":"b","title":"加分","points":5,"rule":{"kind":"bonus"}}]}]"#;
    let m = messages(&base(s, OK_GRADES)).join("\n");
    assert!(m.contains("第3行（第1个一级指标第1项）：分档“好”重复"), "{m}");
    assert!(m.contains("分档“好”的分数 5 超出 0–4 分"), "{m}");
    assert!(m.contains("最高一档应等于分值 4 分"), "{m}");
    assert!(m.contains("第5行（第1个一级指标第2项）：每次扣分（per）应大于0"), "{m}");
    assert!(
        m.contains("第6行（第1个一级指标第3项）：分值 2.25 不是最小计分单位 0.5 的整数倍"),
        "{m}"
    );
    assert!(m.contains("第7行（第1个一级指标第4项）：一票否决项不计分"), "{m}");
    // bonus and veto items stay out of the sum: 4 + 3 + 2.25 = 9.25 of 10
    assert!(m.contains("合计为 9.25 分"), "{m}");
}

#[test]
fn every_template_file_is_built_in_and_the_seed_frameworks_are_all_there() {
    let files = fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/templates"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "json"))
        .count();
    let builtins = mofan::core::template::builtin::builtin_templates();
    assert_eq!(
        builtins.len(),
        files,
        "a file in templates/ is not in BUILTIN_TEMPLATE_FILES"
    );
    let titles: Vec<&str> = builtins.iter().map(|t| t.title.as_str()).collect();
    for want in [
        "六个模范",
        "党支部标准化规范化",
        "四讲四有",
        "三严三实",
        "述职评议",
        "作风纪律",
    ] {
        assert!(
            titles.iter().any(|t| t.contains(want)),
            "no built-in checklist for {want}"
        );
    }
    use mofan::core::{Audience, Rule};
    assert!(builtins.iter().any(|t| t.audience == Audience::Member));
    assert!(builtins.iter().any(|t| t.audience == Audience::Branch));
    // every rule kind real tables use appears in at least one built-in checklist
    let kinds: std::collections::HashSet<&str> = builtins
        .iter()
        .flat_map(|t| t.items())
        .map(|i| match i.rule {
            Rule::Check { .. } => "check",
            Rule::Ladder { .. } => "ladder",
            Rule::Deduction { .. } => "deduction",
            Rule::Free { .. } => "free",
            Rule::Veto => "veto",
            Rule::Bonus { .. } => "bonus",
        })
        .collect();
    assert_eq!(kinds.len(), 6, "{kinds:?}");
}

#[test]
fn a_duplicate_id_in_a_pretty_printed_file_names_the_line_of_the_second_item() {
    // A real file layout: every key on its own line. The title mentions "rule" to
    // show that text inside strings is not taken for a key.
    let mut t = Template::from_json(include_str!("../templates/congyan-zuofeng.json")).unwrap();
    t.sections[1].items[2].id = t.sections[1].items[0].id.clone();
    t.sections[0].items[1].title = "含有 \"rule\": 字样的标题".into();
    let text = t.to_json();
    let m = messages(&text).join("\n");
    let line = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.trim_start().starts_with("\"rule\""))
        .nth(1 + 3 + 2) // veto + 3 more in section 1, then the third item of section 2
        .map(|(i, _)| i + 1)
        .unwrap();
    assert!(
        m.contains(&format!(
            "第{line}行（第2个一级指标第3项）：编号 \"sf-1\" 与其他考核内容重复"
        )),
        "{m}"
    );
}

#[test]
fn a_section_short_title_drops_the_bracketed_gloss() {
    let six = mofan::core::template::builtin::builtin_templates()
        .into_iter()
        .find(|t| t.id == "liuge-mofan")
        .expect("六个模范 is built in");
    let long = six
        .sections
        .iter()
        .find(|s| s.title.contains('（'))
        .expect("a section with a gloss");
    let short = long.short_title();
    assert!(!short.is_empty() && !short.contains('（'), "{short}");
    assert!(
        long.title.starts_with(short) && long.title.len() > short.len(),
        "{short}"
    );
    let plain = Template::from_json(&base(
        r#"[{"id":"s","title":"组织建设","items":[{"id":"i","title":"一","points":10,"rule":{"kind":"check"}}]}]"#,
        OK_GRADES,
    ))
    .unwrap();
    assert_eq!(plain.sections[0].short_title(), "组织建设");
}
