//! Text → [`Node`] tree, strictly by RFC 8259. Strings without escapes are
//! borrowed from the text, numbers are kept as written.

use super::{Error, ErrorKind, Node, Value};
use std::borrow::Cow;

/// How deeply arrays and objects may nest; no Mofan file comes near it, and
/// it keeps a hostile file from exhausting the stack.
const MAX_DEPTH: usize = 128;

/// Parses one JSON value filling the whole text (whitespace aside).
pub fn parse(text: &str) -> Result<Node<'_>, Error> {
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        depth: 0,
    };
    let node = p.value()?;
    p.skip_space();
    if p.pos < p.bytes.len() {
        return Err(p.syntax());
    }
    Ok(node)
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
}

impl<'a> Parser<'a> {
    fn syntax(&self) -> Error {
        let kind = if self.pos >= self.bytes.len() {
            ErrorKind::Eof
        } else {
            ErrorKind::Syntax
        };
        Error {
            kind,
            at: self.pos,
            message: String::new(),
        }
    }

    fn skip_space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn expect(&mut self, b: u8) -> Result<(), Error> {
        if self.peek() == Some(b) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.syntax())
        }
    }

    fn value(&mut self) -> Result<Node<'a>, Error> {
        self.skip_space();
        let at = self.pos;
        let value = match self.peek() {
            Some(b'{') => self.nested(Parser::object)?,
            Some(b'[') => self.nested(Parser::array)?,
            Some(b'"') => Value::String(self.string()?),
            Some(b't') => self.word("true", Value::Bool(true))?,
            Some(b'f') => self.word("false", Value::Bool(false))?,
            Some(b'n') => self.word("null", Value::Null)?,
            Some(b'-' | b'0'..=b'9') => Value::Number(self.number()?),
            _ => return Err(self.syntax()),
        };
        Ok(Node { at, value })
    }

    fn nested(&mut self, read: fn(&mut Self) -> Result<Value<'a>, Error>) -> Result<Value<'a>, Error> {
        if self.depth == MAX_DEPTH {
            return Err(self.syntax());
        }
        self.depth += 1;
        self.pos += 1;
        let v = read(self);
        self.depth -= 1;
        v
    }

    fn word(&mut self, word: &str, value: Value<'a>) -> Result<Value<'a>, Error> {
        for &b in word.as_bytes() {
            self.expect(b)?;
        }
        Ok(value)
    }

    /// After `{`.
    fn object(&mut self) -> Result<Value<'a>, Error> {
        self.elements(b'}', |p| {
            p.skip_space();
            if p.peek() != Some(b'"') {
                return Err(p.syntax());
            }
            let key = p.string()?;
            p.skip_space();
            p.expect(b':')?;
            Ok((key, p.value()?))
        })
        .map(Value::Object)
    }

    /// After `[`.
    fn array(&mut self) -> Result<Value<'a>, Error> {
        self.elements(b']', Parser::value).map(Value::Array)
    }

    /// The comma-separated elements of an array or object, each read by
    /// `element`, up to and including `close`.
    fn elements<T>(
        &mut self,
        close: u8,
        mut element: impl FnMut(&mut Self) -> Result<T, Error>,
    ) -> Result<Vec<T>, Error> {
        let mut out = Vec::new();
        self.skip_space();
        if self.peek() == Some(close) {
            self.pos += 1;
            return Ok(out);
        }
        loop {
            out.push(element(self)?);
            self.skip_space();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(c) if c == close => {
                    self.pos += 1;
                    return Ok(out);
                }
                _ => return Err(self.syntax()),
            }
        }
    }

    fn digits(&mut self) -> Result<(), Error> {
        if !matches!(self.peek(), Some(b'0'..=b'9')) {
            return Err(self.syntax());
        }
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
        Ok(())
    }

    fn number(&mut self) -> Result<&'a str, Error> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        if self.peek() == Some(b'0') {
            self.pos += 1;
        } else {
            self.digits()?;
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            self.digits()?;
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            self.digits()?;
        }
        Ok(&self.text[start..self.pos])
    }

    /// At the opening quote.
    fn string(&mut self) -> Result<Cow<'a, str>, Error> {
        self.pos += 1;
        let start = self.pos;
        // Fast path: no escapes, borrowed as is.
        let special = |b: &u8| *b == b'"' || *b == b'\\' || *b < 0x20;
        self.pos += self.bytes[start..]
            .iter()
            .position(special)
            .unwrap_or(self.bytes.len() - start);
        match self.peek() {
            Some(b'"') => {
                self.pos += 1;
                return Ok(Cow::Borrowed(&self.text[start..self.pos - 1]));
            }
            Some(b'\\') => {}
            _ => return Err(self.syntax()),
        }
        let mut out = String::from(&self.text[start..self.pos]);
        loop {
            let run = self.pos;
            self.pos += self.bytes[run..]
                .iter()
                .position(special)
                .unwrap_or(self.bytes.len() - run);
            out.push_str(&self.text[run..self.pos]);
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    self.pos += 1;
                    out.push(self.escape()?);
                }
                _ => return Err(self.syntax()),
            }
        }
    }

    /// After a backslash.
    fn escape(&mut self) -> Result<char, Error> {
        let c = match self.peek() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.pos += 1;
                let first = self.hex4()?;
                let code = if (0xD800..0xDC00).contains(&first) {
                    // A leading surrogate must be followed by its trailing half.
                    self.expect(b'\\')?;
                    self.expect(b'u')?;
                    let second = self.hex4()?;
                    if !(0xDC00..0xE000).contains(&second) {
                        self.pos -= 4;
                        return Err(self.syntax());
                    }
                    0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                } else {
                    first
                };
                return char::from_u32(code).ok_or_else(|| {
                    self.pos -= 4;
                    self.syntax()
                });
            }
            _ => return Err(self.syntax()),
        };
        self.pos += 1;
        Ok(c)
    }

    fn hex4(&mut self) -> Result<u32, Error> {
        let mut n = 0;
        for _ in 0..4 {
            let d = match self.peek() {
                Some(b @ b'0'..=b'9') => b - b'0',
                Some(b @ b'a'..=b'f') => b - b'a' + 10,
                Some(b @ b'A'..=b'F') => b - b'A' + 10,
                _ => return Err(self.syntax()),
            };
            n = n * 16 + d as u32;
            self.pos += 1;
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn string_of(text: &str) -> String {
        match parse(text).unwrap().value {
            Value::String(s) => s.into_owned(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn reads_every_escape_and_borrows_plain_strings() {
        assert_eq!(
            string_of(r#""a\"b\\c\/d\b\f\n\r\t\u00e9\u4E2D\ud83d\ude00""#),
            "a\"b\\c/d\u{8}\u{c}\n\r\t\u{e9}中😀"
        );
        assert!(matches!(
            parse(r#""中文""#).unwrap().value,
            Value::String(Cow::Borrowed("中文"))
        ));
    }

    #[test]
    fn keeps_members_in_order_with_where_each_value_starts() {
        let n = parse("{\"b\": [1, -2.5e3, true, null], \"a\": {}}").unwrap();
        let Value::Object(m) = n.value else { panic!() };
        assert_eq!(m[0].0, "b");
        assert_eq!(m[1].0, "a");
        assert_eq!(m[1].1.at, 36);
        let Value::Array(items) = &m[0].1.value else { panic!() };
        assert_eq!(items[1].value, Value::Number("-2.5e3"));
        assert_eq!(items[2].value, Value::Bool(true));
        assert_eq!(items[3].value, Value::Null);
    }

    #[test]
    fn refuses_what_json_does_not_allow_and_says_where() {
        for (bad, at) in [
            ("{\"a\":1,}", 7),
            ("[1 2]", 3),
            ("01", 1),
            ("1.", 2),
            ("-", 1),
            ("\"tab\there\"", 4),
            (r#""\x""#, 2),
            (r#""\ud800x""#, 7),
            (r#""\udc00""#, 3),
            ("{'a':1}", 1),
            ("tru", 3),
            ("[] []", 3),
            ("", 0),
        ] {
            let e = parse(bad).unwrap_err();
            assert_eq!(e.at, at, "{bad:?}");
        }
        assert_eq!(parse("[1,").unwrap_err().kind, ErrorKind::Eof);
        assert_eq!(parse("\"abc").unwrap_err().kind, ErrorKind::Eof);
        assert_eq!(parse("[1 2]").unwrap_err().kind, ErrorKind::Syntax);
    }

    #[test]
    fn nesting_is_limited_rather_than_overflowing_the_stack() {
        let deep = "[".repeat(100_000);
        assert_eq!(parse(&deep).unwrap_err().kind, ErrorKind::Syntax);
        let ok = format!("{}{}", "[".repeat(100), "]".repeat(100));
        assert!(parse(&ok).is_ok());
    }

    #[test]
    fn line_and_column_count_characters_from_one() {
        let text = "{\n  \"标题\": x\n}";
        let e = parse(text).unwrap_err();
        assert_eq!(e.line_column(text), (2, 9));
    }
}
