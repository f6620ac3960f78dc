//! 评分细则 as Excel workbooks: files LibreOffice wrote (from the CSV
//! fixture, and from `支部党建考核细则-合并单元格.fods`, whose 一级指标 are
//! merged cells on the second of two sheets) read as the same checklist as
//! the CSV; problems are said by row as Excel numbers rows; and every
//! built-in checklist survives a round trip through .xlsx.
//!
//! The fixtures were made with `soffice --headless --convert-to xlsx`
//! (`--infilter="CSV:44,34,76,1"` for the CSV) and `--convert-to xls`.

use mofan::core::exchange::file_jobs::{reply, request, Job, Outcome, WRONG_WORKER};
use mofan::core::exchange::workbook_jobs;
use mofan::core::template::builtin::builtin_templates;
use mofan::core::template::spreadsheet::template_from_csv;
use mofan::core::template::workbook::{sheet_names, sheet_rows, template_from_workbook, template_to_xlsx};
use mofan::core::Template;

const CSV: &str = include_str!("fixtures/支部党建考核细则.csv");
const XLSX: &[u8] = include_bytes!("fixtures/支部党建考核细则.xlsx");
const XLS: &[u8] = include_bytes!("fixtures/支部党建考核细则.xls");
const MERGED: &[u8] = include_bytes!("fixtures/支部党建考核细则-合并单元格.xlsx");

fn from_csv() -> Template {
    template_from_csv(CSV, "支部党建考核细则").unwrap()
}

#[test]
fn a_workbook_libreoffice_wrote_reads_as_the_same_checklist_as_its_csv() {
    let csv = from_csv();
    for (what, bytes) in [("xlsx", XLSX), ("xls", XLS)] {
        let book = template_from_workbook(bytes, None, "支部党建考核细则").unwrap_or_else(|e| panic!("{what}: {e:?}"));
        assert_eq!(book, csv, "{what}");
    }
}

#[test]
fn merged_first_level_cells_on_the_second_sheet_read_as_their_sections() {
    assert_eq!(sheet_names(MERGED).unwrap(), ["填表说明", "评分细则"]);
    let book = template_from_workbook(MERGED, Some("评分细则"), "支部党建考核细则").unwrap();
    let csv = from_csv();
    let titles = |t: &Template| {
        t.sections
            .iter()
            .map(|s| (s.title.clone(), s.items.len()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        titles(&book),
        [
            ("政治建设".to_string(), 2),
            ("组织生活".to_string(), 2),
            ("作用发挥".to_string(), 2)
        ]
    );
    assert_eq!(book.sections, csv.sections, "the same items, rules and points");
    // Through the files worker: with two sheets and none chosen, it asks which.
    let read = |sheet: Option<&str>| Job::ReadWorkbook {
        name: "支部党建考核细则.xlsx".into(),
        bytes: MERGED.to_vec(),
        sheet: sheet.map(String::from),
    };
    let job = |sheet: Option<&str>| workbook_jobs::run(read(sheet));
    // It goes to the Excel worker; the files worker refuses it.
    assert!(read(None).needs_workbooks());
    assert_eq!(read(None).run(), Outcome::Refused(vec![WRONG_WORKER.into()]));
    let other = Job::TemplateJson { template: from_csv() };
    assert!(!other.needs_workbooks());
    assert_eq!(
        workbook_jobs::run(other),
        Outcome::Refused(vec![WRONG_WORKER.into()]),
        "and the other way round"
    );
    assert_eq!(job(None), Outcome::Sheets(vec!["填表说明".into(), "评分细则".into()]));
    match job(Some("评分细则")) {
        Outcome::Template(f) => assert!(f.from_spreadsheet && f.template.sections == csv.sections),
        other => panic!("{other:?}"),
    }
    match job(Some("填表说明")) {
        Outcome::Refused(problems) => assert!(problems.iter().any(|p| p.contains("一级指标")), "{problems:?}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_workbook_travels_to_the_excel_worker_and_back_beside_the_json_not_in_it() {
    let job = Job::ReadWorkbook {
        name: "支部党建考核细则.xlsx".into(),
        bytes: XLSX.to_vec(),
        sheet: None,
    };
    let sent = request(7, job);
    assert_eq!(sent.bytes.as_deref(), Some(XLSX), "the file's bytes go as they are");
    assert!(sent.json.len() < 200, "and not as JSON numbers: {}", sent.json);
    let answered = reply(workbook_jobs::answer(sent)).unwrap();
    assert_eq!(answered.id, 7);
    match answered.outcome {
        Outcome::Template(f) => assert_eq!(f.template, from_csv()),
        other => panic!("{other:?}"),
    }
    // A workbook made comes back the same way, and reads as the checklist it was made from.
    let made = workbook_jobs::answer(request(8, Job::TemplateXlsx { template: from_csv() }));
    assert!(made.json.len() < 200, "{}", made.json);
    let Outcome::Bytes { bytes } = reply(made).unwrap().outcome else {
        panic!("a workbook comes back as bytes");
    };
    assert_eq!(
        template_from_workbook(&bytes, None, "支部党建考核细则").unwrap(),
        from_csv()
    );
}

#[test]
fn rows_are_numbered_as_excel_numbers_them_and_problems_name_the_row() {
    let rows = sheet_rows(MERGED, Some("评分细则")).unwrap();
    assert_eq!(rows[0].line, 1);
    assert_eq!(rows[3].line, 4);
    assert_eq!(rows[3].fields[1], "“三会一课”按期召开");
    assert_eq!(rows[3].fields[3], "30", "a number cell reads as Excel shows it");
    // A points cell that is not a number, written the way Excel does.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["一级指标", "考核内容", "评分标准", "分值"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "政治建设").unwrap();
    sheet.write_string(1, 1, "学习").unwrap();
    sheet.write_number(1, 3, 60).unwrap();
    sheet.write_string(2, 1, "作风").unwrap();
    sheet.write_string(2, 3, "四十").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let errors = template_from_workbook(&bytes, None, "表").unwrap_err();
    let said: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert!(
        said.iter().any(|e| e.contains("第3行") && e.contains("四十")),
        "{said:?}"
    );
}

#[test]
fn a_file_that_is_not_a_workbook_is_refused_in_chinese() {
    let problems = template_from_workbook(CSV.as_bytes(), None, "表").unwrap_err();
    assert!(
        problems[0].to_string().contains("无法读取这个Excel文件"),
        "{problems:?}"
    );
    assert!(sheet_rows(XLSX, Some("没有这张表"))
        .unwrap_err()
        .contains("没有名为“没有这张表”的工作表"));
}

#[test]
fn every_built_in_checklist_survives_a_round_trip_through_xlsx() {
    for t in builtin_templates() {
        let bytes = template_to_xlsx(&t).unwrap_or_else(|e| panic!("{}: {e}", t.id));
        let back = template_from_workbook(&bytes, None, &t.title).unwrap_or_else(|e| panic!("{}: {e:?}", t.id));
        assert_eq!(back.total, t.total, "{}", t.id);
        assert_eq!(back.grades, t.grades, "{}", t.id);
        assert_eq!((back.audience, back.period), (t.audience, t.period), "{}", t.id);
        let sections = |t: &Template| {
            t.sections
                .iter()
                .map(|s| (s.title.clone(), s.items.len()))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            sections(&back),
            sections(&t),
            "{}: 一级指标 merged over their items",
            t.id
        );
        for (a, b) in t.items().zip(back.items()) {
            assert_eq!(
                (&a.title, a.points, &a.evidence, a.method, &a.rule),
                (&b.title, b.points, &b.evidence, b.method, &b.rule),
                "{} {}",
                t.id,
                a.id
            );
        }
    }
}

#[test]
fn the_exported_workbook_merges_each_first_level_cell_and_stores_points_as_numbers() {
    use calamine::{Data, Reader};
    let t = builtin_templates().into_iter().find(|t| t.id == "liuge-mofan").unwrap();
    let bytes = template_to_xlsx(&t).unwrap();
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(book.sheet_names(), ["评分细则"]);
    let range = book.worksheet_range("评分细则").unwrap();
    assert_eq!(range.get_value((1, 3)), Some(&Data::Float(4.0)), "分值 as a number");
    let calamine::Sheets::Xlsx(mut xlsx) = book else {
        panic!("an .xlsx")
    };
    let merged = xlsx.merge_cells_by_sheet_name("评分细则").unwrap();
    assert_eq!(merged.len(), t.sections.iter().filter(|s| s.items.len() > 1).count());
}

mod reports {
    //! The member's and the branch's workbooks, read back with calamine.
    use calamine::{Data, Reader};
    use mofan::core::assessment::action::Action;
    use mofan::core::exchange::branch::{Combined, Level, Submission};
    use mofan::core::exchange::report_xlsx::{assessment_to_xlsx, combined_to_xlsx};
    use mofan::core::template::builtin::builtin_templates;
    use mofan::core::{Assessment, Respondent, Response, Review, Template};

    fn six() -> Template {
        builtin_templates().into_iter().find(|t| t.id == "liuge-mofan").unwrap()
    }

    /// Every item 达标 (满意 from 10 voters on the poll, the bonus left blank), but 未达标 on zzgy-2, with an 整改 entry.
    fn filled(t: &Template, name: &str) -> Assessment {
        let who = Respondent {
            unit: "西安分行".into(),
            branch: "办公室党支部".into(),
            name: name.into(),
        };
        let mut a = Assessment::start(format!("id-{name}"), t, who, "2026年上半年", 1).unwrap();
        for item in t.items() {
            use mofan::core::Rule;
            let r = match &item.rule {
                Rule::Bonus { .. } => continue,
                Rule::Deduction { .. } => Response::Count(0),
                Rule::Veto => Response::Veto(false),
                Rule::Ladder { steps } => Response::Step(steps[0].name.clone()),
                Rule::Poll { steps } => {
                    use mofan::core::assessment::poll::{StepVotes, Tally};
                    let votes = |s: &mofan::core::LadderStep| StepVotes {
                        name: s.name.clone(),
                        votes: if s.points == item.points { 10 } else { 0 },
                    };
                    Response::Votes(Tally {
                        steps: steps.iter().map(votes).collect(),
                        blank: 0,
                    })
                }
                Rule::Free { .. } => Response::Score(item.points),
                _ => Response::Met,
            };
            a.set_response(item, Some(r), 2)
                .unwrap_or_else(|e| panic!("{}: {e:?}", item.id));
        }
        a.set_response(t.item("zzgy-2").unwrap(), Some(Response::NotMet), 3)
            .unwrap();
        a.set_action(
            "zzgy-2",
            Action {
                measure: "补齐学习记录".into(),
                owner: name.into(),
                ..Action::default()
            },
            4,
        );
        a
    }

    fn book(bytes: Vec<u8>) -> calamine::Sheets<std::io::Cursor<Vec<u8>>> {
        calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).unwrap()
    }

    /// The row whose column `col` holds `text`, and its cells.
    fn row_with(range: &calamine::Range<Data>, col: usize, text: &str) -> Vec<Data> {
        range
            .rows()
            .find(|r| r.get(col).is_some_and(|c| *c == text))
            .unwrap_or_else(|| panic!("no row with {text}"))
            .to_vec()
    }

    #[test]
    fn the_member_workbook_is_laid_out_as_the_printed_page_with_scores_as_numbers() {
        let t = six();
        let a = filled(&t, "张三");
        let mut book = book(assessment_to_xlsx(&t, &a, "2026-12-02").unwrap());
        assert_eq!(book.sheet_names(), ["自查评分表", "整改清单"]);
        let sheet = book.worksheet_range("自查评分表").unwrap();
        assert_eq!(
            sheet.get_value((0, 0)),
            Some(&Data::String("模范机关创建“六个模范”自查评分表".into()))
        );
        assert_eq!(sheet.get_value((1, 0)), Some(&Data::String("单位".into())));
        assert_eq!(sheet.get_value((1, 1)), Some(&Data::String("西安分行".into())));
        assert_eq!(sheet.get_value((1, 4)), Some(&Data::String("办公室党支部".into())));
        assert_eq!(sheet.get_value((1, 5)), Some(&Data::String("姓名".into())));
        assert_eq!(sheet.get_value((1, 6)), Some(&Data::String("张三".into())));
        assert_eq!(sheet.get_value((2, 1)), Some(&Data::String("2026年上半年".into())));
        assert_eq!(sheet.get_value((2, 4)), Some(&Data::String("2026-12-02".into())));
        // The first 一级指标 as its own row, then its items with self scores as numbers.
        assert_eq!(
            sheet.get_value((5, 0)),
            Some(&Data::String("一、做政治过硬的模范".into()))
        );
        let first = row_with(&sheet, 0, "1.1");
        assert_eq!(
            (first[2].clone(), first[3].clone(), first[4].clone()),
            (Data::Float(4.0), Data::String("达标".into()), Data::Float(4.0))
        );
        let second = row_with(&sheet, 0, "1.2");
        assert_eq!(second[4], Data::Float(0.0), "未达标 earns 0");
        let subtotal = row_with(&sheet, 1, "小计");
        assert_eq!(
            (subtotal[2].clone(), subtotal[4].clone()),
            (Data::Float(16.0), Data::Float(12.0))
        );
        let total = row_with(&sheet, 1, "总分");
        assert_eq!(
            (total[2].clone(), total[4].clone()),
            (Data::Float(100.0), Data::Float(96.0))
        );
        assert_eq!(row_with(&sheet, 1, "等次")[4], Data::String("优秀".into()));
        assert!(
            sheet.rows().any(|r| r[0].to_string().starts_with("本人签字")),
            "the signature line"
        );
        let calamine::Sheets::Xlsx(mut xlsx) = book else {
            panic!("an .xlsx")
        };
        let merged = xlsx.merge_cells_by_sheet_name("自查评分表").unwrap();
        assert!(
            merged.iter().any(|m| m.start == (5, 0) && m.end == (5, 7)),
            "the section row spans the table: {merged:?}"
        );

        let mut book = self::book(assessment_to_xlsx(&t, &a, "2026-12-02").unwrap());
        let actions = book.worksheet_range("整改清单").unwrap();
        let row = row_with(&actions, 2, "补齐学习记录");
        assert_eq!(row[0], Data::Float(1.0));
        assert!(row[1].to_string().contains("未达标"), "{row:?}");
        assert_eq!(
            (row[2].to_string(), row[3].to_string(), row[5].to_string()),
            ("补齐学习记录".into(), "张三".into(), "未完成".into())
        );
    }

    #[test]
    fn the_branch_workbook_has_separate_self_and_review_columns_and_a_sheet_for_each_table() {
        let t = six();
        let zhang = filled(&t, "张三");
        let mut li = filled(&t, "李四");
        li.set_review(
            t.item("zzgy-1").unwrap(),
            Review {
                response: Some(Response::Partial),
                comment: String::new(),
            },
            9,
        )
        .unwrap();
        li.confirm_unreviewed(10);
        let subs: Vec<Submission> = [zhang, li]
            .into_iter()
            .map(|assessment| Submission {
                branch: assessment.respondent.branch.clone(),
                source: format!("{}.json", assessment.respondent.name),
                assessment,
                from_branch_file: false,
            })
            .collect();
        let c = Combined::build(&t, &subs, &[], Level::Member);
        let mut book = book(combined_to_xlsx(&t, &c, &c.rows, "办公室党支部", "2026-12-02").unwrap());
        assert_eq!(book.sheet_names(), ["成员得分", "一级指标平均", "等次分布", "薄弱项目"]);
        let table = book.worksheet_range("成员得分").unwrap();
        let head: Vec<String> = table.rows().nth(2).unwrap().iter().map(|c| c.to_string()).collect();
        assert_eq!(
            &head[..4],
            ["姓名", "支部", "政治过硬（满分16）自评", "政治过硬（满分16）审核"]
        );
        assert!(head.contains(&"总分（满分100）自评".to_string()) && head.contains(&"总分（满分100）审核".to_string()));
        let zhang = row_with(&table, 0, "张三");
        assert_eq!(
            (zhang[2].clone(), zhang[3].clone()),
            (Data::Float(12.0), Data::Empty),
            "not reviewed: blank"
        );
        let li = row_with(&table, 0, "李四");
        assert_eq!(
            (li[2].clone(), li[3].clone()),
            (Data::Float(12.0), Data::Float(10.0)),
            "reviewed: 基本达标 on zzgy-1"
        );
        let total_col = head.iter().position(|h| h == "总分（满分100）自评").unwrap();
        assert_eq!(li[total_col], Data::Float(96.0));
        assert_eq!(li[total_col + 1], Data::Float(94.0));
        let own = row_with(&table, 0, "自评平均（2人）");
        assert_eq!(own[total_col], Data::Float(96.0));
        let reviewed = row_with(&table, 0, "审核平均（1人）");
        assert_eq!(reviewed[total_col + 1], Data::Float(94.0));
        let dist = book.worksheet_range("等次分布").unwrap();
        assert_eq!(row_with(&dist, 0, "优秀")[1..], [Data::Float(2.0), Data::Float(1.0)]);
        let weakest = book.worksheet_range("薄弱项目").unwrap();
        assert!(
            matches!(weakest.rows().nth(1).unwrap()[4], Data::Float(_)),
            "rates stored as numbers"
        );
    }
}
