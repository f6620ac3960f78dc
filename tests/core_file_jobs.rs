//! The files worker's answers, as the main module sends and reads them: each
//! job through `answer` gives what the core function gives directly, and a
//! file with problems comes back refused with every problem.

use mofan::core::exchange::branch::{Combined, Level, Submission};
use mofan::core::exchange::file_jobs::{answer, reply, request, Job, Message, Outcome, Reply};
use mofan::core::exchange::report_csv::{assessment_to_csv, combined_to_csv};
use mofan::core::template::builtin::builtin_templates;
use mofan::core::template::spreadsheet::{template_from_csv, template_to_csv};
use mofan::core::{Assessment, Respondent, Response};

const CSV: &str = include_str!("fixtures/支部党建考核细则.csv");
const BROKEN: &str = include_str!("fixtures/broken-template.csv");

/// Sends `job` as the main module does and reads the worker's reply.
fn through_worker(id: u32, job: Job) -> Reply {
    reply(answer(request(id, job))).expect("the worker replies with a reply")
}

fn answered(name: &str) -> Assessment {
    let t = &builtin_templates()[0];
    let who = Respondent {
        branch: "第一支部".into(),
        name: name.into(),
        ..Default::default()
    };
    let mut a = Assessment::start(name.into(), t, who, "2026年上半年", 1).unwrap();
    for item in t.items().filter(|i| i.allow_na).take(4) {
        a.set_response(item, Some(Response::NotApplicable), 2).unwrap();
    }
    a
}

#[test]
fn a_picked_csv_comes_back_as_the_template_the_reader_makes() {
    let r = through_worker(
        7,
        Job::ReadTemplate {
            name: "支部党建考核细则.csv".into(),
            text: CSV.into(),
        },
    );
    assert_eq!(r.id, 7);
    let Outcome::Template(file) = r.outcome else {
        panic!("{:?}", r.outcome)
    };
    assert!(file.from_spreadsheet);
    assert_eq!(file.template, template_from_csv(CSV, "支部党建考核细则").unwrap());
}

#[test]
fn a_file_with_problems_comes_back_refused_with_every_problem_by_line() {
    let r = through_worker(
        8,
        Job::ReadTemplate {
            name: "坏.csv".into(),
            text: BROKEN.into(),
        },
    );
    let Outcome::Refused(problems) = r.outcome else {
        panic!("{:?}", r.outcome)
    };
    assert!(
        problems.iter().any(|p| p.starts_with("第4行：分值“三十”")),
        "{problems:?}"
    );
    assert!(
        problems.iter().any(|p| p.starts_with("第5行：无法识别的评分方式")),
        "{problems:?}"
    );
    let r = through_worker(
        9,
        Job::ReadTemplate {
            name: "坏.json".into(),
            text: "{\n  \"id\": ,".into(),
        },
    );
    assert_eq!(
        r.outcome,
        Outcome::Refused(vec!["第2行第9列：文件不是有效的JSON格式".into()])
    );
}

#[test]
fn exports_are_the_same_text_the_core_writes() {
    let t = builtin_templates()[0].clone();
    let text = |job| match through_worker(1, job).outcome {
        Outcome::Text(text) => text,
        other => panic!("{other:?}"),
    };
    assert_eq!(text(Job::TemplateCsv { template: t.clone() }), template_to_csv(&t));
    assert_eq!(text(Job::TemplateJson { template: t.clone() }), t.to_json());
    let a = answered("张三");
    assert_eq!(
        text(Job::AssessmentCsv {
            template: t.clone(),
            assessment: Box::new(a.clone())
        }),
        assessment_to_csv(&t, &a)
    );
    let subs: Vec<Submission> = [a, answered("李四")]
        .into_iter()
        .map(|assessment| Submission {
            assessment,
            branch: "第一支部".into(),
            source: "x.json".into(),
            from_branch_file: false,
        })
        .collect();
    let c = Combined::build(&t, &subs, &[], Level::Member);
    let table = text(Job::TableCsv {
        template: t.clone(),
        level: c.level,
        rows: c.rows.clone(),
    });
    assert_eq!(table, combined_to_csv(&t, &c));
    assert!(table.contains("李四") && table.contains("张三"), "{table}");
}

#[test]
fn a_message_that_is_not_a_request_is_answered_refused() {
    let json = |text: &str| Message {
        json: text.into(),
        ..Message::default()
    };
    let r = reply(answer(json("{\"id\":3,\"job\":{\"paint\":{}}}"))).unwrap();
    assert_eq!(r.id, 0);
    assert!(
        matches!(r.outcome, Outcome::Refused(ref p) if p[0].contains("刷新页面")),
        "{r:?}"
    );
    assert!(reply(json("ready")).is_none(), "the ready signal is not a reply");
}

#[test]
fn the_member_app_gets_the_earlier_versions_of_the_built_in_checklists_from_the_worker() {
    let Outcome::Templates(earlier) = through_worker(4, Job::EarlierTemplates).outcome else {
        panic!("the earlier versions come back as templates");
    };
    let all = builtin_templates();
    let current = mofan::core::template::builtin::current_builtins();
    assert_eq!(
        earlier.len() + current.len(),
        all.len(),
        "every version is in one list or the other"
    );
    assert!(!earlier.is_empty());
    for t in &earlier {
        let newest = current
            .iter()
            .find(|c| c.id == t.id)
            .expect("an earlier version has a newer one built in");
        assert!(
            t.version < newest.version,
            "{} v{} is older than v{}",
            t.id,
            t.version,
            newest.version
        );
        assert!(all.contains(t));
    }
    for t in current {
        assert_eq!(
            current.iter().filter(|c| c.id == t.id).count(),
            1,
            "one newest version of {}",
            t.id
        );
    }
}

#[test]
fn result_files_go_to_the_worker_beside_the_json_and_come_back_read_one_by_one() {
    use mofan::core::exchange::file_jobs::{answer_with, FileRead, PickedFile};
    use mofan::core::exchange::result_file::encode_result;
    let t = &builtin_templates()[0];
    let zhang = encode_result(t, &answered("张三"), 5);
    let li = encode_result(t, &answered("李四"), 5);
    // A video picked by mistake: weighed first, too heavy, never read.
    assert!(PickedFile::weighed_first("录像.mp4") && !PickedFile::weighed_first("张三.JSON"));
    let heavy = PickedFile {
        name: "录像.mp4".into(),
        size: 300e6,
        bytes: None,
    };
    let files = vec![
        PickedFile::of("张三.json", zhang.clone().into_bytes()),
        PickedFile::of("坏.json", b"{ not json".to_vec()),
        PickedFile::of("空.json", Vec::new()),
        // Not UTF-8: handed to the GB18030 decoder the worker is given.
        PickedFile::of("gbk.json", b"\xd5\xc5".to_vec()),
        heavy,
        // The browser could not read it (moved or deleted since it was picked).
        PickedFile {
            name: "不见了.json".into(),
            size: f64::NAN,
            bytes: None,
        },
        PickedFile::of("李四.json", li.clone().into_bytes()),
    ];
    let sent = request(
        8,
        Job::OpenResults {
            files,
            imported: Vec::new(),
        },
    );
    assert_eq!(sent.files.len(), 7, "the files travel beside the JSON");
    assert!(
        !sent.json.contains("sha256") && sent.json.len() < zhang.len(),
        "the files' bytes are not in the JSON: {}",
        sent.json
    );
    let through = |gb18030: fn(&[u8]) -> Option<String>, sent: Message| {
        let Outcome::Files(read) = reply(answer_with(sent, |job| job.run_with(gb18030))).unwrap().outcome else {
            panic!("files come back as files");
        };
        read
    };
    let read = through(|_| Some("{}".into()), sent.clone());
    assert_eq!(read.len(), 7, "one answer per file, in order");
    let name_of = |r: &FileRead| match r {
        FileRead::Submissions { submissions, .. } => submissions[0].assessment.respondent.name.clone(),
        FileRead::Refused(why) => why.clone(),
    };
    assert_eq!(name_of(&read[0]), "张三");
    assert!(name_of(&read[1]).contains("不是有效的结果文件"), "{:?}", read[1]);
    assert!(matches!(read[2], FileRead::Refused(_)));
    assert!(
        name_of(&read[3]).contains("这不是模范导出的结果文件"),
        "decoded, then checked: {:?}",
        read[3]
    );
    assert!(
        name_of(&read[4]).contains("文件超过20MB，不像是结果文件"),
        "{:?}",
        read[4]
    );
    assert!(name_of(&read[5]).contains("无法读取文件“不见了.json”"), "{:?}", read[5]);
    assert_eq!(name_of(&read[6]), "李四");
    assert_eq!(
        read.iter()
            .filter_map(|r| match r {
                FileRead::Submissions { submissions, .. } => Some(submissions[0].source.as_str()),
                _ => None,
            })
            .collect::<Vec<_>>(),
        ["张三.json", "李四.json"]
    );
    // Without a GB18030 decoder the same bytes are refused for their encoding.
    let read = through(|_| None, sent);
    assert!(name_of(&read[3]).contains("既不是UTF-8也不是GBK"), "{:?}", read[3]);
}
