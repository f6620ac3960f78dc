//! Starting and editing a self-check, and the stored record round trip.

use mofan::core::assessment::round_pick::{canonical_round, round_for, years_on_offer, RoundPart, RoundPick};
use mofan::core::exchange::record::{decode_assessment, encode_assessment, RecordError, SCHEMA_VERSION};
use mofan::core::template::builtin::builtin_templates;
use mofan::core::template::format::Period;
use mofan::core::template::library::find;
use mofan::core::{Answer, Assessment, Respondent, Response, Scorecard, StartProblem};

fn sample() -> Assessment {
    let t = &builtin_templates()[0];
    let who = Respondent {
        unit: " 西安分行 ".into(),
        branch: "办公室党支部".into(),
        name: " 张三 ".into(),
    };
    Assessment::start("a1".into(), t, who, " 2026年上半年 ", 1_700_000_000_000).unwrap()
}

#[test]
fn start_cleans_names_and_refuses_missing_name_or_round() {
    let a = sample();
    assert_eq!(a.respondent.name, "张三");
    assert_eq!(a.respondent.unit, "西安分行");
    assert_eq!(a.round, "2026年上半年");
    assert_eq!(a.template_id, "liuge-mofan");
    let t = &builtin_templates()[0];
    // Pasted from a chat: a zero-width space inside, a byte-order mark and an ideographic space around.
    let pasted = Respondent {
        unit: "\u{feff}西安分行".into(),
        branch: "办公室\u{200b}党支部\u{3000}".into(),
        name: "张\u{200d}三".into(),
    };
    let b = Assessment::start("p".into(), t, pasted, "2026年\u{200b}上半年", 1).unwrap();
    assert_eq!(
        (
            b.respondent.unit.as_str(),
            b.respondent.branch.as_str(),
            b.respondent.name.as_str(),
            b.round.as_str()
        ),
        ("西安分行", "办公室党支部", "张三", "2026年上半年")
    );
    let err = Assessment::start("b".into(), t, Respondent::default(), "  ", 1).unwrap_err();
    assert_eq!(err, vec![StartProblem::NoName, StartProblem::NoRound]);
    assert!(
        err[0].message().contains("姓名") && err[1].message().contains("轮次"),
        "{err:?}"
    );
    let invisible = Respondent {
        name: "\u{200b}".into(),
        ..Default::default()
    };
    let err = Assessment::start("b".into(), t, invisible, "x", 1).unwrap_err();
    assert_eq!(err, vec![StartProblem::NoName], "a name of nothing visible is no name");
}

#[test]
fn answers_keep_response_note_and_evidence_and_move_edit_time_forward() {
    let t = &builtin_templates()[0];
    let mut a = sample();
    a.set_response(t.item("zzgy-1").unwrap(), Some(Response::Met), 10)
        .unwrap();
    a.set_note("zzgy-1", "已传达学习", 1_700_000_000_500);
    a.set_evidence("zzgy-1", "会议记录第3页", 1_700_000_000_600);
    assert_eq!(
        a.answer("zzgy-1"),
        Some(&Answer {
            response: Some(Response::Met),
            note: "已传达学习".into(),
            evidence: "会议记录第3页".into(),
            review: None,
        })
    );
    // a clock set back never moves the edit time backwards
    assert_eq!(a.updated_at, 1_700_000_000_600);
    a.set_note("zzgy-1", "改", 5);
    assert_eq!(a.updated_at, 1_700_000_000_600);
}

#[test]
fn clearing_everything_removes_the_answer() {
    let t = &builtin_templates()[0];
    let mut a = sample();
    let item = t.item("zzgy-2").unwrap();
    a.set_response(item, Some(Response::NotMet), 2).unwrap();
    a.set_response(item, None, 3).unwrap();
    assert!(a.answer("zzgy-2").is_none());
}

#[test]
fn title_names_template_person_and_round() {
    let t = &builtin_templates()[0];
    assert_eq!(sample().title(t), "六个模范-张三-2026年上半年");
}

#[test]
fn record_round_trips_with_schema_version() {
    let t = &builtin_templates()[0];
    let mut a = sample();
    a.set_response(t.item("llwz-2").unwrap(), Some(Response::Partial), 20)
        .unwrap();
    a.set_note("llwz-2", "引号\"与<b>标签</b>原样保存", 21);
    let raw = encode_assessment(&a);
    assert!(raw.starts_with(&format!("{{\"schema\":{SCHEMA_VERSION},\"kind\":\"assessment\"")));
    assert_eq!(decode_assessment(&raw).unwrap(), a);
}

#[test]
fn corrupt_records_are_reported_not_guessed() {
    let raw = encode_assessment(&sample());
    let truncated = &raw[..raw.len() / 2];
    assert!(matches!(decode_assessment(truncated), Err(RecordError::Unreadable(_))));
    assert_eq!(decode_assessment("[1,2]"), Err(RecordError::NoEnvelope));
    assert_eq!(decode_assessment(r#"{"name":"x"}"#), Err(RecordError::NoEnvelope));
    assert_eq!(
        decode_assessment(r#"{"schema":99,"kind":"assessment","data":{}}"#),
        Err(RecordError::NewerSchema(99))
    );
    assert!(matches!(
        decode_assessment(r#"{"schema":1,"kind":"assessment","data":{"id":3}}"#),
        Err(RecordError::BadData(_))
    ));
    let newer = decode_assessment(r#"{"schema":99,"kind":"assessment","data":{}}"#).unwrap_err();
    assert!(
        newer.to_string().contains("更新版本的模范保存（数据版本 99）"),
        "{newer}"
    );
    assert!(decode_assessment(truncated)
        .unwrap_err()
        .to_string()
        .starts_with("数据已损坏"));
    // the reason is said in Chinese, with where, and no serde English
    let Err(RecordError::Unreadable(why)) = decode_assessment(truncated) else {
        panic!()
    };
    assert!(why.starts_with("内容在中途被截断，位于第1行第"), "{why}");
    let Err(RecordError::BadData(why)) = decode_assessment(r#"{"schema":2,"kind":"assessment","data":{"id":"x"}}"#)
    else {
        panic!()
    };
    assert!(why.starts_with("缺少字段 `template_id`"), "{why}");
}

#[test]
fn a_schema_1_record_written_by_the_first_release_still_opens_with_the_same_answers() {
    let raw = include_str!("fixtures/assessment-v1.json");
    let a = decode_assessment(raw).expect("v1 records migrate");
    assert_eq!(a.respondent.name, "张三");
    assert_eq!(a.response("zzgy-4"), Some(&Response::NotApplicable));
    assert_eq!(a.response("zzgy-2"), Some(&Response::Partial));
    assert_eq!(a.answer("zzgy-3").unwrap().evidence, "推进会签到表");
    // It opens with version 1 of the checklist, the one it was made with,
    // and shows the total the first release showed: 18 of 97 → 18.56.
    let builtins = builtin_templates();
    let refs: Vec<&mofan::core::Template> = builtins.iter().collect();
    let t = find(&refs, &[], &a.template_id, a.template_version).unwrap();
    assert_eq!(t.version, 1);
    assert_eq!(Scorecard::of_self(t, &a).total.to_string(), "18.56");
    // and it is written back in the current schema
    assert!(encode_assessment(&a).starts_with(&format!("{{\"schema\":{SCHEMA_VERSION}")));
}

#[test]
fn a_self_check_keeps_the_rules_of_the_version_it_was_made_with() {
    // Version 2 of 六个模范 scores the “6个满意” items on a satisfaction ladder;
    // an answer given under version 1 (达标) still counts under version 1.
    let builtins = builtin_templates();
    let refs: Vec<&mofan::core::Template> = builtins.iter().collect();
    let v1 = find(&refs, &[], "liuge-mofan", 1).unwrap();
    let v2 = find(&refs, &[], "liuge-mofan", 2).unwrap();
    let mut a = Assessment::start(
        "old".into(),
        v1,
        Respondent {
            name: "张三".into(),
            ..Default::default()
        },
        "2026年上半年",
        1,
    )
    .unwrap();
    a.set_response(v1.item("ddzw-1").unwrap(), Some(Response::Met), 2)
        .unwrap();
    assert_eq!(a.template_version, 1);
    assert_eq!(Scorecard::of_self(v1, &a).earned.to_string(), "3");
    assert_eq!(
        Scorecard::of_self(v2, &a).earned.to_string(),
        "0",
        "v2 cannot read a 达标 on a ladder item"
    );
    // New self-checks use the newest version.
    assert_eq!(mofan::core::template::library::latest_versions(&refs)[0].version, 3);
}

#[test]
fn default_round_follows_the_half_year_or_the_year() {
    assert_eq!(round_for(Period::HalfYear, 2026, 6), "2026年上半年");
    assert_eq!(round_for(Period::HalfYear, 2026, 7), "2026年下半年");
    assert_eq!(round_for(Period::Year, 2026, 7), "2026年");
}

#[test]
fn a_round_typed_either_way_is_one_round() {
    let first = RoundPick {
        year: 2026,
        part: RoundPart::FirstHalf,
    };
    for typed in [
        "2026年上半年",
        "2026上半年",
        "２０２６年上半年",
        " 2026 年 上半年 ",
        "2026\u{200b}年上半年",
    ] {
        assert_eq!(RoundPick::parse(typed), Some(first), "{typed:?}");
        assert_eq!(canonical_round(typed), "2026年上半年", "{typed:?}");
    }
    for typed in ["2026年", "2026", "2026年全年", "2026年度"] {
        assert_eq!(canonical_round(typed), "2026年", "{typed:?}");
    }
    assert_eq!(canonical_round("2026下半年"), "2026年下半年");
    // What cannot be read as a round stays as it was typed, less what shows nothing.
    for odd in ["第一季度", "26年上半年", "2026年第三季度", "12026年"] {
        assert_eq!(RoundPick::parse(odd), None, "{odd:?}");
    }
    assert_eq!(canonical_round("第一季度\u{200b}"), "第一季度");
}

#[test]
fn rounds_are_chosen_from_recent_years_and_the_one_already_chosen() {
    assert_eq!(years_on_offer(2026, None), [2027, 2026, 2025, 2024, 2023, 2022, 2021]);
    assert_eq!(years_on_offer(2026, Some(2024)), years_on_offer(2026, None));
    assert_eq!(years_on_offer(2026, Some(2018)).last(), Some(&2018));
    assert_eq!(years_on_offer(2026, Some(2030))[0], 2030);
}

#[test]
fn a_self_check_starts_with_its_round_in_the_one_form() {
    let t = &builtin_templates()[0];
    let who = Respondent {
        name: "张三".into(),
        ..Respondent::default()
    };
    let a = Assessment::start("a".into(), t, who.clone(), "2026上半年", 1).unwrap();
    let b = Assessment::start("b".into(), t, who, "２０２６年上半年", 2).unwrap();
    assert_eq!(a.round, "2026年上半年");
    assert_eq!(a.round, b.round);
}

#[test]
fn who_and_when_can_be_corrected_after_starting_and_nothing_else_changes() {
    let t = &builtin_templates()[0];
    let item = t.item("zzgy-1").unwrap();
    let mut a = sample();
    a.set_response(item, Some(Response::Met), 10).unwrap();
    let answers = a.answers.clone();
    let fixed = Respondent {
        unit: " 某某分行 ".into(),
        branch: "办公室党支部\u{200b}".into(),
        name: "张三丰".into(),
    };
    assert_eq!(a.set_particulars(fixed.clone(), "2026下半年", 20), Ok(true));
    assert_eq!(a.respondent.unit, "某某分行");
    assert_eq!(a.respondent.branch, "办公室党支部");
    assert_eq!(a.respondent.name, "张三丰");
    assert_eq!(a.round, "2026年下半年");
    assert_eq!(a.updated_at, 20);
    assert_eq!(a.answers, answers, "answers are untouched");
    // The same again is no change; a blank name or round is refused and changes nothing.
    assert_eq!(a.set_particulars(fixed.clone(), "2026年下半年", 30), Ok(false));
    let before = a.clone();
    let nameless = Respondent {
        name: " ".into(),
        ..fixed
    };
    assert_eq!(
        a.set_particulars(nameless, "", 40),
        Err(vec![StartProblem::NoName, StartProblem::NoRound])
    );
    assert_eq!(a, before);
}

#[test]
fn only_real_edits_count_as_changes_so_nothing_is_stored_twice() {
    let t = &builtin_templates()[0];
    let item = t.item("zzgy-1").unwrap();
    let mut a = sample();
    const T: i64 = 1_700_000_000_000;
    assert!(a.set_note("zzgy-1", "已传达", T + 10));
    assert!(
        !a.set_note("zzgy-1", "已传达", T + 20),
        "the same text again is no change"
    );
    assert_eq!(a.updated_at, T + 10);
    assert_eq!(a.set_response(item, Some(Response::Met), T + 30), Ok(true));
    assert_eq!(a.set_response(item, Some(Response::Met), T + 40), Ok(false));
    // clearing an item that was never answered changes nothing either
    assert!(!a.set_evidence("zzgy-2", "", T + 50));
    assert_eq!(a.updated_at, T + 30);
}

#[test]
fn two_tabs_keep_each_others_answers_when_merged() {
    let t = mofan::core::template::builtin::builtin_templates().remove(0);
    let item = |id: &str| t.item(id).unwrap();
    let who = Respondent {
        name: "张三".into(),
        ..Default::default()
    };
    let mut base = Assessment::start("two".into(), &t, who, "2026年上半年", 1).unwrap();
    base.set_response(item("zzgy-1"), Some(Response::Met), 2).unwrap();
    base.set_note("zzgy-2", "旧说明", 2);

    // Tab A changes zzgy-2 and clears zzgy-1; tab B, meanwhile, answers zzgy-3 and edits zzgy-2's note.
    let mut mine = base.clone();
    mine.set_response(item("zzgy-2"), Some(Response::Partial), 10).unwrap();
    mine.set_response(item("zzgy-1"), None, 10).unwrap();
    let mut theirs = base.clone();
    theirs.set_response(item("zzgy-3"), Some(Response::NotMet), 8).unwrap();
    theirs.set_note("zzgy-4", "另一页签写的", 8);

    let merged = mine.rebase(&base, &theirs);
    assert_eq!(
        merged.response("zzgy-3"),
        Some(&Response::NotMet),
        "their new answer kept"
    );
    assert_eq!(merged.answer("zzgy-4").unwrap().note, "另一页签写的");
    assert_eq!(merged.response("zzgy-2"), Some(&Response::Partial), "my change kept");
    assert_eq!(merged.answer("zzgy-2").unwrap().note, "旧说明");
    assert_eq!(merged.response("zzgy-1"), None, "my clearing kept");
    assert_eq!(merged.updated_at, 10);

    // Nothing changed here: the merge is simply theirs.
    assert_eq!(base.rebase(&base, &theirs), theirs);
}
