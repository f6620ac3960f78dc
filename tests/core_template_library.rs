//! Importing a checklist again: new versions are kept beside the old ones, so
//! self-checks made with an older version still open with it.

use mofan::core::exchange::record::{decode_template, encode_template, RecordError};
use mofan::core::template::builtin::builtin_templates;
use mofan::core::template::library::{audience_first, find, latest_versions, plan_import, ImportPlan, ImportRefusal};
use mofan::core::template::spreadsheet::template_from_csv;
use mofan::core::{Points, Template};

const FIXTURE: &str = include_str!("fixtures/支部党建考核细则.csv");

fn refs(ts: &[Template]) -> Vec<&Template> {
    ts.iter().collect()
}

fn imported() -> Template {
    template_from_csv(FIXTURE, "支部党建考核细则").unwrap()
}

#[test]
fn a_corrected_spreadsheet_becomes_the_next_version_and_the_old_one_stays() {
    let builtin_owned = builtin_templates();
    let builtin = refs(&builtin_owned);
    let v1 = match plan_import(imported(), &builtin, &[], true).unwrap() {
        ImportPlan::New(t) => t,
        other => panic!("{other:?}"),
    };
    assert_eq!(v1.version, 1);
    // Same file again: nothing to do.
    assert_eq!(
        plan_import(imported(), &builtin, &[&v1], true).unwrap(),
        ImportPlan::AlreadyThere { version: 1 }
    );
    // The table is corrected (20 → 25 and 30 → 25): version 2, replacing 1.
    let changed = template_from_csv(
        &FIXTURE
            .replace(",20,达标,", ",25,达标,")
            .replace(",30,打分,", ",25,打分,"),
        "支部党建考核细则",
    )
    .unwrap();
    let v2 = match plan_import(changed, &builtin, &[&v1], true).unwrap() {
        ImportPlan::NewVersion { template, replaces: 1 } => template,
        other => panic!("{other:?}"),
    };
    assert_eq!(v2.version, 2);
    let stored = [&v1, &v2];
    // A self-check made with version 1 still gets version 1; new self-checks get version 2.
    assert_eq!(
        find(&builtin, &stored, &v1.id, 1)
            .unwrap()
            .items()
            .next()
            .unwrap()
            .points,
        Points::whole(20)
    );
    assert_eq!(
        find(&builtin, &stored, &v1.id, 2)
            .unwrap()
            .items()
            .next()
            .unwrap()
            .points,
        Points::whole(25)
    );
    assert_eq!(
        latest_versions(&stored).iter().map(|t| t.version).collect::<Vec<_>>(),
        [2]
    );
}

#[test]
fn built_in_checklists_cannot_be_replaced_and_json_versions_must_not_clash() {
    let builtin_owned = builtin_templates();
    let builtin = refs(&builtin_owned);
    let mut fake = builtin_owned[0].clone();
    fake.title = "改过的六个模范".into();
    let refusal = plan_import(fake, &builtin, &[], false).unwrap_err();
    assert!(matches!(refusal, ImportRefusal::BuiltIn(_)));
    assert!(refusal.message().contains("不能用导入的文件替换内置评分表"));

    let v1 = imported();
    let mut other = v1.clone();
    other.title = "同编号同版本但内容不同".into();
    let clash = plan_import(other.clone(), &builtin, &[&v1], false).unwrap_err();
    assert!(
        clash.message().contains("version 改为更大的数字"),
        "{}",
        clash.message()
    );
    other.version = 3;
    assert!(matches!(
        plan_import(other, &builtin, &[&v1], false).unwrap(),
        ImportPlan::NewVersion { replaces: 1, .. }
    ));
}

#[test]
fn stored_templates_round_trip_and_damaged_ones_are_refused() {
    let t = imported();
    assert_eq!(decode_template(&encode_template(&t)).unwrap(), t);
    let raw = encode_template(&t);
    assert!(matches!(
        decode_template(&raw.chars().take(raw.chars().count() / 2).collect::<String>()),
        Err(RecordError::Unreadable(_))
    ));
    // valid JSON but points no longer add up: refused, not used
    let tampered = raw.replacen("\"points\":20", "\"points\":21", 1);
    assert!(matches!(decode_template(&tampered), Err(RecordError::BadData(m)) if m.contains("合计")));
}

#[test]
fn members_see_member_checklists_first_and_secretaries_branch_ones() {
    use mofan::core::Audience;
    let owned = builtin_templates();
    let offered = latest_versions(&refs(&owned));
    let for_member = audience_first(offered.clone(), Audience::Member);
    let for_branch = audience_first(offered.clone(), Audience::Branch);
    let members = offered.iter().filter(|t| t.audience == Audience::Member).count();
    assert!(members > 0 && members < offered.len());
    assert!(for_member[..members].iter().all(|t| t.audience == Audience::Member));
    assert!(for_branch[..offered.len() - members]
        .iter()
        .all(|t| t.audience == Audience::Branch));
    assert_eq!(for_branch[0].id, "liuge-mofan", "each group keeps the built-in order");
}

#[test]
fn a_picked_file_is_read_as_its_name_says_and_anything_else_is_refused() {
    use mofan::core::template::library::read_template_file;
    let csv = include_str!("fixtures/支部党建考核细则.csv");
    let f = read_template_file("支部党建考核细则.CSV", csv).unwrap();
    assert!(f.from_spreadsheet);
    assert_eq!(f.template.title, "支部党建考核细则", "titled by the file name");

    let json = imported().to_json();
    let f = read_template_file("本单位.json", &json).unwrap();
    assert!(!f.from_spreadsheet);
    assert_eq!(f.template, imported());
    // No extension, but the text is JSON: read as a template file.
    assert_eq!(read_template_file("下载的文件", &json).unwrap().template, imported());

    assert_eq!(
        read_template_file("评分表.xlsx", "PK"),
        Err(vec!["只能导入 .json 评分表文件或从Excel另存的 .csv 文件".to_string()])
    );
    let broken = read_template_file("本单位.json", "{\n  oops").unwrap_err();
    assert_eq!(broken, ["第2行第3列：文件不是有效的JSON格式"]);
}

#[test]
fn a_missing_version_is_never_replaced_by_another_and_is_named() {
    use mofan::core::template::library::{missing_version, newest};
    let v1 = template_from_csv(FIXTURE, "支部党建考核细则").unwrap();
    let mut v3 = v1.clone();
    v3.version = 3;
    let builtin: Vec<&Template> = Vec::new();
    let stored = [&v3, &v1];
    assert_eq!(find(&builtin, &stored, &v1.id, 2), None, "version 2 is not here");
    assert_eq!(find(&builtin, &stored, &v1.id, 3).map(|t| t.version), Some(3));
    assert_eq!(newest(&builtin, &stored, &v1.id).map(|t| t.version), Some(3));
    let why = missing_version(&builtin, &stored, &v1.id, 2);
    assert!(
        why.contains("第2版") && why.contains("本机只有第1、3版") && why.contains("支部党建考核细则"),
        "{why}"
    );
    let why = missing_version(&builtin, &[], "other", 4);
    assert!(why.contains("编号 other，第4版") && why.contains("不在本机"), "{why}");
}
