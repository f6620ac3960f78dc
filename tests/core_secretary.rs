//! The secretary's desk in core: a self-check's summary and 整改清单,
//! result files (round trip, tampering, other template versions), and
//! combining a branch (averages, distribution, duplicates, who is missing).

use mofan::core::assessment::action::Action;
use mofan::core::assessment::shortfalls::shortfalls;
use mofan::core::assessment::summary::{item_lines, Summary};
use mofan::core::exchange::branch::{main_template, parse_roster, Combined, Level, SortKey, Submission};
use mofan::core::exchange::report_csv::{assessment_to_csv, combined_to_csv};
use mofan::core::exchange::result_file::{
    encode_branch, encode_result, open, BranchContent, Opened, ResultFileError, TemplateRef,
};
use mofan::core::{Assessment, Points, Respondent, Response, Review, Template};

fn template(id: &str, version: u32, per: u32) -> Template {
    let text = format!(
        r#"{{"format":"mofan-template","format_version":1,"id":"{id}","version":{version},
        "title":"测试评分表","short_title":"测试",
        "audience":"member","total":100,
        "grades":[{{"name":"优秀","min":90}},{{"name":"良好","min":80}},
          {{"name":"合格","min":60}},{{"name":"不合格","min":0}}],
        "sections":[
          {{"id":"a","title":"政治","items":[
            {{"id":"a1","title":"理论学习","points":40,"rule":{{"kind":"check"}}}},
            {{"id":"a2","title":"三会一课","points":20,"rule":{{"kind":"deduction","per":{per}}}}}]}},
          {{"id":"b","title":"作风","items":[
            {{"id":"b1","title":"联系群众","points":40,"rule":{{"kind":"ladder","steps":[
              {{"name":"好","points":40}},{{"name":"一般","points":20}},{{"name":"差","points":0}}]}}}},
            {{"id":"b2","title":"违纪","points":0,"rule":{{"kind":"veto"}},"allow_na":false}}]}}]}}"#
    );
    Template::from_json(&text).unwrap_or_else(|e| panic!("{e:?}"))
}

fn member(t: &Template, id: &str, name: &str, branch: &str, answers: &[(&str, Response)], at: i64) -> Assessment {
    let who = Respondent {
        unit: "某分行".into(),
        branch: branch.into(),
        name: name.into(),
    };
    let mut a = Assessment::start(id.into(), t, who, "2026年上半年", at).unwrap();
    for (item, r) in answers {
        a.set_response(t.item(item).unwrap(), Some(r.clone()), at).unwrap();
    }
    a
}

fn pts(s: &str) -> Points {
    Points::parse(s).unwrap()
}

fn sub(a: Assessment, source: &str) -> Submission {
    Submission {
        branch: a.respondent.branch.clone(),
        assessment: a,
        source: source.into(),
        from_branch_file: false,
    }
}

/// 张三: 40 + (20 − 2×2 = 16) + 40 = 96 优秀. 李四: 20 + 20 + 20 = 60 合格.
fn two_members(t: &Template) -> (Assessment, Assessment) {
    let zhang = member(
        t,
        "z",
        "张三",
        "第一支部",
        &[
            ("a1", Response::Met),
            ("a2", Response::Count(2)),
            ("b1", Response::Step("好".into())),
            ("b2", Response::Veto(false)),
        ],
        10,
    );
    let li = member(
        t,
        "l",
        "李四",
        "第一支部",
        &[
            ("a1", Response::Partial),
            ("a2", Response::Count(0)),
            ("b1", Response::Step("一般".into())),
            ("b2", Response::Veto(false)),
        ],
        20,
    );
    (zhang, li)
}

#[test]
fn summary_lists_each_section_self_and_review_with_rates() {
    let t = template("t", 1, 2);
    let (mut zhang, _) = two_members(&t);
    let original = mofan::core::exchange::result_file::result_file_name(&t, &zhang);
    let s = Summary::of(&t, &zhang);
    assert_eq!(s.sections[0].self_score.earned, pts("56"));
    assert_eq!(s.sections[0].self_rate(), pts("93.33"), "56 of 60");
    assert_eq!(s.sections[1].self_rate(), pts("100"));
    assert!(s.review_card.is_none(), "nothing reviewed yet");
    assert_eq!(s.self_card.total, pts("96"));

    let item = t.item("b1").unwrap().clone();
    zhang
        .set_review(
            &item,
            Review {
                response: Some(Response::Step("一般".into())),
                comment: "材料不全".into(),
            },
            30,
        )
        .unwrap();
    let s = Summary::of(&t, &zhang);
    let review = s.review_card.as_ref().expect("reviewed");
    assert_eq!(s.sections[1].review_score.as_ref().unwrap().earned, pts("20"));
    assert_eq!(
        review.total,
        pts("20"),
        "only the reviewed item counts toward the review score"
    );
    assert_eq!(
        s.self_card.total,
        pts("96"),
        "review never changes the member's own score"
    );
    assert_eq!(zhang.response("b1"), Some(&Response::Step("好".into())));
    // A reviewed copy is named apart from the member's original.
    let reviewed = mofan::core::exchange::result_file::result_file_name(&t, &zhang);
    assert!(!original.contains("已审核"), "{original}");
    assert_eq!(reviewed, original.replace(".json", "-已审核.json"));

    // Item by item, as printed and exported: the member's answer beside the reviewer's.
    let lines = item_lines(&t, &zhang);
    let b1 = &lines[1][0];
    assert_eq!(b1.number, "2.1");
    assert_eq!(
        (b1.own_answer.as_str(), b1.own_score.label()),
        ("好", "得40分".to_string())
    );
    assert_eq!(b1.review_answer, "一般");
    assert_eq!(b1.review_score.as_ref().map(|s| s.label()), Some("得20分".to_string()));
    assert_eq!(b1.comment, "材料不全");
    let a2 = &lines[0][1];
    assert_eq!(
        (a2.number.as_str(), a2.own_score.label()),
        ("1.2", "得16分".to_string())
    );
    assert_eq!(
        (a2.review_answer.as_str(), a2.review_score.clone()),
        ("", None),
        "not reviewed"
    );
}

#[test]
fn corrective_actions_come_from_every_item_below_full_marks() {
    let t = template("t", 1, 2);
    let (mut zhang, li) = two_members(&t);
    let short: Vec<&str> = shortfalls(&t, &zhang).iter().map(|s| s.item.title.as_str()).collect();
    assert_eq!(
        short,
        ["三会一课"],
        "16 of 20 is a shortfall; full marks and untriggered vetoes are not"
    );
    assert_eq!(shortfalls(&t, &zhang)[0].problem(), "2次，得16分（满分20分）");
    let short: Vec<&str> = shortfalls(&t, &li).iter().map(|s| s.item.title.as_str()).collect();
    assert_eq!(short, ["理论学习", "联系群众"]);

    // A triggered veto is a shortfall; the reviewer's verdict is what counts.
    zhang
        .set_response(t.item("b2").unwrap(), Some(Response::Veto(true)), 11)
        .unwrap();
    assert!(shortfalls(&t, &zhang)
        .iter()
        .any(|s| s.item.id == "b2" && s.problem() == "触发一票否决"));
    zhang
        .set_review(
            t.item("a2").unwrap(),
            Review {
                response: Some(Response::Count(0)),
                comment: String::new(),
            },
            12,
        )
        .unwrap();
    assert!(
        !shortfalls(&t, &zhang).iter().any(|s| s.item.id == "a2"),
        "the review gave full marks"
    );

    // Actions are kept with the self-check; an empty one is removed.
    let act = Action {
        measure: "补学".into(),
        owner: "张三".into(),
        deadline: "2026年12月底".into(),
        done: false,
    };
    assert!(zhang.set_action("a1", act.clone(), 13));
    assert!(
        !zhang.set_action("a1", act.clone(), 14),
        "same action again changes nothing"
    );
    assert!(zhang.edit_action("a1", 15, |x| x.done = true));
    assert_eq!(zhang.action("a1").unwrap().status_label(), "已完成");
    assert!(zhang.set_action("a1", Action::default(), 16));
    assert!(zhang.action("a1").is_none());
}

#[test]
fn result_file_round_trips_with_review_and_actions() {
    let t = template("t", 1, 2);
    let (mut zhang, _) = two_members(&t);
    zhang.set_note("a1", "已学习", 11);
    zhang
        .set_review(
            t.item("a2").unwrap(),
            Review {
                response: Some(Response::Count(3)),
                comment: "缺3次".into(),
            },
            12,
        )
        .unwrap();
    zhang.set_action(
        "a2",
        Action {
            measure: "补课".into(),
            ..Action::default()
        },
        13,
    );
    let text = encode_result(&t, &zhang, 99);
    let (opened, found) = open(&text, |id, v| (id == "t" && v == 1).then_some(&t)).unwrap();
    assert_eq!(found.id, "t");
    match opened {
        Opened::Result(c) => {
            assert_eq!(c.assessment, zhang);
            assert_eq!(c.template, TemplateRef::of(&t));
        }
        other => panic!("expected a result file, got {other:?}"),
    }
}

#[test]
fn a_changed_score_or_a_damaged_file_is_refused() {
    let t = template("t", 1, 2);
    let (zhang, _) = two_members(&t);
    let text = encode_result(&t, &zhang, 99);
    let lookup = |id: &str, v: u32| (id == "t" && v == 1).then_some(&t);

    let edited = text.replace(r#""response":{"count":2}"#, r#""response":{"count":0}"#);
    assert_ne!(edited, text, "the test must really edit the answer");
    assert_eq!(open(&edited, lookup).unwrap_err(), ResultFileError::Tampered);
    let renamed = text.replace("张三", "王五");
    assert_eq!(open(&renamed, lookup).unwrap_err(), ResultFileError::Tampered);

    let cut = &text[..text.len() / 2];
    let e = open(cut, lookup).unwrap_err();
    assert!(matches!(e, ResultFileError::NotJson(_)), "{e:?}");
    assert!(e.to_string().contains("截断"), "{e}");
    assert_eq!(open("[1,2]", lookup).unwrap_err(), ResultFileError::NotResultFile);
    assert_eq!(open(&t.to_json(), lookup).unwrap_err(), ResultFileError::IsTemplate);
    let newer = text.replace(r#""schema":1"#, r#""schema":7"#);
    assert_eq!(
        open(&newer, lookup).unwrap_err().to_string(),
        "文件由更新版本的模范导出（文件版本 7），请升级后再导入"
    );
}

#[test]
fn a_file_for_another_template_version_is_refused_by_name() {
    let v1 = template("t", 1, 2);
    let (zhang, _) = two_members(&v1);
    let text = encode_result(&v1, &zhang, 99);
    // This browser only has version 2.
    let v2 = template("t", 2, 2);
    let e = open(&text, |id, v| (id == "t" && v == 2).then_some(&v2)).unwrap_err();
    assert_eq!(
        e.to_string(),
        "本机没有此文件所用的评分表“测试评分表”第1版，请先导入该评分表"
    );
    // Same id and version here, but deductions differ.
    let other = template("t", 1, 3);
    let e = open(&text, |_, _| Some(&other)).unwrap_err();
    assert_eq!(
        e,
        ResultFileError::OtherTemplate {
            title: "测试评分表".into(),
            version: 1
        }
    );
}

#[test]
fn branch_table_averages_distribution_and_weakest_items() {
    let t = template("t", 1, 2);
    let (zhang, li) = two_members(&t);
    let roster = parse_roster("张三\n李四、王五， 赵六\n\n张三");
    assert_eq!(roster, ["张三", "李四", "王五", "赵六"]);
    let mut c = Combined::build(&t, &[sub(zhang, "z.json"), sub(li, "l.json")], &roster, Level::Member);
    assert_eq!(c.members, 2);
    let names: Vec<&str> = c.rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["张三", "李四"]);
    assert_eq!(c.rows[0].sections, [pts("56"), pts("40")]);
    assert_eq!((c.rows[0].total, c.rows[0].grade.as_str()), (pts("96"), "优秀"));
    assert_eq!((c.rows[1].total, c.rows[1].grade.as_str()), (pts("60"), "合格"));
    assert_eq!(c.average_total, pts("78"));
    assert_eq!(c.section_averages[0].self_avg, pts("48"), "(56 + 40) ÷ 2");
    assert_eq!(c.section_averages[1].self_avg, pts("30"));
    assert_eq!(c.section_averages[1].self_rate, pts("75"));
    let dist: Vec<(&str, usize)> = c
        .distribution
        .iter()
        .map(|g| (g.grade.as_str(), g.self_count))
        .collect();
    assert_eq!(dist, [("优秀", 1), ("良好", 0), ("合格", 1), ("不合格", 0)]);
    assert_eq!(c.missing, ["王五", "赵六"]);
    // 理论学习 (40 + 20) ÷ 2 = 30 of 40 = 75%; 联系群众 30 of 40 = 75%; 三会一课 18 of 20 = 90%.
    let weakest: Vec<(&str, Points)> = c.weakest.iter().map(|w| (w.title.as_str(), w.rate)).collect();
    assert_eq!(
        weakest,
        [
            ("理论学习", pts("75")),
            ("联系群众", pts("75")),
            ("三会一课", pts("90"))
        ]
    );
    assert!(c.duplicates.is_empty());

    c.sort_rows(SortKey::Total, false);
    assert_eq!(c.rows[0].name, "李四");
    c.sort_rows(SortKey::Section(0), true);
    assert_eq!(c.rows[0].name, "张三");

    let csv = combined_to_csv(&t, &c);
    assert!(csv.starts_with('\u{feff}'), "Excel needs the BOM");
    assert!(csv.contains("张三,第一支部,56,,40,,96,优秀,,"), "{csv}");
}

#[test]
fn a_system_sized_roster_keeps_its_order_and_names_exactly_who_is_missing() {
    // A 组织部 pastes 6,000 names, some twice, over files from 3,000 members
    // in 300 branches: every name once, in the order pasted; the missing
    // are the roster's names nobody's file carries, in the roster's order.
    let t = template("t", 1, 2);
    let names: Vec<String> = (0..6000).map(|i| format!("党员{i}")).collect();
    let pasted = format!("{}\n{}", names.join("\n"), names[..100].join("、"));
    let roster = parse_roster(&pasted);
    assert_eq!(roster, names);
    let subs: Vec<Submission> = (0..3000)
        .map(|i| {
            let a = member(
                &t,
                &format!("m{i}"),
                &names[i * 2],
                &format!("第{}支部", i % 300 + 1),
                &[],
                1,
            );
            sub(a, &format!("{i}.json"))
        })
        .collect();
    let c = Combined::build(&t, &subs, &roster, Level::Member);
    assert_eq!(c.members, 3000);
    let expected: Vec<&String> = names.iter().skip(1).step_by(2).collect();
    assert_eq!(c.missing.iter().collect::<Vec<_>>(), expected);
    assert_eq!(c.branches.len(), 300);
    assert_eq!(c.branches[0], ("第1支部".to_string(), 10));
    // By branch: a row for each of the 300, every member counted once.
    let by_branch = Combined::build(&t, &subs, &roster, Level::Branch);
    assert_eq!(by_branch.rows.len(), 300);
    assert_eq!(by_branch.rows.iter().map(|r| r.members).sum::<usize>(), 3000);
}

#[test]
fn duplicates_keep_the_newest_and_list_the_conflict() {
    let t = template("t", 1, 2);
    let (zhang, li) = two_members(&t);
    let mut newer = zhang.clone();
    newer
        .set_response(t.item("a1").unwrap(), Some(Response::NotMet), 50)
        .unwrap();
    let other_round = {
        let mut a = zhang.clone();
        a.round = "2026年下半年".into();
        a
    };
    let subs = [
        sub(newer, "张三-新.json"),
        sub(zhang, "张三-旧.json"),
        sub(li, "l.json"),
        sub(other_round, "下半年.json"),
    ];
    let c = Combined::build(&t, &subs, &[], Level::Member);
    assert_eq!(c.rows.len(), 3, "the other round is another self-check");
    let zhang_row = c
        .rows
        .iter()
        .find(|r| r.name == "张三" && r.total == pts("56"))
        .expect("newest counted: 0+16+40");
    assert_eq!(zhang_row.grade, "不合格");
    assert_eq!(c.duplicates.len(), 1);
    assert_eq!(c.duplicates[0].kept, "张三-新.json");
    assert_eq!(c.duplicates[0].dropped, ["张三-旧.json"]);
    assert_eq!(c.duplicates[0].round, "2026年上半年");
    assert_eq!(
        c.kept,
        [0, 2, 3],
        "what a branch file would carry: the newest 张三, 李四 and the other round"
    );

    // The newest wins whatever the order the files come in.
    let c2 = Combined::build(&t, &[subs[1].clone(), subs[0].clone()], &[], Level::Member);
    assert_eq!(c2.duplicates[0].kept, "张三-新.json");
    assert_eq!(c2.kept, [1]);
}

#[test]
fn another_template_is_refused_and_the_majority_template_chosen() {
    let t = template("t", 1, 2);
    let other = template("u", 1, 2);
    let (zhang, li) = two_members(&t);
    let stranger = member(&other, "s", "王五", "第一支部", &[], 5);
    let subs = [sub(stranger, "s.json"), sub(zhang, "z.json"), sub(li, "l.json")];
    assert_eq!(main_template(&subs), Some(("t".to_string(), 1)));
    let c = Combined::build(&t, &subs, &[], Level::Member);
    assert_eq!(c.members, 2);
    assert_eq!(c.refused.len(), 1);
    assert_eq!(c.refused[0].0, "s.json");
    assert!(c.refused[0].1.contains("评分表不同"), "{}", c.refused[0].1);
}

#[test]
fn committee_compares_branches_through_branch_files() {
    let t = template("t", 1, 2);
    let (zhang, li) = two_members(&t);
    let wang = member(
        &t,
        "w",
        "王五",
        "第二支部",
        &[
            ("a1", Response::Met),
            ("a2", Response::Count(0)),
            ("b1", Response::Step("好".into())),
            ("b2", Response::Veto(false)),
        ],
        30,
    );
    let first = BranchContent {
        template: TemplateRef::of(&t),
        unit: "某分行".into(),
        branch: "第一支部".into(),
        roster: vec!["张三".into(), "李四".into()],
        results: vec![zhang, li],
    };
    let second = BranchContent {
        template: TemplateRef::of(&t),
        unit: "某分行".into(),
        branch: "第二支部".into(),
        roster: vec!["王五".into()],
        results: vec![wang],
    };
    let lookup = |id: &str, v: u32| (id == "t" && v == 1).then_some(&t);
    let mut subs = Vec::new();
    for (n, content) in [first.clone(), second, first].into_iter().enumerate() {
        let text = encode_branch(&content, 100);
        let Ok((Opened::Branch(c), _)) = open(&text, lookup) else {
            panic!("branch file did not open")
        };
        assert_eq!(c, content);
        subs.extend(c.results.into_iter().map(|a| Submission {
            assessment: a,
            branch: c.branch.clone(),
            source: format!("{}-{n}.json", c.branch),
            from_branch_file: true,
        }));
    }
    assert_eq!(Level::suggested(&subs), Level::Branch, "branch files: compare branches");
    assert_eq!(Level::suggested(&subs[..2]), Level::Branch, "even one branch file");
    let roster = parse_roster("第一支部 第二支部 第三支部");
    let c = Combined::build(&t, &subs, &roster, Level::Branch);
    let rows: Vec<(&str, &str, Points, &str)> = c
        .rows
        .iter()
        .map(|r| (r.name.as_str(), r.detail.as_str(), r.total, r.grade.as_str()))
        .collect();
    assert_eq!(
        rows,
        [
            ("第一支部", "2人", pts("78"), "合格"),
            ("第二支部", "1人", pts("100"), "优秀")
        ]
    );
    assert_eq!(c.members, 3, "the same branch file twice counts its members once");
    assert_eq!(c.duplicates.len(), 2, "and lists both repeated members");
    assert_eq!(c.missing, ["第三支部"]);
    let dist: Vec<usize> = c.distribution.iter().map(|g| g.self_count).collect();
    assert_eq!(dist, [2, 0, 1, 0], "distribution still counts members");
}

#[test]
fn member_csv_has_bom_items_subtotals_and_actions() {
    let t = template("t", 1, 2);
    let (mut zhang, _) = two_members(&t);
    zhang.set_action(
        "a2",
        Action {
            measure: "按时参加".into(),
            owner: "张三".into(),
            deadline: "12月".into(),
            done: true,
        },
        40,
    );
    let csv = assessment_to_csv(&t, &zhang);
    assert!(csv.starts_with('\u{feff}'));
    assert!(csv.contains("1.2,,三会一课,20,,2次,16,,,,,"), "{csv}");
    assert!(csv.contains(",一小计,政治,60,,,56,,,,,"), "{csv}");
    assert!(csv.contains(",总分,,100,,,96,,"), "{csv}");
    assert!(
        csv.contains("1,三会一课：2次，得16分（满分20分）,按时参加,张三,12月,已完成"),
        "{csv}"
    );
}

#[test]
fn every_builtin_template_survives_a_result_file_round_trip() {
    for t in mofan::core::template::builtin::builtin_templates() {
        let first = t.items().next().unwrap();
        let mut a = Assessment::start(
            "r".into(),
            &t,
            Respondent {
                name: "甲".into(),
                ..Default::default()
            },
            "一轮",
            1,
        )
        .unwrap();
        if first.allow_na {
            a.set_response(first, Some(Response::NotApplicable), 2).unwrap();
        }
        let text = encode_result(&t, &a, 3);
        let (opened, _) = open(&text, |id, v| (id == t.id && v == t.version).then_some(&t))
            .unwrap_or_else(|e| panic!("{}: {e}", t.id));
        assert_eq!(
            opened,
            Opened::Result(mofan::core::exchange::result_file::ResultContent {
                template: TemplateRef::of(&t),
                assessment: a
            })
        );
    }
}

#[test]
fn a_newer_member_file_updates_answers_and_keeps_the_review() {
    let t = template("t", 1, 2);
    let (mut reviewed, _) = two_members(&t);
    reviewed
        .set_review(
            t.item("a1").unwrap(),
            Review {
                response: Some(Response::Partial),
                comment: "记录不全".into(),
            },
            30,
        )
        .unwrap();
    let mut newer = two_members(&t).0;
    newer
        .set_response(t.item("a2").unwrap(), Some(Response::Count(0)), 40)
        .unwrap();
    newer.set_note("a1", "补充了笔记", 41);
    assert!(reviewed.take_member_part(&newer));
    assert_eq!(reviewed.response("a2"), Some(&Response::Count(0)));
    assert_eq!(reviewed.answer("a1").unwrap().note, "补充了笔记");
    assert_eq!(
        reviewed.review_response("a1"),
        Some(&Response::Partial),
        "the review stays"
    );
    assert_eq!(
        reviewed.answer("a1").unwrap().review.as_ref().unwrap().comment,
        "记录不全"
    );
    assert!(
        !reviewed.take_member_part(&newer),
        "the same file again changes nothing"
    );
}

#[test]
fn confirming_the_rest_copies_self_answers_into_the_review_only_where_unreviewed() {
    let t = template("t", 1, 2);
    let (mut zhang, _) = two_members(&t);
    zhang
        .set_review(
            t.item("a1").unwrap(),
            Review {
                response: Some(Response::NotMet),
                comment: "无记录".into(),
            },
            30,
        )
        .unwrap();
    assert_eq!(
        zhang.confirm_unreviewed(31),
        3,
        "a2, b1 and b2 were answered and not yet reviewed"
    );
    assert_eq!(
        zhang.review_response("a1"),
        Some(&Response::NotMet),
        "a reviewed item keeps the reviewer's verdict"
    );
    assert_eq!(zhang.review_response("b1"), Some(&Response::Step("好".into())));
    let s = Summary::of(&t, &zhang);
    assert_eq!(s.review_card.unwrap().total, pts("56"), "0 + 16 + 40");
    assert_eq!(s.self_card.total, pts("96"));
    assert_eq!(zhang.confirm_unreviewed(32), 0);
}

#[test]
fn the_summary_is_named_for_the_branch_most_files_share_blanks_aside() {
    use mofan::core::exchange::branch::most_common_text;
    assert_eq!(
        most_common_text(["", "第二支部", "第一支部", "", "", "第一支部"]),
        "第一支部"
    );
    assert_eq!(
        most_common_text(["第二支部", "第一支部"]),
        "第二支部",
        "a tie goes to the first seen"
    );
    assert_eq!(most_common_text(["", ""]), "");
}

#[test]
fn the_reviewer_sets_score_and_comment_separately_and_neither_erases_the_other() {
    let t = template("t", 1, 2);
    let (mut zhang, _) = two_members(&t);
    let b1 = t.item("b1").unwrap();
    assert!(zhang.set_review_comment(b1, "材料不全", 30));
    assert_eq!(zhang.review_response("b1"), None, "a comment alone scores nothing");
    assert!(zhang
        .set_review_response(b1, Some(Response::Step("一般".into())), 31)
        .unwrap());
    assert_eq!(zhang.review_comment("b1"), "材料不全", "scoring keeps the comment");
    assert!(zhang.set_review_comment(b1, "材料不全，已补交", 32));
    assert_eq!(
        zhang.review_response("b1"),
        Some(&Response::Step("一般".into())),
        "commenting keeps the score"
    );
    assert!(
        zhang.set_review_response(b1, Some(Response::Met), 33).is_err(),
        "a ladder item takes no 达标"
    );
    assert_eq!(zhang.review_response("b1"), Some(&Response::Step("一般".into())));
    assert_eq!(
        zhang.response("b1"),
        Some(&Response::Step("好".into())),
        "the member's answer is untouched"
    );
    assert_eq!(zhang.updated_at, 32);
}

#[test]
fn names_that_differ_only_in_characters_that_show_nothing_are_one_member_and_said_so() {
    let t = template("t", 1, 2);
    // A self-check now starts with its names cleaned; files made by an
    // earlier version, or edited by hand, still hold them as typed.
    let as_typed = |mut a: Assessment, name: &str, branch: &str| {
        a.respondent.name = name.into();
        a.respondent.branch = branch.into();
        a
    };
    let plain = member(&t, "z1", "张三", "第一支部", &[("a1", Response::Met)], 10);
    let zero_width = as_typed(
        member(&t, "z2", "张三", "第一支部", &[("a1", Response::Met)], 20),
        "张\u{200b}三",
        "第一支部",
    );
    let joiner = as_typed(
        member(&t, "z3", "张三", "第一支部", &[("a1", Response::NotMet)], 30),
        "张三\u{200d}",
        "第一支部\u{feff}",
    );
    let subs = [
        sub(plain, "一.json"),
        sub(zero_width, "二.json"),
        sub(joiner, "三.json"),
    ];
    let roster = parse_roster("张三、李\u{200b}四");
    assert_eq!(roster, ["张三", "李四"], "the roster is cleaned too");
    let c = Combined::build(&t, &subs, &roster, Level::Member);
    assert_eq!(c.rows.len(), 1, "one member: {:?}", c.rows);
    assert_eq!(
        (c.rows[0].name.as_str(), c.rows[0].detail.as_str()),
        ("张三", "第一支部")
    );
    assert_eq!(
        c.rows[0].total,
        pts("0"),
        "the newest, 三.json with 未达标, is the one counted"
    );
    assert_eq!(c.duplicates.len(), 1);
    assert_eq!(c.duplicates[0].kept, "三.json");
    assert_eq!(c.duplicates[0].dropped, ["一.json", "二.json"]);
    assert_eq!(c.missing, ["李四"], "张三 on the roster is matched");
    assert_eq!(c.invisible.len(), 2, "{:?}", c.invisible);
    assert!(
        c.invisible[0].contains("二.json") && c.invisible[0].contains("U+200B"),
        "{}",
        c.invisible[0]
    );
    assert!(
        c.invisible[1].contains("三.json") && c.invisible[1].contains("U+200D、U+FEFF"),
        "{}",
        c.invisible[1]
    );
}

#[test]
fn members_of_another_branch_stay_rows_of_members_and_the_desk_is_told() {
    let t = template("t", 1, 2);
    let (zhang, li) = two_members(&t);
    let mut wang = member(&t, "w", "王五", "第二支部", &[("a1", Response::Met)], 30);
    // One of three reviewed: the review average is that one's, and says so.
    wang.set_review(
        t.item("a1").unwrap(),
        Review {
            response: Some(Response::NotMet),
            comment: String::new(),
        },
        31,
    )
    .unwrap();
    let subs = [sub(zhang, "z.json"), sub(li, "l.json"), sub(wang, "w.json")];
    assert_eq!(
        Level::suggested(&subs),
        Level::Member,
        "members' own files never switch the desk"
    );
    let c = Combined::build(&t, &subs, &[], Level::Member);
    assert_eq!(c.rows.len(), 3);
    assert_eq!(c.branches, [("第一支部".to_string(), 2), ("第二支部".to_string(), 1)]);
    assert_eq!((c.members, c.reviewed), (3, 1));
    assert!(c.average_review_total.is_some());
}

#[test]
fn a_round_typed_two_ways_is_one_round_on_the_desk() {
    let t = template("t", 1, 2);
    let (zhang, _) = two_members(&t);
    let mut again = zhang.clone();
    again.id = "z2".into();
    // As an earlier version stored what was typed.
    again.round = "2026上半年".into();
    again.updated_at += 5;
    let c = Combined::build(&t, &[sub(zhang, "z.json"), sub(again, "z2.json")], &[], Level::Member);
    assert_eq!(c.members, 1);
    assert_eq!(c.duplicates.len(), 1, "{:?}", c.duplicates);
}

#[test]
fn a_received_copy_is_marked_here_and_never_in_the_file_it_exports() {
    let t = template("t", 1, 2);
    let (mut zhang, _) = two_members(&t);
    zhang.received_at = Some(500);
    assert!(zhang.is_received());
    let record = mofan::core::exchange::record::encode_assessment(&zhang);
    let back = mofan::core::exchange::record::decode_assessment(&record).unwrap();
    assert_eq!(back.received_at, Some(500), "the stored record keeps it");
    let (opened, _) = open(&encode_result(&t, &zhang, 9), |_, _| Some(&t)).unwrap();
    let Opened::Result(c) = opened else {
        panic!("a result file")
    };
    assert_eq!(c.assessment.received_at, None, "the exported file does not");
    assert_eq!(c.assessment.answers, zhang.answers);
}

#[test]
fn a_received_file_reads_pending_then_partly_then_fully_reviewed() {
    use mofan::core::assessment::scoring::ReviewProgress;
    let t = template("t", 1, 2);
    let (mut zhang, _) = two_members(&t);
    assert_eq!(ReviewProgress::of(&t, &zhang).label(), "待审核");
    zhang
        .set_review(
            t.item("a1").unwrap(),
            Review {
                response: Some(Response::Met),
                comment: String::new(),
            },
            30,
        )
        .unwrap();
    let partly = ReviewProgress::of(&t, &zhang);
    assert_eq!(
        (partly.key(), partly.label()),
        ("partial", "审核中（已审 1/4 项）".to_string())
    );
    zhang.confirm_unreviewed(31);
    assert_eq!(ReviewProgress::of(&t, &zhang), ReviewProgress::Done);
    assert_eq!(ReviewProgress::Done.label(), "已审核");
}
