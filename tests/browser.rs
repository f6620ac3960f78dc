//! Browser tests (wasm-bindgen-test, headless Chromium) for the browser-facing
//! modules: storage (the only code that touches localStorage) and files
//! (decoding what Excel writes, reading many picked files at once).
#![cfg(target_arch = "wasm32")]

use mofan::core::exchange::record::RecordError;
use mofan::core::template::builtin::builtin_templates;
use mofan::core::{Assessment, Respondent, Response};
use mofan::store::{self, Loaded, StoreError, ASSESSMENT_PREFIX};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn local() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn sample(id: &str, updated: i64) -> Assessment {
    let t = &builtin_templates()[0];
    let who = Respondent {
        unit: "某分行".into(),
        branch: "办公室党支部".into(),
        name: "李四".into(),
    };
    let mut a = Assessment::start(id.into(), t, who, "2026年上半年", 1).unwrap();
    a.set_response(t.item("zzgy-1").unwrap(), Some(Response::Partial), updated)
        .unwrap();
    a.set_note("zzgy-1", "<img src=x onerror=alert(1)> 原样保存", updated);
    a
}

#[wasm_bindgen_test]
fn a_saved_self_check_reads_back_identical() {
    local().clear().unwrap();
    let a = sample("rt1", 10);
    store::save_assessment(&a).unwrap();
    assert_eq!(store::load_assessment("rt1").unwrap(), Loaded::Found(a.clone()));
    let (good, bad) = store::list_assessments().unwrap();
    assert_eq!(good, vec![a]);
    assert!(bad.is_empty());
}

#[wasm_bindgen_test]
fn list_puts_the_latest_edit_first_and_ignores_other_keys() {
    local().clear().unwrap();
    local().set_item("some-other-app", "{not ours").unwrap();
    store::save_assessment(&sample("old", 100)).unwrap();
    store::save_assessment(&sample("new", 200)).unwrap();
    let (good, bad) = store::list_assessments().unwrap();
    let ids: Vec<&str> = good.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["new", "old"]);
    assert!(bad.is_empty());
}

#[wasm_bindgen_test]
fn a_corrupt_record_is_an_error_with_its_raw_text_kept_and_others_still_load() {
    local().clear().unwrap();
    store::save_assessment(&sample("fine", 5)).unwrap();
    let key = format!("{ASSESSMENT_PREFIX}broken");
    let raw = "{\"schema\":1,\"kind\":\"assessment\",\"data\":{\"id\":\"bro";
    local().set_item(&key, raw).unwrap();

    match store::load_assessment("broken").unwrap() {
        Loaded::Bad(b) => {
            assert_eq!(b.key, key);
            assert_eq!(b.raw, raw);
            assert!(matches!(b.error, RecordError::Unreadable(_)));
        }
        other => panic!("expected a bad record, got {other:?}"),
    }
    let (good, bad) = store::list_assessments().unwrap();
    assert_eq!(good.len(), 1);
    assert_eq!(bad.len(), 1);
    assert!(bad[0].error.to_string().contains("损坏"));
    // Loading never rewrites or removes what it could not read.
    assert_eq!(local().get_item(&key).unwrap().as_deref(), Some(raw));
}

#[wasm_bindgen_test]
fn writing_back_a_kept_copy_loses_nothing_stored() {
    local().clear().unwrap();
    let kept = mofan::core::exchange::record::encode_assessment(&sample("w", 50));
    // Stored and edited later: the stored copy wins and stays as it is.
    store::save_assessment(&sample("w", 60)).unwrap();
    let later = local().get_item(&format!("{ASSESSMENT_PREFIX}w")).unwrap();
    store::write_back("w", &kept, 1).unwrap();
    assert_eq!(local().get_item(&format!("{ASSESSMENT_PREFIX}w")).unwrap(), later);
    // Stored but unreadable: kept whole in the quarantine, then the copy is written.
    let broken = "{\"schema\":2,\"kind\":\"assessment\",\"data\":{\"id\":\"w";
    local().set_item(&format!("{ASSESSMENT_PREFIX}w"), broken).unwrap();
    store::write_back("w", &kept, 7).unwrap();
    assert_eq!(store::load_assessment("w").unwrap(), Loaded::Found(sample("w", 50)));
    let moved = store::list_quarantined().unwrap();
    assert_eq!(moved.len(), 1);
    assert_eq!(moved[0].raw, broken, "kept exactly as found");
    // Written by a newer version: refused, and left exactly as it was.
    let newer = r#"{"schema":9,"kind":"assessment","data":{}}"#;
    local().set_item(&format!("{ASSESSMENT_PREFIX}w"), newer).unwrap();
    assert_eq!(store::write_back("w", &kept, 8), Err(StoreError::NewerCopyStored));
    assert_eq!(
        local().get_item(&format!("{ASSESSMENT_PREFIX}w")).unwrap().as_deref(),
        Some(newer)
    );
}

#[wasm_bindgen_test]
fn unreadable_records_move_to_the_quarantine_whole_and_newer_ones_stay() {
    local().clear().unwrap();
    store::save_assessment(&sample("fine", 5)).unwrap();
    let broken = format!("{ASSESSMENT_PREFIX}broken");
    let raw = "{\"schema\":2,\"kind\":\"assessment\",\"data\":{\"id\":\"bro";
    local().set_item(&broken, raw).unwrap();
    let future = format!("{ASSESSMENT_PREFIX}future");
    let newer = r#"{"schema":9,"kind":"assessment","data":{}}"#;
    local().set_item(&future, newer).unwrap();

    assert_eq!(store::quarantine_unreadable(1234).unwrap().moved, 1);
    assert_eq!(local().get_item(&broken).unwrap(), None, "moved out of the way");
    let moved = store::list_quarantined().unwrap();
    assert_eq!(moved.len(), 1);
    assert_eq!(moved[0].key, format!("mofan.quarantine.1234.{broken}"));
    assert_eq!(moved[0].raw, raw, "kept exactly as found");
    assert_eq!(moved[0].moved_from.as_deref(), Some(broken.as_str()));
    assert!(matches!(moved[0].error, RecordError::Unreadable(_)));
    // A newer version's record stays where that version will look for it.
    assert_eq!(local().get_item(&future).unwrap().as_deref(), Some(newer));
    let (good, bad) = store::list_assessments().unwrap();
    assert_eq!(good.len(), 1);
    assert_eq!(bad.len(), 1);
    assert_eq!(bad[0].error, RecordError::NewerSchema(9));
    // Running again moves nothing more; deleting empties the quarantine.
    assert_eq!(store::quarantine_unreadable(5678).unwrap().moved, 0);
    store::delete_quarantined(&moved[0].key).unwrap();
    assert!(store::list_quarantined().unwrap().is_empty());
}

#[wasm_bindgen_test]
fn a_record_from_a_newer_version_is_refused_not_overwritten() {
    local().clear().unwrap();
    let key = format!("{ASSESSMENT_PREFIX}future");
    let raw = r#"{"schema":7,"kind":"assessment","data":{}}"#;
    local().set_item(&key, raw).unwrap();
    match store::load_assessment("future").unwrap() {
        Loaded::Bad(b) => assert_eq!(b.error, RecordError::NewerSchema(7)),
        other => panic!("expected a bad record, got {other:?}"),
    }
    assert_eq!(local().get_item(&key).unwrap().as_deref(), Some(raw));
}

#[wasm_bindgen_test]
fn a_full_quota_is_reported_and_the_last_good_copy_survives() {
    local().clear().unwrap();
    let good = sample("q", 10);
    store::save_assessment(&good).unwrap();
    let mut huge = good.clone();
    huge.set_note("zzgy-2", &"满".repeat(6 * 1024 * 1024), 20);
    let err = store::save_assessment(&huge).unwrap_err();
    assert_eq!(err, StoreError::QuotaExceeded);
    assert!(err.to_string().contains("存储空间已满"));
    assert_eq!(store::load_assessment("q").unwrap(), Loaded::Found(good));
}

#[wasm_bindgen_test]
fn deleting_removes_only_that_self_check() {
    local().clear().unwrap();
    store::save_assessment(&sample("keep", 1)).unwrap();
    store::save_assessment(&sample("drop", 2)).unwrap();
    store::delete_assessment("drop").unwrap();
    assert_eq!(store::load_assessment("drop").unwrap(), Loaded::Missing);
    assert!(matches!(store::load_assessment("keep").unwrap(), Loaded::Found(_)));
}

const CSV_UTF8: &str = include_str!("fixtures/支部党建考核细则.csv");
const CSV_GBK: &[u8] = include_bytes!("fixtures/支部党建考核细则-gbk.csv");

#[wasm_bindgen_test]
fn a_gbk_csv_saved_by_excel_on_chinese_windows_reads_as_the_same_table() {
    use mofan::core::template::spreadsheet::template_from_csv;
    assert!(
        std::str::from_utf8(std::hint::black_box(CSV_GBK)).is_err(),
        "the fixture really is GBK, not UTF-8"
    );
    let text = mofan::files::decode_text(CSV_GBK).unwrap();
    assert_eq!(text.replace("\r\n", "\n"), CSV_UTF8.trim_start_matches('\u{feff}'));
    assert_eq!(
        template_from_csv(&text, "细则").unwrap(),
        template_from_csv(CSV_UTF8, "细则").unwrap()
    );
}

#[wasm_bindgen_test]
fn utf8_with_a_byte_order_mark_decodes_without_it() {
    let text = mofan::files::decode_text(CSV_UTF8.as_bytes()).unwrap();
    assert!(text.starts_with("一级指标"));
}

#[wasm_bindgen_test]
fn bytes_that_are_neither_utf8_nor_gb18030_are_refused_for_their_encoding() {
    // 0xFF never begins a GB18030 character: the browser's decoder must
    // refuse it, not put replacement characters in its place.
    let e = mofan::files::decode_text(b"\xd2\xbb\xbc\xb6,\xff\xff,20\r\n").unwrap_err();
    assert!(e.0.contains("既不是UTF-8也不是GBK"), "{}", e.0);
}

#[wasm_bindgen_test]
fn excel_unicode_text_decodes_from_utf16() {
    let text = "一级指标\t分值\r\n政治建设\t20\r\n";
    let bytes: Vec<u8> = [0xff, 0xfe]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    assert_eq!(mofan::files::decode_text(&bytes).unwrap(), text);
}

#[wasm_bindgen_test]
fn imported_templates_are_stored_per_version_and_a_damaged_one_is_reported() {
    use mofan::core::template::spreadsheet::template_from_csv;
    local().clear().unwrap();
    let v1 = template_from_csv(CSV_UTF8, "细则").unwrap();
    let mut v2 = v1.clone();
    v2.version = 2;
    store::save_template(&v1).unwrap();
    store::save_template(&v2).unwrap();
    local()
        .set_item(
            &format!("{}broken.v1", store::TEMPLATE_PREFIX),
            "{\"schema\":1,\"kind\":\"template\"",
        )
        .unwrap();
    let (good, bad) = store::list_templates().unwrap();
    assert_eq!(good.iter().map(|t| t.version).collect::<Vec<_>>(), [1, 2]);
    assert_eq!(bad.len(), 1);
    assert!(bad[0].key.ends_with("broken.v1"));
}

fn file(name: &str, bytes: &[u8]) -> web_sys::File {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    web_sys::File::new_with_u8_array_sequence(&parts, name).unwrap()
}

#[wasm_bindgen_test]
async fn picked_files_are_read_side_by_side_and_handed_to_the_worker_uncopied() {
    use mofan::core::exchange::file_jobs::{request, Job};
    use wasm_bindgen::JsCast;
    // What the branch desk does with a multi-select of result files.
    let first = mofan::core::exchange::result_file::encode_result(&builtin_templates()[0], &sample("f1", 10), 1);
    let video = vec![0u8; 21_000_000];
    let picked = mofan::files::read_picked(&[
        file("张三.json", first.as_bytes()),
        file("录像.mp4", &video),
        file("gbk.csv", CSV_GBK),
    ])
    .await;
    let entry = |i: u32| js_sys::Array::from(&picked.get(i));
    let bytes = |i: u32| js_sys::Uint8Array::new(&entry(i).get(2)).to_vec();
    assert_eq!(entry(0).get(0).as_string().as_deref(), Some("张三.json"));
    assert_eq!(bytes(0), first.as_bytes());
    // Not a .json file: weighed first, and too heavy to be a result file, so never read.
    assert!(entry(1).get(2).is_null());
    assert_eq!(entry(1).get(1).as_f64(), Some(21e6));
    assert_eq!(bytes(2), CSV_GBK);

    let job = Job::OpenResults {
        files: Vec::new(),
        imported: Vec::new(),
    };
    let posted = std::cell::RefCell::new(None);
    mofan::worker::post(request(3, job), Some(&picked), |message, transfer| {
        *posted.borrow_mut() = Some((message.clone(), js_sys::Array::from(transfer)));
        Ok(())
    })
    .unwrap();
    let (message, transfer) = posted.into_inner().unwrap();
    assert_eq!(transfer.length(), 2, "the two files read are handed over, not copied");
    let message: js_sys::Array = message.dyn_into().unwrap();
    let json = message.get(0).as_string().unwrap();
    assert!(json.contains("\"open_results\"") && !json.contains("sha256"), "{json}");
    // What the worker makes of it: every file in order, weighed, with its bytes.
    let received = mofan::worker::received(&message);
    assert_eq!(received.files.len(), 3);
    assert_eq!(received.files[0].name, "张三.json");
    assert_eq!(received.files[0].bytes.as_deref(), Some(first.as_bytes()));
    assert_eq!(received.files[0].size, first.len() as f64);
    assert_eq!(
        (received.files[1].size, received.files[1].bytes.is_none()),
        (21e6, true)
    );
    assert_eq!(received.files[2].bytes.as_deref(), Some(CSV_GBK));
}

/// What the desk sends for its view.
fn view_job(ask: Box<mofan::core::exchange::pile::ViewAsk>) -> mofan::core::exchange::file_jobs::Job {
    mofan::core::exchange::file_jobs::DeskJob::PileView(ask).into()
}

#[wasm_bindgen_test]
fn the_desk_worker_sorts_names_by_the_browsers_pinyin_collation() {
    use mofan::core::exchange::branch::SortKey;
    use mofan::core::exchange::file_jobs::{DeskJob, Job, Outcome, PickedFile};
    use mofan::core::exchange::pile::{Pile, ViewAsk};
    let mut names = ["张三", "李四", "王五", "安娜"].map(String::from);
    mofan::files::collate(&mut names);
    assert_eq!(names, ["安娜", "李四", "王五", "张三"], "by pinyin, not by code point");
    // What the files worker does with the desk's files, with the same browser aids.
    let mut pile = Pile::default();
    let t = &builtin_templates()[0];
    let files = ["张三", "李四", "王五"]
        .iter()
        .enumerate()
        .map(|(i, who)| {
            let mut a = sample(&format!("f{i}"), 10);
            a.respondent.name = who.to_string();
            PickedFile::of(
                &format!("{who}.json"),
                mofan::core::exchange::result_file::encode_result(t, &a, 1).into_bytes(),
            )
        })
        .collect();
    let added = Job::from(DeskJob::AddToPile {
        pick: 1,
        files,
        imported: Vec::new(),
    })
    .run_on_pile(&mut pile, mofan::files::AIDS);
    assert_eq!(added, Outcome::Taken(vec![None, None, None]));
    let ask = ViewAsk {
        settle: Some(1),
        sort: SortKey::Name,
        ..ViewAsk::default()
    };
    let Outcome::View { json } = view_job(Box::new(ask)).run_on_pile(&mut pile, mofan::files::AIDS) else {
        panic!("the desk's view");
    };
    let view = mofan::core::exchange::pile::DeskView::read(&json).unwrap();
    let rows: Vec<String> = view.combined.unwrap().rows.into_iter().map(|r| r.name).collect();
    assert_eq!(rows, ["李四", "王五", "张三"]);
}

#[wasm_bindgen_test]
fn routes_carry_any_id_and_bring_it_back() {
    use mofan::ui::state::route::Route;
    for id in ["a b", "引号\"x'", "a/b", "c#d", "e?f=g&h", "100%", "%zz", "普通-1"] {
        for r in [
            Route::Check {
                id: id.into(),
                section: 2,
            },
            Route::Review {
                id: id.into(),
                section: 0,
            },
            Route::Summary { id: id.into() },
        ] {
            let hash = r.to_hash();
            assert!(!hash[2..].contains(['#', '?', ' ', '"']), "{hash}");
            assert_eq!(Route::from_hash(&hash), r, "{hash}");
        }
    }
}

#[wasm_bindgen_test]
fn a_record_copied_under_another_key_is_that_keys_self_check() {
    local().clear().unwrap();
    let a = sample("inner", 5);
    let raw = mofan::core::exchange::record::encode_assessment(&a);
    local().set_item(&format!("{ASSESSMENT_PREFIX}outer"), &raw).unwrap();
    let (good, bad) = store::list_assessments().unwrap();
    assert!(bad.is_empty());
    assert_eq!(good.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(), ["outer"]);
    let Loaded::Found(found) = store::load_assessment("outer").unwrap() else {
        panic!("the listed self-check opens")
    };
    assert_eq!(found.id, "outer");
    store::save_assessment(&found).unwrap();
    assert_eq!(local().get_item(&format!("{ASSESSMENT_PREFIX}inner")).unwrap(), None);
    let Loaded::Found(again) = store::load_assessment("outer").unwrap() else {
        panic!("saved back under its key")
    };
    assert_eq!(again.answers, a.answers);
}

#[wasm_bindgen_test]
fn a_restore_that_does_not_fit_writes_nothing_and_puts_back_what_it_replaced() {
    use mofan::core::exchange::backup::RestorePlan;
    local().clear().unwrap();
    store::save_assessment(&sample("here", 10)).unwrap();
    let key = format!("{ASSESSMENT_PREFIX}here");
    let before = local().get_item(&key).unwrap().unwrap();
    let mut huge = sample("huge", 30);
    huge.set_note("zzgy-2", &"满".repeat(6 * 1024 * 1024), 30);
    let plan = RestorePlan {
        lines: Vec::new(),
        // The newer copy of "here" and a new one fit; the huge one does not.
        assessments: vec![sample("here", 20), sample("added", 20), huge],
        templates: Vec::new(),
        settings: vec![("role".into(), "branch".into())],
    };
    match store::restore(&plan) {
        store::Restored::Nothing(e) => assert_eq!(e, StoreError::QuotaExceeded),
        store::Restored::All { .. } => panic!("six megabytes cannot fit"),
    }
    assert_eq!(local().get_item(&key).unwrap(), Some(before), "put back byte for byte");
    assert_eq!(local().get_item(&format!("{ASSESSMENT_PREFIX}added")).unwrap(), None);
    assert_eq!(local().get_item("mofan.setting.role").unwrap(), None);
    assert_eq!(local().length().unwrap(), 1);

    let fits = RestorePlan {
        assessments: vec![sample("added", 20)],
        ..plan
    };
    let store::Restored::All { assessments, .. } = store::restore(&fits) else {
        panic!("a small restore fits")
    };
    assert_eq!(assessments, 1);
}
