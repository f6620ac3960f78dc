//! Spreadsheets as CSV, through the `csv` crate: the files Excel and WPS save
//! read in, and files for them written out.
//!
//! Reading accepts LF, CRLF and CR-only line ends (older Mac Excel), line
//! breaks and carriage returns inside quoted cells, and tab-separated text
//! (Excel's “Unicode 文本”). Each record knows its row as Excel numbers it,
//! so problems can be reported as 第N行.

/// One CSV record and its 1-based row (as Excel numbers rows: a cell with
/// line breaks is still one row, a blank line is a row too).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub line: usize,
    pub fields: Vec<String>,
}

/// An unterminated quote, reported with the row the quoted cell started on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnclosedQuote {
    pub line: usize,
}

/// Tab-separated when the first line has tabs and no commas, as Excel's
/// “Unicode 文本” is; comma-separated otherwise.
fn delimiter_of(text: &str) -> u8 {
    let first = text.split(['\r', '\n']).next().unwrap_or("");
    if first.contains('\t') && !first.contains(',') {
        b'\t'
    } else {
        b','
    }
}

/// How many line ends `gap` holds (CRLF, LF and CR each count once): the
/// blank lines the reader skipped before a record.
fn line_ends(gap: &str) -> usize {
    gap.replace("\r\n", "\n")
        .chars()
        .filter(|&c| c == '\n' || c == '\r')
        .count()
}

/// Splits CSV text into records. A leading byte-order mark is ignored;
/// blank lines are skipped (but still counted as rows).
pub fn read(text: &str) -> Result<Vec<Record>, UnclosedQuote> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter_of(text))
        .from_reader(text.as_bytes());
    let mut records = Vec::new();
    let mut record = ::csv::StringRecord::new();
    let (mut row, mut last_start) = (1, 0);
    // The text is UTF-8 and records may have any length, so reading cannot fail.
    while reader.read_record(&mut record).unwrap_or(false) {
        let start = record
            .position()
            .map_or(text.len(), |p| p.byte() as usize)
            .min(text.len());
        // A record starts where the last one ended: any blank lines the
        // reader skipped come first. A CRLF's LF may be left there too.
        let mut rest = text.get(start..).unwrap_or("");
        if text.get(..start).is_some_and(|t| t.ends_with('\r')) {
            rest = rest.strip_prefix('\n').unwrap_or(rest);
        }
        let blank = &rest[..rest.len() - rest.trim_start_matches(['\r', '\n']).len()];
        row += line_ends(blank);
        records.push(Record {
            line: row,
            fields: record.iter().map(String::from).collect(),
        });
        row += 1;
        last_start = start;
    }
    // A quote left open runs to the end of the file: the last record then
    // holds an odd number of quote marks (closed cells hold them in pairs).
    if text.get(last_start..).unwrap_or("").matches('"').count() % 2 == 1 {
        return Err(UnclosedQuote {
            line: records.last().map_or(1, |r| r.line),
        });
    }
    Ok(records)
}

/// A CSV file being written for Excel: UTF-8 with a byte-order mark (so
/// Chinese shows), CRLF line ends, cells quoted where they need it.
pub struct CsvOut(::csv::Writer<Vec<u8>>);

impl Default for CsvOut {
    fn default() -> Self {
        let mut bytes = Vec::new();
        bytes.extend_from_slice("\u{feff}".as_bytes());
        CsvOut(
            ::csv::WriterBuilder::new()
                .flexible(true)
                .terminator(::csv::Terminator::CRLF)
                .from_writer(bytes),
        )
    }
}

impl CsvOut {
    pub fn new() -> CsvOut {
        CsvOut::default()
    }

    /// Adds one row. Writing into memory cannot fail.
    pub fn row<S: AsRef<str>>(&mut self, cells: &[S]) {
        let _ = self.0.write_record(cells.iter().map(|c| c.as_ref().as_bytes()));
    }

    /// The whole file.
    pub fn finish(self) -> String {
        let bytes = self.0.into_inner().unwrap_or_default();
        // Only UTF-8 text went in.
        String::from_utf8(bytes).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<(usize, Vec<String>)> {
        read(text).unwrap().into_iter().map(|r| (r.line, r.fields)).collect()
    }

    fn row(line: usize, fields: &[&str]) -> (usize, Vec<String>) {
        (line, fields.iter().map(|f| f.to_string()).collect())
    }

    #[test]
    fn reads_quotes_commas_and_line_breaks_with_row_numbers() {
        let text = "\u{feff}a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n\r\n\"two\nlines\",z\nlast,1";
        assert_eq!(
            rows(text),
            [
                row(1, &["a", "b"]),
                row(2, &["x, y", "say \"hi\""]),
                row(4, &["two\nlines", "z"]),
                row(5, &["last", "1"]),
            ]
        );
    }

    #[test]
    fn lf_crlf_cr_and_mixed_line_ends_give_the_same_rows() {
        let expected = [row(1, &["a", "b"]), row(2, &["c", "d"]), row(4, &["e", "f"])];
        for end in ["\n", "\r\n", "\r"] {
            let text = ["a,b", "c,d", "", "e,f"].join(end);
            assert_eq!(rows(&text), expected, "{end:?}");
            assert_eq!(rows(&(text + end)), expected, "{end:?} at the end");
        }
        assert_eq!(rows("a,b\rc,d\r\n\ne,f\n"), expected, "mixed");
    }

    #[test]
    fn carriage_returns_and_line_breaks_inside_quotes_are_kept() {
        assert_eq!(
            rows("\"one\rtwo\",\"three\r\nfour\"\rnext,row"),
            [row(1, &["one\rtwo", "three\r\nfour"]), row(2, &["next", "row"])]
        );
    }

    #[test]
    fn tab_separated_text_is_read_as_cells() {
        assert_eq!(
            rows("一级指标\t分值\r\n政治建设\t20\r\n"),
            [row(1, &["一级指标", "分值"]), row(2, &["政治建设", "20"])]
        );
        // A tab inside a comma-separated file is just a character.
        assert_eq!(rows("a\tb,c"), [row(1, &["a\tb", "c"])]);
    }

    #[test]
    fn an_unclosed_quote_names_its_row() {
        assert_eq!(read("a,b\n\"open,c\nd"), Err(UnclosedQuote { line: 2 }));
        assert_eq!(read("a,b\r\"open,c\rd"), Err(UnclosedQuote { line: 2 }));
    }

    #[test]
    fn writing_then_reading_gives_the_same_cells() {
        let cells = ["普通", "有,逗号", "有\"引号\"", "两\n行", "回车\r在内", ""];
        let mut out = CsvOut::new();
        out.row(&cells);
        out.row(&["下一行"]);
        let text = out.finish();
        assert!(text.starts_with('\u{feff}') && text.ends_with("\r\n"), "{text:?}");
        assert_eq!(rows(&text), [row(1, &cells), row(2, &["下一行"])]);
    }
}
