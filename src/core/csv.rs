//! A small RFC 4180 CSV reader and writer: quoted fields, doubled quotes,
//! line breaks inside quotes, CRLF or LF. Each record knows the line it
//! starts on, so problems can be reported as 第N行.

/// One CSV record and the 1-based line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub line: usize,
    pub fields: Vec<String>,
}

/// An unterminated quote, reported with the line the quoted field started on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnclosedQuote {
    pub line: usize,
}

/// Splits CSV text into records. A leading byte-order mark is ignored;
/// blank lines are skipped.
pub fn read(text: &str) -> Result<Vec<Record>, UnclosedQuote> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records = Vec::new();
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut in_quotes = false;
    let mut quote_line = 0;
    let mut line = 1;
    let mut record_line = 1;
    let mut chars = text.chars().peekable();
    let mut finish = |fields: &mut Vec<String>, field: &mut String, record_line: usize| {
        fields.push(std::mem::take(field));
        if !(fields.len() == 1 && fields[0].is_empty()) {
            records.push(Record {
                line: record_line,
                fields: std::mem::take(fields),
            });
        }
        fields.clear();
    };
    while let Some(c) = chars.next() {
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => in_quotes = false,
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                '\r' => {}
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => {
                in_quotes = true;
                quote_line = line;
            }
            ',' => fields.push(std::mem::take(&mut field)),
            '\r' => {}
            '\n' => {
                finish(&mut fields, &mut field, record_line);
                line += 1;
                record_line = line;
            }
            _ => field.push(c),
        }
    }
    if in_quotes {
        return Err(UnclosedQuote { line: quote_line });
    }
    if !field.is_empty() || !fields.is_empty() {
        finish(&mut fields, &mut field, record_line);
    }
    Ok(records)
}

/// Writes one record, quoting fields that need it.
pub fn write_record(out: &mut String, fields: &[&str]) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        if f.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&f.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(f);
        }
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_quotes_commas_and_line_breaks_with_line_numbers() {
        let text = "\u{feff}a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n\r\n\"two\nlines\",z\nlast,1";
        let r = read(text).unwrap();
        assert_eq!(r.len(), 4);
        assert_eq!(
            r[0],
            Record {
                line: 1,
                fields: vec!["a".into(), "b".into()]
            }
        );
        assert_eq!(r[1].fields, ["x, y", "say \"hi\""]);
        assert_eq!(
            r[2],
            Record {
                line: 4,
                fields: vec!["two\nlines".into(), "z".into()]
            }
        );
        assert_eq!(r[3].line, 6);
    }

    #[test]
    fn an_unclosed_quote_names_its_line() {
        assert_eq!(read("a,b\n\"open,c\nd"), Err(UnclosedQuote { line: 2 }));
    }

    #[test]
    fn writing_then_reading_gives_the_same_fields() {
        let mut out = String::new();
        write_record(&mut out, &["普通", "有,逗号", "有\"引号\"", "两\n行"]);
        assert_eq!(
            read(&out).unwrap()[0].fields,
            ["普通", "有,逗号", "有\"引号\"", "两\n行"]
        );
    }
}
