//! Every file in templates/ passes the same validator users hit on import,
//! and the validator names each problem in Chinese.

use mofan::core::{Points, Template};
use std::fs;

/// The text of a document in `sources/`; a missing one fails the test
/// rather than skipping the check.
fn source_text(file: &str) -> String {
    let path = format!("{}/sources/{file}", env!("CARGO_MANIFEST_DIR"));
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn template_files() -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/templates"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().and_then(|e| e.to_str()) == Some("json"))
        .map(|p| (p.display().to_string(), fs::read_to_string(&p).unwrap()))
        .collect();
    files.sort();
    files
}

#[test]
fn every_template_file_is_valid_and_cites_what_its_documents_say() {
    let files = template_files();
    assert!(files.len() >= 7);
    for (path, text) in files {
        let t = Template::from_json(&text).unwrap_or_else(|errs| {
            let list: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
            panic!("{path}:\n{}", list.join("\n"))
        });
        assert_eq!(t.base_points(), t.total);
        for item in t.items() {
            assert!(
                !item.evidence.is_empty(),
                "{path}: item {} has no evidence hint",
                item.id
            );
            let src = item
                .source
                .as_ref()
                .unwrap_or_else(|| panic!("{path}: item {} cites no source", item.id));
            if !src.national_rule.is_empty() {
                continue;
            }
            let doc = source_text(&src.file);
            let heading = src.section.split('(').next().unwrap();
            assert!(
                doc.contains(heading),
                "{path}: item {} cites a section not in {}: {heading}",
                item.id,
                src.file
            );
            assert!(
                src.quote.is_empty() || src.quote_is_in(&doc),
                "{path}: item {} quotes words that are not in {}: {}",
                item.id,
                src.file,
                src.quote
            );
        }
    }
}

/// What an item of a built-in checklist lacks: a quote (or a named national
/// rule), criteria, a 考评方式, or, for a ladder or a poll, a description
/// of each of its steps in the criteria.
fn unfinished(t: &Template) -> Vec<String> {
    use mofan::core::Rule;
    t.items()
        .filter_map(|i| {
            let src = i.source.as_ref();
            let quoted = src.is_some_and(|s| !s.quote.is_empty() || !s.national_rule.is_empty());
            let mut lacks = Vec::new();
            if !quoted {
                lacks.push("quote".to_string());
            }
            if i.criteria.trim().is_empty() {
                lacks.push("criteria".to_string());
            }
            if i.method.is_none() {
                lacks.push("method".to_string());
            }
            if let Rule::Ladder { steps } | Rule::Poll { steps } = &i.rule {
                for step in steps.iter().filter(|s| !i.criteria.contains(&s.name)) {
                    lacks.push(format!("step {} described", step.name));
                }
            }
            (!lacks.is_empty()).then(|| format!("{}: {}", i.id, lacks.join(", ")))
        })
        .collect()
}

/// The newest version of every built-in checklist (older ones are kept as
/// they were, for the self-checks made with them) quotes its passage, says
/// how each item is checked and scored, and declares its period.
#[test]
fn every_checklist_quotes_its_passages_says_how_each_item_is_checked_and_scored_and_declares_its_period() {
    let library = mofan::core::template::builtin::builtins();
    let mut newest: Vec<&Template> = Vec::new();
    for t in library {
        if !newest.iter().any(|n| n.id == t.id) {
            newest.push(t);
        }
    }
    assert_eq!(newest.len(), 9);
    for t in newest {
        let lacking = unfinished(t);
        assert!(lacking.is_empty(), "{} v{}:\n{}", t.id, t.version, lacking.join("\n"));
        let file = format!("{}/templates/{}.json", env!("CARGO_MANIFEST_DIR"), t.id);
        let raw: serde_json::Value = serde_json::from_str(&fs::read_to_string(&file).unwrap()).unwrap();
        assert!(raw.get("period").is_some(), "{} does not declare its period", t.id);
    }
}

#[test]
fn every_source_document_is_in_the_repository_and_named() {
    use mofan::core::template::sources::{document_title, SOURCE_DOCUMENTS};
    let mut on_disk: Vec<String> = fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/sources"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    on_disk.sort();
    let named: Vec<&str> = SOURCE_DOCUMENTS.iter().map(|d| d.file).collect();
    assert_eq!(on_disk, named);
    for d in SOURCE_DOCUMENTS {
        assert!(source_text(d.file).len() > 1000, "{} looks truncated", d.file);
        assert_eq!(document_title(d.file), d.title);
    }
    assert_eq!(document_title("本单位细则.docx"), "本单位细则.docx");
}

#[test]
fn a_quote_matches_across_line_breaks_and_spaces_but_not_other_words() {
    use mofan::core::template::format::Source;
    let doc = source_text("001_f13f15a104b23fd1.txt");
    let quote = |q: &str| Source {
        file: "001_f13f15a104b23fd1.txt".into(),
        quote: q.into(),
        ..Source::default()
    };
    assert!(quote("原则上每年至少进行1次，实现全覆盖").quote_is_in(&doc));
    assert!(quote("原则上每年至少进行1次，\n  实现全覆盖").quote_is_in(&doc));
    assert!(!quote("原则上每半年至少进行1次").quote_is_in(&doc));
    assert!(!quote("").quote_is_in(&doc));
}

#[test]
fn a_source_names_a_document_or_a_national_rule_and_quotes_enough_to_find() {
    let s = |source: &str| {
        format!(
            r#"[{{"id":"s","title":"甲","items":[{{"id":"i","title":"一","points":10,"rule":{{"kind":"check"}},"source":{source}}}]}}]"#
        )
    };
    let m = messages(&base(&s(r#"{"section":"一、"}"#), OK_GRADES));
    assert!(
        m.iter()
            .any(|m| m.contains("应写明文件（file）或国家规定（national_rule）")),
        "{m:?}"
    );
    let m = messages(&base(
        &s(r#"{"file":"a.txt","national_rule":"《中国共产党章程》"}"#),
        OK_GRADES,
    ));
    assert!(m.iter().any(|m| m.contains("不能同时写两者")), "{m:?}");
    let m = messages(&base(&s(r#"{"file":"a.txt","quote":"三会一课"}"#), OK_GRADES));
    assert!(
        m.iter()
            .any(|m| m.contains("第1个一级指标第1项") && m.contains("至少6个字")),
        "{m:?}"
    );
    let ok = base(
        &s(r#"{"national_rule":"《中国共产党章程》","quote":"按照规定交纳党费"}"#),
        OK_GRADES,
    );
    assert!(Template::from_json(&ok).is_ok());
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
        r#"{"kind":"poll","steps":[{"name":"好","points":10},{"name":"较好","points":8},{"name":"差","points":0}]}"#,
    ] {
        let t = Template::from_json(&item(rule)).unwrap();
        assert_eq!(Template::from_json(&t.to_json()).unwrap(), t);
    }
    let one = |rule: &str| messages(&item(rule)).join("\n");
    let m = one(r#"{"kind":"check","per":1}"#);
    assert!(m.contains("无法识别的字段 `per`") && m.starts_with("第"), "{m}");
    let m = one(r#"{"kind":"ladder"}"#);
    assert!(m.contains("缺少字段 `steps`"), "{m}");
    let m = one(r#"{"kind":"poll","per":1,"steps":[]}"#);
    assert!(m.contains("无法识别的字段 `per`"), "{m}");
    let m = one(r#"{"kind":"poll","steps":[{"name":"好","points":8},{"name":"差","points":0}]}"#);
    assert!(m.contains("最高一档应等于分值 10 分"), "{m}");
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
        "a file in templates/ is in neither CURRENT_TEMPLATE_FILES nor EARLIER_TEMPLATE_FILES"
    );
    let titles: Vec<&str> = builtins.iter().map(|t| t.title.as_str()).collect();
    for want in [
        "六个模范",
        "党支部标准化规范化",
        "四讲四有",
        "三严三实",
        "述职评议",
        "作风纪律",
        "清廉机关",
        "民主评议党员",
        "星级党支部",
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
            Rule::Poll { .. } => "poll",
        })
        .collect();
    assert_eq!(kinds.len(), 7, "{kinds:?}");
}

#[test]
fn a_duplicate_id_in_a_pretty_printed_file_names_the_line_of_the_second_item() {
    // A real file layout: every key on its own line. The title mentions "rule" to
    // show that text inside strings is not taken for a key.
    let mut t = Template::from_json(include_str!("../templates/congyan-zuofeng.v1.json")).unwrap();
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
fn a_section_short_title_is_the_few_words_that_name_it() {
    let six = mofan::core::template::builtin::builtin_templates()
        .into_iter()
        .find(|t| t.id == "liuge-mofan")
        .expect("六个模范 is built in");
    let shorts: Vec<&str> = six.sections.iter().map(|s| s.short_title()).collect();
    assert_eq!(
        shorts,
        ["政治过硬", "理论武装", "组织坚强", "责任落实", "担当作为", "作风建设"]
    );
    let section = |title: &str, short: Option<&str>| {
        let short = short.map_or(String::new(), |s| format!(r#","short_title":"{s}""#));
        let json = format!(
            r#"[{{"id":"s","title":"{title}"{short},"items":[{{"id":"i","title":"一","points":10,"rule":{{"kind":"check"}}}}]}}]"#
        );
        Template::from_json(&base(&json, OK_GRADES))
    };
    let short_of = |title: &str| section(title, None).unwrap().sections[0].short_title().to_string();
    assert_eq!(short_of("组织建设"), "组织建设");
    assert_eq!(short_of("会前：学习交流与谈心谈话"), "会前");
    assert_eq!(
        short_of("做模范"),
        "做模范",
        "nothing left inside the frame: as written"
    );
    // A template's own short title comes first, and must be short.
    let own = section("两个责任与“一岗双责”", Some("两个责任")).unwrap();
    assert_eq!(own.sections[0].short_title(), "两个责任");
    let errors = section("两个责任", Some("两个责任与一岗双责的落实")).unwrap_err();
    assert!(format!("{errors:?}").contains("最多8个字"), "{errors:?}");
}
