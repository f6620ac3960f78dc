//! Rust values → JSON text. Compact output has no spaces; pretty output puts
//! each member on its own line indented by two spaces, `[]` and `{}` when
//! empty. Strings escape `"`, `\`, and control characters (`\n`, `\t`,
//! `\u0001`…) and nothing else, so Chinese is written as itself.

use std::collections::BTreeMap;

/// A type written as JSON.
pub trait ToJson {
    fn write_json(&self, w: &mut Writer);
}

pub struct Writer {
    out: String,
    pretty: bool,
    depth: usize,
    /// Whether the innermost open array or object has no element yet.
    first: bool,
}

impl Writer {
    pub fn compact() -> Writer {
        Writer {
            out: String::new(),
            pretty: false,
            depth: 0,
            first: true,
        }
    }

    pub fn pretty() -> Writer {
        Writer {
            pretty: true,
            ..Writer::compact()
        }
    }

    pub fn finish(self) -> String {
        self.out
    }

    /// Text already in JSON form: a number or a literal.
    pub fn raw(&mut self, text: &str) {
        self.out.push_str(text);
    }

    /// A whole number, without going through `fmt`: every record carries
    /// several, and a file check writes each one again.
    pub fn integer(&mut self, n: i64) {
        if n < 0 {
            self.out.push('-');
        }
        let mut digits = [0u8; 20];
        let mut start = digits.len();
        let mut rest = n.unsigned_abs();
        loop {
            start -= 1;
            digits[start] = b'0' + (rest % 10) as u8;
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        for &d in &digits[start..] {
            self.out.push(d as char);
        }
    }

    /// A number of hundredths as the shortest decimal: 250 → `2.5`, 8333 → `83.33`, 400 → `4`.
    pub fn hundredths(&mut self, h: i64) {
        if h < 0 {
            self.out.push('-');
        }
        let a = h.unsigned_abs();
        self.integer((a / 100) as i64);
        let frac = a % 100;
        if frac != 0 {
            self.out.push('.');
            self.out.push((b'0' + (frac / 10) as u8) as char);
            if !frac.is_multiple_of(10) {
                self.out.push((b'0' + (frac % 10) as u8) as char);
            }
        }
    }

    pub fn string(&mut self, s: &str) {
        self.out.push('"');
        let mut run = 0;
        for (i, b) in s.bytes().enumerate() {
            let escape = match b {
                b'"' => "\\\"",
                b'\\' => "\\\\",
                b'\n' => "\\n",
                b'\r' => "\\r",
                b'\t' => "\\t",
                0x08 => "\\b",
                0x0c => "\\f",
                0..=0x1f => "",
                _ => continue,
            };
            self.out.push_str(&s[run..i]);
            if escape.is_empty() {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                self.out.push_str("\\u00");
                self.out.push(HEX[(b >> 4) as usize] as char);
                self.out.push(HEX[(b & 15) as usize] as char);
            } else {
                self.out.push_str(escape);
            }
            run = i + 1;
        }
        self.out.push_str(&s[run..]);
        self.out.push('"');
    }

    fn newline(&mut self) {
        self.out.push('\n');
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
    }

    /// Before each element of an array written by hand (as an array of arrays is).
    pub fn next(&mut self) {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        if self.pretty {
            self.newline();
        }
    }

    fn open(&mut self, bracket: char) {
        self.out.push(bracket);
        self.depth += 1;
        self.first = true;
    }

    fn close(&mut self, bracket: char) {
        self.depth -= 1;
        if self.pretty && !self.first {
            self.newline();
        }
        self.out.push(bracket);
        self.first = false;
    }

    /// An object whose members `members` writes with [`Writer::field`].
    pub fn object(&mut self, members: impl FnOnce(&mut Writer)) {
        self.open('{');
        members(self);
        self.close('}');
    }

    pub fn field<T: ToJson + ?Sized>(&mut self, key: &str, value: &T) {
        self.key(key);
        value.write_json(self);
    }

    /// A member left out when its value is empty or absent.
    pub fn optional_field<T: Omittable + ?Sized>(&mut self, key: &str, value: &T) {
        if !value.is_omitted() {
            self.field(key, value);
        }
    }

    /// A member's key, for a value written by hand after it.
    pub fn key(&mut self, key: &str) {
        self.next();
        self.string(key);
        self.out.push_str(if self.pretty { ": " } else { ":" });
    }

    /// An array whose elements `elements` writes with [`Writer::element`].
    pub fn array(&mut self, elements: impl FnOnce(&mut Writer)) {
        self.open('[');
        elements(self);
        self.close(']');
    }

    pub fn element<T: ToJson + ?Sized>(&mut self, value: &T) {
        self.next();
        value.write_json(self);
    }
}

/// A value an optional member leaves out ([`Writer::optional_field`]): an
/// empty text or map, an absent value, `false`.
pub trait Omittable: ToJson {
    fn is_omitted(&self) -> bool;
}

impl Omittable for String {
    fn is_omitted(&self) -> bool {
        self.is_empty()
    }
}

impl<T: ToJson> Omittable for BTreeMap<String, T> {
    fn is_omitted(&self) -> bool {
        self.is_empty()
    }
}

impl Omittable for bool {
    fn is_omitted(&self) -> bool {
        !*self
    }
}

impl<T: ToJson> Omittable for Option<T> {
    fn is_omitted(&self) -> bool {
        self.is_none()
    }
}

/// The value, or `null` (which every reader here takes as absent).
impl<T: ToJson> ToJson for Option<T> {
    fn write_json(&self, w: &mut Writer) {
        match self {
            Some(v) => v.write_json(w),
            None => w.raw("null"),
        }
    }
}

impl ToJson for str {
    fn write_json(&self, w: &mut Writer) {
        w.string(self);
    }
}

impl ToJson for String {
    fn write_json(&self, w: &mut Writer) {
        w.string(self);
    }
}

impl ToJson for bool {
    fn write_json(&self, w: &mut Writer) {
        w.raw(if *self { "true" } else { "false" });
    }
}

impl ToJson for u32 {
    fn write_json(&self, w: &mut Writer) {
        w.integer(*self as i64);
    }
}

impl ToJson for i64 {
    fn write_json(&self, w: &mut Writer) {
        w.integer(*self);
    }
}

impl<T: ToJson> ToJson for [T] {
    fn write_json(&self, w: &mut Writer) {
        w.array(|w| self.iter().for_each(|x| w.element(x)));
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn write_json(&self, w: &mut Writer) {
        self.as_slice().write_json(w);
    }
}

/// Keys in the map's (byte) order.
impl<T: ToJson> ToJson for BTreeMap<String, T> {
    fn write_json(&self, w: &mut Writer) {
        w.object(|w| self.iter().for_each(|(k, v)| w.field(k, v)));
    }
}

impl<T: ToJson + ?Sized> ToJson for &T {
    fn write_json(&self, w: &mut Writer) {
        (**self).write_json(w);
    }
}

#[cfg(test)]
mod tests {
    use super::super::{to_string, to_string_pretty};
    use super::*;

    #[test]
    fn strings_escape_quotes_backslashes_and_control_characters_only() {
        assert_eq!(
            to_string("引\"\\\n\r\t\u{8}\u{c}\u{1}\u{1f}/😀"),
            r#""引\"\\\n\r\t\b\f\u0001\u001f/😀""#
        );
        assert_eq!(to_string("\u{7f}\u{2028}"), "\"\u{7f}\u{2028}\"");
    }

    #[test]
    fn numbers_are_written_whole_or_as_the_shortest_decimal() {
        let text = |f: &dyn Fn(&mut Writer)| {
            let mut w = Writer::compact();
            f(&mut w);
            w.finish()
        };
        assert_eq!(text(&|w| w.integer(0)), "0");
        assert_eq!(text(&|w| w.integer(-1_767_225_600_000)), "-1767225600000");
        assert_eq!(text(&|w| w.integer(i64::MIN)), "-9223372036854775808");
        for (h, s) in [
            (0, "0"),
            (400, "4"),
            (250, "2.5"),
            (8333, "83.33"),
            (5, "0.05"),
            (-50, "-0.5"),
            (-305, "-3.05"),
        ] {
            assert_eq!(text(&|w| w.hundredths(h)), s);
        }
    }

    #[test]
    fn pretty_output_indents_members_and_keeps_empty_ones_short() {
        let mut m = BTreeMap::new();
        m.insert("b".to_string(), vec![1u32, 2]);
        m.insert("a".to_string(), vec![]);
        assert_eq!(to_string(&m), r#"{"a":[],"b":[1,2]}"#);
        assert_eq!(
            to_string_pretty(&m),
            "{\n  \"a\": [],\n  \"b\": [\n    1,\n    2\n  ]\n}"
        );
        assert_eq!(to_string_pretty(&BTreeMap::<String, u32>::new()), "{}");
    }

    #[test]
    fn optional_members_are_left_out_when_empty_or_absent() {
        let mut w = Writer::compact();
        w.object(|w| {
            w.optional_field("note", &String::new());
            w.optional_field("review", &None::<u32>);
            w.optional_field("actions", &BTreeMap::<String, u32>::new());
            w.optional_field("count", &Some(2u32));
            w.optional_field("title", &"甲".to_string());
        });
        assert_eq!(w.finish(), r#"{"count":2,"title":"甲"}"#);
    }
}
