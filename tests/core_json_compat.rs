//! Files written by earlier builds keep opening, byte for byte. The fixtures
//! in `tests/fixtures/compat/` were written by the build that still used
//! serde_json; every record, result file, branch file and backup this build
//! writes must match them exactly (the checksums in result files and the
//! template fingerprints depend on it), and every one must read back the same.

use mofan::core::assessment::action::Action;
use mofan::core::exchange::backup::{encode_backup, open_backup, Backup};
use mofan::core::exchange::record::{decode_assessment, decode_template, encode_assessment, encode_template};
use mofan::core::exchange::result_file::sha256_hex;
use mofan::core::exchange::result_file::{
    encode_branch, encode_result, fingerprint, open, BranchContent, Opened, TemplateRef,
};
use mofan::core::template::builtin::builtin_templates;
use mofan::core::template::format::Source;
use mofan::core::{
    Answer, Assessment, Audience, Fraction, GradeBand, Item, LadderStep, Points, Respondent, Response, Review, Rule,
    Section, Template,
};
use std::collections::BTreeMap;

/// Text that needs every kind of escape JSON has, and some that need none.
const AWKWARD: &str = "引号\"反斜杠\\换行\n制表\t回车\r退格\u{8}换页\u{c}控制\u{1}\u{1f}删除\u{7f}斜杠/ 😀\u{2028}";

fn item(id: &str, hundredths: i64, rule: Rule) -> Item {
    Item {
        id: id.into(),
        title: format!("考核内容{id}"),
        points: Points::from_hundredths(hundredths),
        rule,
        criteria: String::new(),
        evidence: String::new(),
        method: None,
        allow_na: true,
        source: None,
    }
}

/// A template with every rule kind, optional field and awkward number.
fn every_rule() -> Template {
    let mut first = item(
        "a",
        1000,
        Rule::Check {
            partial: Fraction::from_hundredths(60),
        },
    );
    first.criteria = "按时召开".into();
    first.evidence = AWKWARD.into();
    first.source = Some(Source {
        file: "seeds/条例.md".into(),
        section: "第三章".into(),
        ..Source::default()
    });
    let mut ladder = item(
        "b",
        1050,
        Rule::Ladder {
            steps: vec![
                LadderStep {
                    name: "好".into(),
                    points: Points::from_hundredths(1050),
                },
                LadderStep {
                    name: "较好".into(),
                    points: Points::from_hundredths(725),
                },
                LadderStep {
                    name: "差".into(),
                    points: Points::ZERO,
                },
            ],
        },
    );
    ladder.allow_na = false;
    Template {
        format: "mofan-template".into(),
        format_version: 1,
        id: "compat-every-rule".into(),
        version: 3,
        title: "兼容性测试评分表".into(),
        short_title: "兼容".into(),
        audience: Audience::Branch,
        description: "说明\n第二行".into(),
        period: Default::default(),
        total: Points::whole(100),
        grades: vec![
            GradeBand {
                name: "好".into(),
                min: Points::from_hundredths(8550),
            },
            GradeBand {
                name: "差".into(),
                min: Points::ZERO,
            },
        ],
        sections: vec![
            Section {
                id: "s1".into(),
                title: "组织建设（含说明）".into(),
                short_title: None,
                items: vec![
                    first,
                    ladder,
                    item(
                        "c",
                        2000,
                        Rule::Deduction {
                            per: Points::from_hundredths(25),
                            max_count: Some(8),
                        },
                    ),
                    item(
                        "d",
                        1000,
                        Rule::Deduction {
                            per: Points::whole(2),
                            max_count: None,
                        },
                    ),
                ],
            },
            Section {
                id: "s2".into(),
                title: "作用发挥".into(),
                short_title: None,
                items: vec![
                    item(
                        "e",
                        2950,
                        Rule::Free {
                            step: Points::from_hundredths(5),
                        },
                    ),
                    item(
                        "h",
                        1000,
                        Rule::Check {
                            partial: Fraction::HALF,
                        },
                    ),
                    item(
                        "i",
                        1000,
                        Rule::Check {
                            partial: Fraction::from_hundredths(5),
                        },
                    ),
                    item("f", 0, Rule::Veto),
                    item("j", 0, Rule::Veto),
                    item("g", 500, Rule::Bonus { step: Points::whole(1) }),
                ],
            },
        ],
    }
}

fn answer(response: Option<Response>) -> Answer {
    Answer {
        response,
        ..Default::default()
    }
}

/// A self-check with every kind of response, a review, notes and actions.
fn every_answer() -> Assessment {
    let mut answers = BTreeMap::new();
    answers.insert(
        "a".to_string(),
        Answer {
            response: Some(Response::Partial),
            note: AWKWARD.into(),
            evidence: "会议记录".into(),
            review: Some(Review {
                response: Some(Response::NotMet),
                comment: "记录不全".into(),
            }),
        },
    );
    answers.insert("b".to_string(), answer(Some(Response::Step("较好".into()))));
    answers.insert("c".to_string(), answer(Some(Response::Count(3))));
    answers.insert("d".to_string(), answer(Some(Response::NotApplicable)));
    answers.insert(
        "e".to_string(),
        answer(Some(Response::Score(Points::from_hundredths(2905)))),
    );
    answers.insert("f".to_string(), answer(Some(Response::Veto(false))));
    answers.insert("g".to_string(), answer(Some(Response::Score(Points::whole(3)))));
    answers.insert(
        "h".to_string(),
        Answer {
            note: "只有备注".into(),
            review: Some(Review {
                response: None,
                comment: "请补充".into(),
            }),
            ..Default::default()
        },
    );
    answers.insert("i".to_string(), answer(Some(Response::Met)));
    answers.insert("j".to_string(), answer(Some(Response::Veto(true))));
    let mut actions = BTreeMap::new();
    actions.insert(
        "a".to_string(),
        Action {
            measure: "补齐记录".into(),
            owner: "李四".into(),
            deadline: "2026年12月底".into(),
            done: true,
        },
    );
    actions.insert(
        "c".to_string(),
        Action {
            measure: "按时缴纳".into(),
            ..Default::default()
        },
    );
    Assessment {
        id: "a-1".into(),
        template_id: "compat-every-rule".into(),
        template_version: 3,
        respondent: Respondent {
            unit: "某单位".into(),
            branch: "第一支部".into(),
            name: "张三".into(),
        },
        round: "2026年上半年".into(),
        answers,
        actions,
        created_at: 1_767_225_600_000,
        updated_at: -5,
        received_at: None,
    }
}

/// The smallest self-check: no answers, no actions, no unit.
fn empty_answers() -> Assessment {
    Assessment {
        id: "a-2".into(),
        template_id: "compat-every-rule".into(),
        template_version: 3,
        respondent: Respondent {
            name: "王五".into(),
            ..Default::default()
        },
        round: "2026年".into(),
        answers: BTreeMap::new(),
        actions: BTreeMap::new(),
        created_at: 0,
        updated_at: 0,
        received_at: None,
    }
}

fn branch_content() -> BranchContent {
    BranchContent {
        template: TemplateRef::of(&every_rule()),
        unit: String::new(),
        branch: "第一支部".into(),
        roster: vec!["张三".into(), "王五".into(), AWKWARD.into()],
        results: vec![every_answer(), empty_answers()],
    }
}

fn backup() -> Backup {
    let mut settings = BTreeMap::new();
    settings.insert("role".to_string(), "branch".to_string());
    settings.insert("exported.a-1".to_string(), "1767225600000".to_string());
    Backup {
        assessments: vec![every_answer(), empty_answers()],
        templates: vec![every_rule()],
        settings,
    }
}

const NOW: i64 = 1_767_312_000_123;

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/compat/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn stored_records_are_written_and_read_exactly_as_before() {
    let a = every_answer();
    assert_eq!(encode_assessment(&a), fixture("assessment.json"));
    assert_eq!(decode_assessment(&fixture("assessment.json")).unwrap(), a);
    assert_eq!(encode_assessment(&empty_answers()), fixture("assessment-empty.json"));
    assert_eq!(
        decode_assessment(&fixture("assessment-empty.json")).unwrap(),
        empty_answers()
    );
    let t = every_rule();
    assert_eq!(encode_template(&t), fixture("template-record.json"));
    assert_eq!(decode_template(&fixture("template-record.json")).unwrap(), t);
}

#[test]
fn a_template_exports_as_before_and_reads_back_the_same() {
    let t = every_rule();
    assert_eq!(t.to_json(), fixture("template.json"));
    assert_eq!(Template::from_json(&fixture("template.json")).unwrap(), t);
}

#[test]
fn result_branch_and_backup_files_from_the_earlier_build_open_and_are_written_the_same() {
    let t = every_rule();
    let a = every_answer();
    let result = fixture("result.json");
    assert_eq!(encode_result(&t, &a, NOW), result);
    let (opened, _) = open(&result, |id, v| (id == t.id && v == t.version).then_some(&t)).unwrap();
    assert_eq!(
        opened,
        Opened::Result(mofan::core::exchange::result_file::ResultContent {
            template: TemplateRef::of(&t),
            assessment: a,
        })
    );

    let branch = fixture("branch.json");
    assert_eq!(encode_branch(&branch_content(), NOW), branch);
    let (opened, _) = open(&branch, |id, v| (id == t.id && v == t.version).then_some(&t)).unwrap();
    assert_eq!(opened, Opened::Branch(branch_content()));

    let file = fixture("backup.json");
    assert_eq!(encode_backup(&backup(), NOW), file);
    assert_eq!(open_backup(&file, |_, _| None).unwrap(), backup());
}

/// Rule fields that a valid template never holds still write as before.
#[test]
fn shares_of_zero_and_one_and_negative_points_write_as_before() {
    let mut t = every_rule();
    t.sections[0].items[0].rule = Rule::Check {
        partial: Fraction::from_hundredths(100),
    };
    t.sections[0].items[2].rule = Rule::Check {
        partial: Fraction::from_hundredths(0),
    };
    t.sections[1].items[0].points = Points::from_hundredths(-250);
    t.sections[1].items[1].points = Points::whole(-3);
    assert_eq!(encode_template(&t), fixture("template-odd.json"));
}

/// Fingerprints decide whether a result file matches the template here; the
/// built-in templates' must not move, nor their exported text.
#[test]
fn built_in_templates_keep_their_fingerprints_and_exported_text() {
    let mut lines = vec![format!("compat-every-rule {}", fingerprint(&every_rule()))];
    for t in builtin_templates() {
        lines.push(format!(
            "{} v{} fingerprint {} export {} record {}",
            t.id,
            t.version,
            fingerprint(&t),
            sha256_hex(t.to_json().as_bytes()),
            sha256_hex(encode_template(&t).as_bytes())
        ));
    }
    // In any order: which versions the member's app carries moves none of them.
    let mut want: Vec<String> = fixture("fingerprints.txt").lines().map(String::from).collect();
    lines.sort();
    want.sort();
    assert_eq!(lines, want);
}

/// A hand-edited file is refused with what is wrong, in Chinese, and where.
#[test]
fn hand_edited_files_are_refused_naming_the_field_and_the_place() {
    use mofan::core::exchange::record::RecordError;
    let record = fixture("assessment.json").replace("\"template_version\":3", "\"template_version\":\"3\"");
    // serde_json notices the wrong type once it has read the value: the
    // place is the value's closing quote.
    let column = record.find("\"3\"").unwrap() + 3;
    assert_eq!(
        decode_assessment(&record),
        Err(RecordError::BadData(format!(
            "数据类型不正确（应为不小于0的整数，实为文字），位于第1行第{column}列"
        )))
    );

    let record = fixture("assessment.json").replace("\"response\":\"met\"", "\"response\":\"maybe\"");
    let Err(RecordError::BadData(why)) = decode_assessment(&record) else {
        panic!("an unknown answer must be refused")
    };
    assert!(why.starts_with("无法识别的取值 `maybe`，位于第1行第"), "{why}");

    // In a pretty-printed template, the line of the misspelt field.
    let text = fixture("template.json").replacen("\"criteria\"", "\"criterion\"", 1);
    let line = text.lines().position(|l| l.contains("\"criterion\"")).unwrap() + 1;
    let problems = Template::from_json(&text).unwrap_err();
    assert_eq!(problems.len(), 1);
    assert!(problems[0].place.starts_with(&format!("第{line}行第")), "{problems:?}");
    assert_eq!(
        problems[0].message,
        "字段内容不符合评分表格式：无法识别的字段 `criterion`"
    );

    // A result file whose answer was edited no longer matches its checksum.
    let result = fixture("result.json").replace("{\"count\":3}", "{\"count\":4}");
    let t = every_rule();
    let refused = open(&result, |_, _| Some(&t)).unwrap_err();
    assert_eq!(refused, mofan::core::exchange::result_file::ResultFileError::Tampered);
}
