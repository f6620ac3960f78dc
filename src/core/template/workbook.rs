//! 评分细则 as Excel and WPS keep them: a workbook (.xlsx, and .xls or .ods,
//! which calamine reads at no extra cost) read into the same rows a CSV
//! gives (see `template::spreadsheet`), with each row numbered as Excel
//! numbers it; and a template written as .xlsx (rust_xlsxwriter) in the
//! same form, 一级指标 merged over its items as real tables have it. A
//! merged cell reads as its top-left value and blanks below it, and a blank
//! 一级指标 repeats the one above, so merged cells need nothing more.

use crate::core::basics::csv::Record;
use crate::core::template::check::TemplateError;
use crate::core::template::format::Template;
use crate::core::template::spreadsheet::{template_from_rows, template_rows};
use calamine::{Data, Reader};
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook};
use std::io::Cursor;

/// Why a file could not be read as a workbook, in Chinese.
fn unreadable(e: impl std::fmt::Display) -> String {
    format!("无法读取这个Excel文件（{e}），请确认它是 .xlsx 或 .xls 文件，或另存为CSV后导入")
}

fn open(bytes: &[u8]) -> Result<calamine::Sheets<Cursor<Vec<u8>>>, String> {
    calamine::open_workbook_auto_from_rs(Cursor::new(bytes.to_vec())).map_err(unreadable)
}

/// The sheets of a workbook, in order.
pub fn sheet_names(bytes: &[u8]) -> Result<Vec<String>, String> {
    Ok(open(bytes)?.sheet_names())
}

/// A cell as the text Excel shows for it: whole numbers without a point
/// (4, not 4.0), others as short as they round-trip (0.5).
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(d) => d.to_string(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// The rows of `sheet` (the first when `None`) that hold anything, each
/// with its row number as Excel shows it.
pub fn sheet_rows(bytes: &[u8], sheet: Option<&str>) -> Result<Vec<Record>, String> {
    let mut book = open(bytes)?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(s) if names.iter().any(|n| n == s) => s.to_string(),
        Some(s) => return Err(format!("工作簿中没有名为“{s}”的工作表")),
        None => names.first().cloned().ok_or_else(|| "工作簿中没有工作表".to_string())?,
    };
    let range = book.worksheet_range(&name).map_err(unreadable)?;
    let first_row = range.start().map_or(0, |(row, _)| row as usize);
    Ok(range
        .rows()
        .enumerate()
        .map(|(i, cells)| Record {
            line: first_row + i + 1,
            fields: cells.iter().map(cell_text).collect(),
        })
        .filter(|r| r.fields.iter().any(|f| !f.trim().is_empty()))
        .collect())
}

/// Reads a template from a sheet of a workbook (see [`sheet_rows`]), with
/// the same checks and messages as a CSV, by row.
pub fn template_from_workbook(bytes: &[u8], sheet: Option<&str>, title: &str) -> Result<Template, Vec<TemplateError>> {
    let rows = sheet_rows(bytes, sheet).map_err(|e| vec![TemplateError::at("", e)])?;
    template_from_rows(&rows, title)
}

/// Why a workbook could not be written, in Chinese (for every workbook the app writes).
pub fn unwritable(e: rust_xlsxwriter::XlsxError) -> String {
    format!("无法生成Excel文件：{e}")
}

/// A4 in Excel's numbering of paper sizes.
pub const A4: u8 = 9;

/// Sets the widths of a sheet's first columns, in Excel's units.
pub fn set_widths(sheet: &mut rust_xlsxwriter::Worksheet, widths: &[f64]) -> Result<(), String> {
    for (c, w) in widths.iter().enumerate() {
        sheet.set_column_width(c as u16, *w).map_err(unwritable)?;
    }
    Ok(())
}

/// A template as an .xlsx workbook in the form it is imported in: 分值 as
/// numbers, 一级指标 merged over its items, the header row repeated on
/// every printed page, A4.
pub fn template_to_xlsx(t: &Template) -> Result<Vec<u8>, String> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("评分细则").map_err(unwritable)?;
    let head = Format::new().set_bold().set_border(FormatBorder::Thin).set_text_wrap();
    let cell = Format::new().set_border(FormatBorder::Thin).set_text_wrap();
    let merged = cell.clone().set_align(FormatAlign::VerticalCenter);
    let rows = template_rows(t);
    for (r, row) in rows.iter().enumerate() {
        let format = if r == 0 { &head } else { &cell };
        for (c, text) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            // 分值 as a number, so Excel sums it.
            match text.parse::<f64>() {
                Ok(n) if c == 3 && r > 0 => sheet.write_number_with_format(r, c, n, format),
                _ => sheet.write_string_with_format(r, c, text, format),
            }
            .map_err(unwritable)?;
        }
    }
    // Each 一级指标 over its items, as real tables have it.
    let mut first = 1u32;
    for s in &t.sections {
        let last = first + s.items.len() as u32 - 1;
        if last > first {
            sheet
                .merge_range(first, 0, last, 0, &s.title, &merged)
                .map_err(unwritable)?;
        }
        first = last + 1;
    }
    set_widths(sheet, &[14.0, 36.0, 40.0, 6.0, 22.0, 10.0, 24.0])?;
    sheet.set_paper_size(A4).set_repeat_rows(0, 0).map_err(unwritable)?;
    book.save_to_buffer().map_err(unwritable)
}
