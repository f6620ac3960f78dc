//! 备份与恢复: one file with everything; restoring merges and never lets an
//! older copy replace a newer one.

use mofan::core::exchange::backup::{encode_backup, needs_backup, open_backup, Backup, RestorePlan, Step};
use mofan::core::exchange::result_file::encode_result;
use mofan::core::template::builtin::builtin_templates;
use mofan::core::template::spreadsheet::template_from_csv;
use mofan::core::{Assessment, Respondent, Response};
use std::collections::BTreeMap;

fn check(id: &str, name: &str, updated: i64) -> Assessment {
    let t = &builtin_templates()[0];
    let who = Respondent {
        name: name.into(),
        ..Default::default()
    };
    let mut a = Assessment::start(id.into(), t, who, "2026年上半年", 1).unwrap();
    a.set_response(t.item("zzgy-1").unwrap(), Some(Response::Met), updated)
        .unwrap();
    a
}

fn custom(points: &str) -> mofan::core::Template {
    let rest = 100 - points.parse::<i32>().unwrap();
    let csv = format!("一级指标,二级指标/考核内容,评分标准,分值\n组织,学习,按时学习,{points}\n,会议,按期召开,{rest}\n");
    template_from_csv(&csv, "本支部细则").unwrap()
}

#[test]
fn a_backup_round_trips_and_refuses_edits_and_other_files() {
    let mut settings = BTreeMap::new();
    settings.insert("role".to_string(), "branch".to_string());
    let b = Backup {
        assessments: vec![check("a", "张三", 5)],
        templates: vec![custom("40")],
        settings,
    };
    let text = encode_backup(&b, 9);
    assert_eq!(open_backup(&text, |_, _| None).unwrap(), b);
    let edited = text.replace("张三", "李四");
    assert_eq!(
        open_backup(&edited, |_, _| None).unwrap_err(),
        "文件内容与校验码不符：导出后被修改过或已损坏，已拒绝导入"
    );
    let result = encode_result(&builtin_templates()[0], &check("a", "张三", 5), 9);
    assert!(open_backup(&result, |_, _| None).unwrap_err().contains("不是备份文件"));
    assert_eq!(open_backup("{}", |_, _| None).unwrap_err(), "这不是模范导出的备份文件");
    assert!(open_backup(&text[..40], |_, _| None).unwrap_err().contains("截断"));
}

#[test]
fn restore_adds_missing_takes_newer_and_never_replaces_newer_here() {
    let here = vec![
        check("same", "甲", 5),
        check("older-here", "乙", 5),
        check("newer-here", "丙", 50),
    ];
    let file = Backup {
        assessments: vec![
            check("same", "甲", 5),
            check("older-here", "乙", 30),
            check("newer-here", "丙", 20),
            check("only-in-file", "丁", 7),
        ],
        templates: vec![custom("40"), custom("30")],
        settings: BTreeMap::from([("role".into(), "member".into()), ("roster".into(), "甲\n乙".into())]),
    };
    let templates_here = vec![custom("40")];
    let settings_here = BTreeMap::from([("role".to_string(), "branch".to_string())]);
    let here = Backup {
        assessments: here,
        templates: templates_here,
        settings: settings_here,
    };
    let plan = RestorePlan::make(&file, &here, |a| a.respondent.name.clone());
    let steps: Vec<(&str, &str, Step)> = plan.lines.iter().map(|l| (l.kind, l.what.as_str(), l.step)).collect();
    assert_eq!(
        steps[..4],
        [
            ("自查", "甲", Step::Same),
            ("自查", "乙", Step::Replace),
            ("自查", "丙", Step::KeepHere),
            ("自查", "丁", Step::Add),
        ]
    );
    assert_eq!(
        plan.assessments.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(),
        ["older-here", "only-in-file"]
    );
    // Both CSV imports give version 1 of the same id: the one here is identical, the other differs and is not used.
    assert_eq!(steps[4].2, Step::Same);
    assert_eq!(steps[5].2, Step::KeepHere);
    assert!(plan.templates.is_empty());
    // A setting chosen here is kept; one missing here is added.
    assert_eq!(plan.settings, [("roster".to_string(), "甲\n乙".to_string())]);
    assert_eq!(plan.writes(), 3);
}

#[test]
fn the_reminder_counts_self_checks_changed_since_the_last_backup_or_their_export() {
    let all = [check("a", "甲", 10), check("b", "乙", 20), check("c", "丙", 30)];
    assert_eq!(needs_backup(&all, 0, |_| 0), 3);
    assert_eq!(needs_backup(&all, 15, |_| 0), 2);
    assert_eq!(
        needs_backup(&all, 15, |id| if id == "c" { 30 } else { 0 }),
        1,
        "c was exported after its last change"
    );
    assert_eq!(needs_backup(&all, 30, |_| 0), 0);
}

/// `file` with its content edited by `edit` and signed again, as another
/// version of Mofan (or another program) would write it.
fn resigned(file: &str, edit: impl Fn(&str) -> String) -> String {
    let start = file.find("\"content\":").unwrap() + "\"content\":".len();
    let end = file.rfind(",\"sha256\":").unwrap();
    let content = edit(&file[start..end]);
    let sha = mofan::core::exchange::result_file::sha256_hex(content.as_bytes());
    format!("{}{content},\"sha256\":\"{sha}\"}}", &file[..start])
}

#[test]
fn a_backup_with_fields_this_version_does_not_know_says_it_is_from_another_version() {
    let b = Backup {
        assessments: vec![check("a", "张三", 5)],
        templates: Vec::new(),
        settings: BTreeMap::new(),
    };
    let text = encode_backup(&b, 9);
    let newer = resigned(&text, |c| c.replacen("\"round\":", "\"mood\":\"好\",\"round\":", 1));
    let e = open_backup(&newer, |_, _| None).unwrap_err();
    assert!(e.contains("其他版本的模范") && !e.contains("校验码不符"), "{e}");
    // A real edit still breaks the checksum.
    assert!(open_backup(&text.replace("张三", "李四"), |_, _| None)
        .unwrap_err()
        .contains("校验码不符"));
}

#[test]
fn a_backup_with_an_answer_no_rule_can_take_is_refused_naming_the_item() {
    let t = builtin_templates()[0].clone();
    let b = Backup {
        assessments: vec![check("a", "张三", 5)],
        templates: Vec::new(),
        settings: BTreeMap::new(),
    };
    let text = encode_backup(&b, 9);
    let bad = resigned(&text, |c| {
        c.replace("\"response\":\"met\"", "\"response\":{\"score\":999}")
    });
    let e = open_backup(&bad, |id, v| (id == t.id && v == t.version).then_some(&t)).unwrap_err();
    assert!(
        e.contains("未恢复任何内容") && e.contains("第1.1项") && e.contains("“999分”"),
        "{e}"
    );
    // Without the template here to check against, it is restored as it is.
    assert!(open_backup(&bad, |_, _| None).is_ok());
}
