//! Files as Excel and WPS save them, from the bytes up: every line ending,
//! every encoding a 评分细则 arrives in, and files that are not text at all.
//! What the browser's TextDecoder does for GB18030 is done here by
//! encoding_rs, with replacement off, as the browser's is.

use mofan::core::exchange::text_file::{decode, NotText};
use mofan::core::template::builtin::builtin_templates;
use mofan::core::template::library::read_template_file;
use mofan::core::template::spreadsheet::{template_from_csv, template_to_csv};
use mofan::core::Template;

mod common;

const UTF8: &[u8] = include_bytes!("fixtures/支部党建考核细则.csv");
const GBK: &[u8] = include_bytes!("fixtures/支部党建考核细则-gbk.csv");

fn gb18030(bytes: &[u8]) -> Option<String> {
    encoding_rs::GB18030
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|t| t.into_owned())
}

/// Picks a file as the import screen does: bytes to text, then the reader its name calls for.
fn import(name: &str, bytes: &[u8]) -> Result<Template, Vec<String>> {
    let text = decode(bytes, gb18030).map_err(|e| vec![e.to_string()])?;
    read_template_file(name, &text).map(|f| f.template)
}

fn utf16le_with_mark(text: &str) -> Vec<u8> {
    [0xff, 0xfe]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect()
}

#[test]
fn gbk_utf8_and_utf8_with_a_mark_read_as_the_same_checklist() {
    let utf8 = import("支部党建考核细则.csv", UTF8).unwrap();
    assert_eq!(import("支部党建考核细则.csv", GBK).unwrap(), utf8);
    let marked: Vec<u8> = b"\xef\xbb\xbf".iter().chain(UTF8).copied().collect();
    assert_eq!(import("支部党建考核细则.csv", &marked).unwrap(), utf8);
}

#[test]
fn excel_unicode_text_is_utf16_and_tab_separated_and_reads_the_same() {
    let utf8 = import("支部党建考核细则.csv", UTF8).unwrap();
    // The same table as tab-separated text, as Excel's “Unicode 文本” writes it.
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(UTF8);
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b'\t')
        .flexible(true)
        .from_writer(Vec::new());
    for record in reader.records() {
        writer.write_record(&record.unwrap()).unwrap();
    }
    let tsv = String::from_utf8(writer.into_inner().unwrap()).unwrap();
    assert!(tsv.contains("一级指标\t") && !tsv.starts_with("一级指标,"), "{tsv}");
    let from_tsv = import("支部党建考核细则.txt", &utf16le_with_mark(&tsv)).unwrap();
    assert_eq!(from_tsv, utf8);
}

#[test]
fn a_file_in_neither_encoding_is_refused_for_its_encoding_not_its_columns() {
    // Bytes GB18030 refuses (0xFF never starts a character), in a CSV-looking file.
    let mut bytes = b"\xd2\xbb\xbc\xb6\xd6\xb8\xb1\xea,".to_vec();
    bytes.extend_from_slice(b"\xff\xff,20\r\n");
    let e = import("表.csv", &bytes).unwrap_err();
    assert_eq!(e, [NotText::UnknownEncoding.to_string()]);
    assert!(e[0].contains("编码"), "{e:?}");
    assert!(!e[0].contains("表头"), "{e:?}");
}

#[test]
fn workbooks_and_binary_files_say_what_they_are() {
    let xlsx = import("细则.csv", b"PK\x03\x04\x14\x00\x06\x00").unwrap_err();
    assert!(xlsx[0].contains(".xlsx") && xlsx[0].contains("另存为"), "{xlsx:?}");
    let xls = import("细则.csv", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00").unwrap_err();
    assert!(xls[0].contains(".xls"), "{xls:?}");
    let png = import("细则.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR").unwrap_err();
    assert_eq!(png, [NotText::Binary.to_string()]);
}

#[test]
fn every_built_in_checklist_reads_back_the_same_whatever_its_line_ends() {
    for t in builtin_templates() {
        let csv = template_to_csv(&t);
        let expected = template_from_csv(&csv, &t.title).unwrap();
        let variants = common::line_end_variants(&csv);
        for (name, text) in ["CRLF", "LF", "CR", "mixed"].into_iter().zip(variants) {
            let back = template_from_csv(&text, &t.title).unwrap_or_else(|e| panic!("{} {name}: {e:?}", t.id));
            assert_eq!(back, expected, "{} {name}", t.id);
        }
    }
}

#[test]
fn cells_over_several_lines_keep_every_line_and_carriage_return() {
    let mut t = builtin_templates()[0].clone();
    let criteria = "第一行\r\n第二行，含\"引号\"\n第三行\r第四行";
    t.sections[0].items[0].criteria = criteria.to_string();
    let csv = template_to_csv(&t);
    for text in [csv.clone(), csv.replace("\r\n", "\r")] {
        let back = template_from_csv(&text, &t.title).unwrap();
        let kept = &back.sections[0].items[0].criteria;
        // The CR-only copy turned the cell's own CRLF into a CR; nothing vanishes.
        assert!(
            kept.starts_with("第一行\r") && kept.ends_with("第三行\r第四行"),
            "{kept:?}"
        );
        assert_eq!(back.item_count(), t.item_count());
    }
}

#[test]
fn problems_in_a_cr_only_file_name_their_rows() {
    let broken = include_str!("fixtures/broken-template.csv")
        .replace("\r\n", "\n")
        .replace('\n', "\r");
    let e = template_from_csv(&broken, "x").unwrap_err();
    let all: Vec<String> = e.iter().map(ToString::to_string).collect();
    assert!(all.iter().any(|m| m.starts_with("第4行：分值“三十”")), "{all:?}");
    assert!(
        all.iter().any(|m| m.starts_with("第5行：无法识别的评分方式")),
        "{all:?}"
    );
}
