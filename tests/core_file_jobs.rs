//! The files worker's answers, as the main module sends and reads them: each
//! job through `answer` gives what the core function gives directly, and a
//! file with problems comes back refused with every problem.

use mofan::core::exchange::branch::{Combined, Level, Submission};
use mofan::core::exchange::file_jobs::{answer, reply, request, DeskJob, Job, Message, Outcome, Reply};
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
    use mofan::core::exchange::file_jobs::{answer_with, Aids, FileRead, PickedFile};
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
        let aids = Aids { gb18030, ..Aids::PLAIN };
        let Outcome::Files(read) = reply(answer_with(sent, |job| job.run_with(aids))).unwrap().outcome else {
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

/// The desk's worker, one message after another, holding its pile between them.
struct DeskWorker {
    pile: mofan::core::exchange::pile::Pile,
    next: u32,
}

impl DeskWorker {
    fn new() -> DeskWorker {
        DeskWorker {
            pile: Default::default(),
            next: 1,
        }
    }

    fn send(&mut self, job: Job) -> Outcome {
        use mofan::core::exchange::file_jobs::{answer_with, Aids};
        // Names in reverse, so that the order asked for is seen to be the worker's.
        fn backwards(names: &mut [String]) {
            names.sort();
            names.reverse();
        }
        let aids = Aids {
            collate: backwards,
            ..Aids::PLAIN
        };
        self.next += 1;
        let pile = &mut self.pile;
        reply(answer_with(request(self.next, job), |job| job.run_on_pile(pile, aids)))
            .expect("a reply")
            .outcome
    }
}

/// What the desk sends for its view.
fn view_job(ask: Box<mofan::core::exchange::pile::ViewAsk>) -> Job {
    DeskJob::PileView(ask).into()
}

/// The desk's view in a reply, read as the desk's module reads it.
fn view_of(outcome: Outcome) -> Option<mofan::core::exchange::pile::DeskView> {
    match outcome {
        Outcome::View { json } => Some(mofan::core::exchange::pile::DeskView::read(&json).expect("a view")),
        _ => None,
    }
}

fn picked(names: &[&str]) -> Vec<mofan::core::exchange::file_jobs::PickedFile> {
    use mofan::core::exchange::file_jobs::PickedFile;
    use mofan::core::exchange::result_file::encode_result;
    let t = &builtin_templates()[0];
    names
        .iter()
        .map(|n| PickedFile::of(&format!("{n}.json"), encode_result(t, &answered(n), 5).into_bytes()))
        .collect()
}

fn ask(expected: usize, sort: mofan::core::exchange::branch::SortKey) -> Box<mofan::core::exchange::pile::ViewAsk> {
    Box::new(mofan::core::exchange::pile::ViewAsk {
        roster: vec!["张三".into(), "王五".into()],
        sort,
        expected,
        ..Default::default()
    })
}

fn settling(pick: u32, expected: usize) -> Job {
    view_job(Box::new(mofan::core::exchange::pile::ViewAsk {
        settle: Some(pick),
        ..*ask(expected, mofan::core::exchange::branch::SortKey::Total)
    }))
}

#[test]
fn the_desk_worker_holds_the_files_combines_them_and_counts_a_pick_only_when_it_is_read_whole() {
    use mofan::core::exchange::branch::SortKey;
    use mofan::core::exchange::pile::{ViewAsk, PILE_LOST};
    let mut worker = DeskWorker::new();
    let add = |pick, files| {
        Job::from(DeskJob::AddToPile {
            pick,
            files,
            imported: Vec::new(),
        })
    };
    let mut files = picked(&["张三", "李四"]);
    files.push(mofan::core::exchange::file_jobs::PickedFile::of(
        "坏.json",
        b"{".to_vec(),
    ));
    let Outcome::Taken(taken) = worker.send(add(1, files)) else {
        panic!("a batch is answered file by file");
    };
    assert_eq!(taken[..2], [None, None]);
    assert!(
        taken[2]
            .as_deref()
            .is_some_and(|why| why.contains("不是有效的结果文件")),
        "{taken:?}"
    );
    // A second pick, cancelled half-way: none of it counts.
    worker.send(add(2, picked(&["赵六"])));
    assert_eq!(worker.send(Job::from(DeskJob::ForgetPick { pick: 2 })), Outcome::Done);
    // Nothing counts before its pick is settled.
    let Some(before) = view_of(worker.send(view_job(ask(0, SortKey::Total)))) else {
        panic!("a view");
    };
    assert_eq!((before.state.count, &before.combined), (0, &None));
    assert_eq!(
        worker.send(view_job(ask(2, SortKey::Total))),
        Outcome::Refused(vec![PILE_LOST.into()]),
        "a page that believes more is held than is, is told"
    );
    let Some(view) = view_of(worker.send(settling(1, 0))) else {
        panic!("a settled pick is shown");
    };
    let t = &builtin_templates()[0];
    assert_eq!(view.state.count, 2);
    assert_eq!(view.state.template, Some((t.id.clone(), t.version)));
    assert_eq!(
        (view.state.suggested, view.state.branch.as_str()),
        (Level::Member, "第一支部")
    );
    let combined = view.combined.clone().expect("combined for the built-in checklist");
    assert_eq!(combined.missing, ["王五"]);
    assert_eq!(combined.members, 2);

    // Sorted by name as asked, in the order the browser's collation gives.
    let Some(by_name) = view_of(worker.send(view_job(ask(2, SortKey::Name)))) else {
        panic!("a view");
    };
    let names: Vec<&str> = by_name
        .combined
        .as_ref()
        .unwrap()
        .rows
        .iter()
        .map(|r| r.name.as_str())
        .collect();
    assert_eq!(names, ["李四", "张三"]);
    assert_eq!(by_name.state, view.state);

    // The page keeps what it is sent; a new worker (after a reload) takes it back.
    let Outcome::Kept { json, too_many: false } = worker.send(Job::from(DeskJob::KeptPile)) else {
        panic!("two self-checks are few enough to keep");
    };
    let kept = String::from_utf8(json).unwrap();
    let mut reloaded = DeskWorker::new();
    let restore = |kept: String| {
        view_job(Box::new(ViewAsk {
            restore: Some(kept),
            ..*ask(0, SortKey::Name)
        }))
    };
    assert_eq!(view_of(reloaded.send(restore(kept))), Some(by_name));
    assert!(matches!(
        reloaded.send(restore("{".into())),
        Outcome::Refused(why) if why[0].contains("未能恢复")
    ));

    // The summary file opens as a branch file of the two.
    let Outcome::Text(file) = worker.send(Job::from(DeskJob::PileBranchFile {
        ask: ask(2, SortKey::Total),
        branch: "第一支部".into(),
        now: 9,
    })) else {
        panic!("a summary file");
    };
    let mut fresh = DeskWorker::new();
    fresh.send(Job::from(DeskJob::AddToPile {
        pick: 1,
        files: vec![mofan::core::exchange::file_jobs::PickedFile::of(
            "汇总.json",
            file.into_bytes(),
        )],
        imported: Vec::new(),
    }));
    let Some(from_file) = view_of(fresh.send(settling(1, 0))) else {
        panic!("settled");
    };
    assert_eq!((from_file.state.count, from_file.state.suggested), (2, Level::Branch));
    assert_eq!(
        from_file.combined.unwrap().level,
        Level::Branch,
        "a committee's desk follows the files"
    );

    // Only the desk's worker holds a pile: the member's files worker refuses its jobs.
    let clear = Job::from(DeskJob::ClearPile);
    assert!(clear.needs_pile() && !Job::EarlierTemplates.needs_pile());
    assert!(matches!(clear.run(), Outcome::Refused(why) if why[0].contains("另一个处理模块")));
    // A desk job this build cannot read changes nothing.
    let unreadable = Job::Desk {
        job: "{\"add_to_pile\":".into(),
        files: Vec::new(),
    };
    assert!(matches!(worker.send(unreadable), Outcome::Refused(why) if why[0].contains("无法识别")));
    assert_eq!(
        view_of(worker.send(view_job(ask(2, SortKey::Total))))
            .unwrap()
            .state
            .count,
        2
    );

    assert_eq!(worker.send(Job::from(DeskJob::ClearPile)), Outcome::Done);
    let Some(empty) = view_of(worker.send(view_job(ask(0, SortKey::Total)))) else {
        panic!("a view");
    };
    assert_eq!((empty.state.count, empty.combined), (0, None));
}

#[test]
fn more_self_checks_than_a_tab_can_keep_are_held_but_not_offered_for_keeping() {
    use mofan::core::exchange::pile::{Pile, ViewAsk, KEEPABLE_CHARS};
    let one = Submission {
        assessment: answered("张三"),
        branch: "第一支部".into(),
        source: "张三.json".into(),
        from_branch_file: false,
    };
    let size = serde_json::to_string(&one).unwrap().chars().count() + 1;
    let mut pile = Pile::default();
    let fit = (KEEPABLE_CHARS - 2) / size;
    let settle = |pick, expected| ViewAsk {
        settle: Some(pick),
        expected,
        ..ViewAsk::default()
    };
    pile.add(1, vec![one.clone(); fit]);
    pile.view(&settle(1, 0), |_| {}).unwrap();
    assert!(
        pile.kept().is_some(),
        "as many as the tab takes are offered for keeping"
    );
    pile.add(2, vec![one; 2]);
    let view = pile.view(&settle(2, fit), |_| {}).unwrap();
    assert_eq!(view.state.count, fit + 2, "all held");
    assert!(
        pile.kept().is_none(),
        "too many for the tab: the page asks before leaving"
    );
}
