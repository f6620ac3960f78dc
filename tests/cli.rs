//! `mofan` on the command line, run as a user runs it: result files and
//! branch files in folders, template files from the fixtures, and what it
//! prints, writes and exits with.

use calamine::Reader;
use mofan::core::assessment::answers::{Assessment, Respondent, Response};
use mofan::core::exchange::result_file::{encode_result, open, Opened};
use mofan::core::template::builtin::builtins;
use mofan::core::template::format::Template;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A folder of its own under the system's temporary folder, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("mofan-cli-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.0.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn mofan(args: &[&dyn AsRef<std::ffi::OsStr>]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mofan"))
        .args(args.iter().map(|a| a.as_ref()))
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn six() -> &'static Template {
    builtins().iter().find(|t| t.id == "liuge-mofan").unwrap()
}

/// A member's self-check of the 六个模范 checklist, every item answered `response`.
fn member(name: &str, branch: &str, response: Response, at: i64) -> Assessment {
    let t = six();
    let who = Respondent {
        unit: "某局".into(),
        branch: branch.into(),
        name: name.into(),
    };
    let mut a = Assessment::start(format!("{name}-{at}"), t, who, "2026年上半年", at).unwrap();
    for item in t.items() {
        if matches!(item.rule, mofan::core::template::format::Rule::Check { .. }) {
            a.set_response(item, Some(response.clone()), at).unwrap();
        }
    }
    a
}

fn result_file(dir: &Scratch, file: &str, a: &Assessment) -> PathBuf {
    dir.write(file, &encode_result(six(), a, a.updated_at))
}

#[test]
fn combine_reads_every_folder_lists_bad_files_with_why_and_writes_every_output() {
    let dir = Scratch::new("combine");
    result_file(&dir, "一支部/张三.json", &member("张三", "第一支部", Response::Met, 10));
    result_file(
        &dir,
        "一支部/李四.json",
        &member("李四", "第一支部", Response::Partial, 10),
    );
    // 张三 again, edited earlier: the newer file is kept.
    result_file(
        &dir,
        "一支部/旧/张三-旧.json",
        &member("张三", "第一支部", Response::NotMet, 5),
    );
    result_file(
        &dir,
        "二支部/王五.json",
        &member("王五", "第二支部", Response::NotMet, 10),
    );
    let tampered = encode_result(six(), &member("赵六", "第二支部", Response::Met, 10), 10).replace("赵六", "赵七");
    dir.write("二支部/赵六.json", &tampered);
    dir.write("二支部/坏文件.json", "{ not json");
    dir.write("二支部/说明.txt", "不是结果文件，不读");
    let roster = dir.write("名单.txt", "张三、李四\n王五，孙八");
    let (csv, xlsx, json) = (dir.0.join("汇总.csv"), dir.0.join("汇总.xlsx"), dir.0.join("汇总.json"));

    let out = mofan(&[
        &"combine",
        &dir.0.join("一支部"),
        &dir.0.join("二支部"),
        &"--roster",
        &roster,
        &"--csv",
        &csv,
        &"--xlsx",
        &xlsx,
        &"--json",
        &json,
        &"--branch",
        &"机关一支部",
    ]);
    let (said, warned) = (stdout(&out), stderr(&out));
    assert!(out.status.success(), "{said}\n{warned}");
    assert!(said.contains("读取 6 个文件：导入 4 份自查，未接受 2 个文件"), "{said}");
    assert!(warned.contains("赵六.json：文件内容与校验码不符"), "{warned}");
    assert!(warned.contains("坏文件.json：不是有效的结果文件"), "{warned}");
    assert!(!warned.contains("说明.txt"), "{warned}");
    assert!(said.contains("按党员汇总 3 人"), "{said}");
    assert!(said.contains("重复提交 1 处"), "{said}");
    assert!(said.contains("张三-旧.json"), "{said}");
    assert!(said.contains("未提交（1）：孙八"), "{said}");
    for path in [&csv, &xlsx, &json] {
        assert!(said.contains(&format!("已写入 {}", path.display())), "{said}");
    }

    // The CSV table: one row per member counted, the best first.
    let table = std::fs::read_to_string(&csv).unwrap();
    let rows: Vec<&str> = table.lines().skip(1).collect();
    assert_eq!(rows.len(), 3, "{table}");
    assert!(rows[0].starts_with("张三,"), "{table}");
    assert!(rows[2].starts_with("王五,"), "{table}");

    // The workbook: the member sheet names the branch given.
    let mut book = calamine::open_workbook_auto(&xlsx).unwrap();
    let first = book.sheet_names()[0].clone();
    let cells = book.worksheet_range(&first).unwrap();
    let text: Vec<String> = cells.rows().flatten().map(|c| c.to_string()).collect();
    assert!(text.iter().any(|c| c.contains("机关一支部")), "{text:?}");
    assert!(text.iter().any(|c| c == "李四"), "{text:?}");

    // The summary file opens as the desk opens it, and combines again, by branch.
    let (opened, _) = open(&std::fs::read_to_string(&json).unwrap(), |id, v| {
        builtins().iter().find(|t| t.id == id && t.version == v)
    })
    .unwrap();
    let Opened::Branch(content) = opened else {
        panic!("not a branch file")
    };
    assert_eq!(content.branch, "机关一支部");
    assert_eq!(content.results.len(), 3);
    let again = mofan(&[&"combine", &json]);
    assert!(stdout(&again).contains("按支部汇总 3 人"), "{}", stdout(&again));
}

#[test]
fn combine_with_nothing_to_combine_fails_and_says_why() {
    let dir = Scratch::new("empty");
    dir.write("坏.json", "[]");
    let out = mofan(&[&"combine", &dir.0, &dir.0.join("没有这个文件夹")]);
    assert!(!out.status.success());
    let warned = stderr(&out);
    assert!(warned.contains("没有这个文件夹：找不到这个文件或文件夹"), "{warned}");
    assert!(warned.contains("没有可汇总的自查"), "{warned}");
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

#[test]
fn check_passes_good_templates_in_every_form_and_names_each_problem() {
    let mut good: Vec<PathBuf> = [
        "支部党建考核细则.csv",
        "支部党建考核细则-gbk.csv",
        "支部党建考核细则.xlsx",
        "支部党建考核细则.xls",
    ]
    .into_iter()
    .map(fixture)
    .collect();
    good.extend(
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("templates"))
            .unwrap()
            .map(|e| e.unwrap().path()),
    );
    let args: Vec<&dyn AsRef<std::ffi::OsStr>> = std::iter::once(&"check" as &dyn AsRef<std::ffi::OsStr>)
        .chain(good.iter().map(|p| p as _))
        .collect();
    let out = mofan(&args);
    assert!(out.status.success(), "{}\n{}", stdout(&out), stderr(&out));
    assert_eq!(stdout(&out).matches("通过 ").count(), good.len(), "{}", stdout(&out));

    let broken = mofan(&[
        &"check",
        &fixture("broken-template.csv"),
        &fixture("支部党建考核细则.csv"),
    ]);
    assert!(!broken.status.success());
    let said = stdout(&broken);
    assert!(said.contains("有误 ") && said.contains("第4行"), "{said}");
    assert!(said.contains("通过 "), "{said}");
    assert!(stderr(&broken).contains("1 个评分表文件有误"), "{}", stderr(&broken));
}

#[test]
fn check_of_a_workbook_with_several_sheets_asks_which_one() {
    let merged = fixture("支部党建考核细则-合并单元格.xlsx");
    let asked = mofan(&[&"check", &merged]);
    assert!(!asked.status.success());
    assert!(stdout(&asked).contains("请用 --sheet 指定"), "{}", stdout(&asked));
    assert!(stdout(&asked).contains("填表说明、评分细则"), "{}", stdout(&asked));
    let chosen = mofan(&[&"check", &merged, &"--sheet", &"评分细则"]);
    assert!(chosen.status.success(), "{}", stdout(&chosen));
}

#[test]
fn summary_prints_each_section_the_total_and_the_grade() {
    let dir = Scratch::new("summary");
    let zhang = member("张三", "第一支部", Response::Met, 10);
    let file = result_file(&dir, "张三.json", &zhang);
    let out = mofan(&[&"summary", &file]);
    let said = stdout(&out);
    assert!(out.status.success(), "{said}");
    let t = six();
    assert!(said.starts_with(&format!("{}（第{}版）", t.title, t.version)), "{said}");
    assert!(said.contains("某局 · 第一支部 · 张三"), "{said}");
    for s in &t.sections {
        assert!(said.contains(&format!("{}（满分", s.title)), "{said}");
    }
    let card = mofan::core::assessment::summary::Summary::of(t, &zhang).self_card;
    assert!(
        said.contains(&format!("总分（满分{}）：自评 {}，审核 —", t.total, card.total)),
        "{said}"
    );
    // Items other than 达标 checks are left: the grade waits for them.
    assert!(card.open > 0);
    assert!(said.contains("等次：自评 未完成"), "{said}");
    assert!(
        said.contains(&format!("已答 {} / {} 项", card.answered, card.items)),
        "{said}"
    );

    let broken = dir.write("坏.json", "{}");
    let refused = mofan(&[&"summary", &broken]);
    assert!(!refused.status.success());
    assert!(
        stderr(&refused).contains("这不是模范导出的结果文件"),
        "{}",
        stderr(&refused)
    );
}
