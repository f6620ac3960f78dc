//! [`Node`] → Rust values, with the messages users see when a file has the
//! wrong shape: 缺少字段 `x`, 无法识别的字段 `x`, 数据类型不正确（…）.

use super::{Error, Node, Value};
use std::collections::BTreeMap;

/// A type read from a parsed JSON value.
pub trait FromJson: Sized {
    fn read_json(node: &Node<'_>) -> Result<Self, Error>;
}

impl<'a> Node<'a> {
    /// The error for a value of the wrong kind.
    pub fn wrong_type(&self, expected: &str) -> Error {
        Error::data(
            self.at,
            format!("数据类型不正确（应为{expected}，实为{}）", self.value.kind()),
        )
    }

    pub fn as_str(&self) -> Result<&str, Error> {
        match &self.value {
            Value::String(s) => Ok(s),
            _ => Err(self.wrong_type("文字")),
        }
    }

    /// The number as written, for types that read it their own way.
    pub fn number_text(&self, expected: &str) -> Result<&str, Error> {
        match self.value {
            Value::Number(n) => Ok(n),
            _ => Err(self.wrong_type(expected)),
        }
    }

    /// A whole number within `min..=max`.
    fn integer(&self, min: i64, max: i64) -> Result<i64, Error> {
        let expected = if min == 0 { "不小于0的整数" } else { "整数" };
        let text = self.number_text(expected)?;
        let (negative, digits) = match text.strip_prefix('-') {
            Some(d) => (true, d),
            None => (false, text),
        };
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Error::data(
                self.at,
                format!("数据类型不正确（应为{expected}，实为小数）"),
            ));
        }
        let mut n: i64 = 0;
        for b in digits.bytes() {
            n = n
                .checked_mul(10)
                .and_then(|n| n.checked_add((b - b'0') as i64))
                .ok_or_else(|| self.out_of_range(expected))?;
        }
        let n = if negative { -n } else { n };
        if n < min || n > max {
            return Err(self.out_of_range(expected));
        }
        Ok(n)
    }

    fn out_of_range(&self, expected: &str) -> Error {
        Error::data(self.at, format!("数值超出范围（应为{expected}）"))
    }

    /// The values of an object's members named in `keys`, taken out of it
    /// in that order (the other members are dropped; a repeated key keeps
    /// its last value): how an envelope is opened without copying its data.
    pub fn take_members<const N: usize>(self, keys: [&str; N]) -> Result<[Option<Node<'a>>; N], Error> {
        let members = match self.value {
            Value::Object(m) => m,
            _ => return Err(self.wrong_type("对象")),
        };
        let mut taken = [const { None }; N];
        for (key, node) in members {
            if let Some(i) = keys.iter().position(|k| *k == key) {
                taken[i] = Some(node);
            }
        }
        Ok(taken)
    }

    /// The members of an object.
    pub fn members(&self) -> Result<&[(std::borrow::Cow<'a, str>, Node<'a>)], Error> {
        match &self.value {
            Value::Object(m) => Ok(m),
            _ => Err(self.wrong_type("对象")),
        }
    }
}

impl FromJson for String {
    fn read_json(node: &Node<'_>) -> Result<Self, Error> {
        node.as_str().map(str::to_owned)
    }
}

impl FromJson for bool {
    fn read_json(node: &Node<'_>) -> Result<Self, Error> {
        match node.value {
            Value::Bool(b) => Ok(b),
            _ => Err(node.wrong_type("true 或 false")),
        }
    }
}

impl FromJson for u32 {
    fn read_json(node: &Node<'_>) -> Result<Self, Error> {
        node.integer(0, u32::MAX as i64).map(|n| n as u32)
    }
}

impl FromJson for u64 {
    fn read_json(node: &Node<'_>) -> Result<Self, Error> {
        node.integer(0, i64::MAX).map(|n| n as u64)
    }
}

impl FromJson for i64 {
    fn read_json(node: &Node<'_>) -> Result<Self, Error> {
        node.integer(-i64::MAX, i64::MAX)
    }
}

/// `null` is absent.
impl<T: FromJson> FromJson for Option<T> {
    fn read_json(node: &Node<'_>) -> Result<Self, Error> {
        match node.value {
            Value::Null => Ok(None),
            _ => T::read_json(node).map(Some),
        }
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn read_json(node: &Node<'_>) -> Result<Self, Error> {
        match &node.value {
            Value::Array(items) => items.iter().map(T::read_json).collect(),
            _ => Err(node.wrong_type("列表")),
        }
    }
}

/// An object with any keys; a repeated key keeps its last value.
impl<T: FromJson> FromJson for BTreeMap<String, T> {
    fn read_json(node: &Node<'_>) -> Result<Self, Error> {
        // Inserted one by one: collecting would sort first, with a sort
        // compiled for every value type.
        let mut map = BTreeMap::new();
        for (k, v) in node.members()? {
            map.insert(k.to_string(), T::read_json(v)?);
        }
        Ok(map)
    }
}

/// The members of an object read as a struct's fields.
pub struct Fields<'n, 'a> {
    node: &'n Node<'a>,
    members: &'n [(std::borrow::Cow<'a, str>, Node<'a>)],
}

impl<'n, 'a> Fields<'n, 'a> {
    /// The object's fields, refusing a field named twice, and with `strict`
    /// any field not in `known` (templates are strict so that a misspelt
    /// field is named rather than ignored; stored records are not).
    pub fn of(node: &'n Node<'a>, known: &[&str], strict: bool) -> Result<Self, Error> {
        let members = node.members()?;
        for (i, (key, value)) in members.iter().enumerate() {
            if !known.contains(&key.as_ref()) {
                if strict {
                    return Err(Error::unknown_field(value.at, key));
                }
            } else if members[..i].iter().any(|(k, _)| k == key) {
                return Err(Error::data(value.at, format!("字段重复 `{key}`")));
            }
        }
        Ok(Fields { node, members })
    }

    /// The field's value; `null` counts as absent.
    pub fn get(&self, key: &str) -> Option<&'n Node<'a>> {
        self.members
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
            .filter(|v| v.value != Value::Null)
    }

    pub fn required<T: FromJson>(&self, key: &str) -> Result<T, Error> {
        match self.get(key) {
            Some(v) => T::read_json(v),
            None => Err(self.missing(key)),
        }
    }

    pub fn optional<T: FromJson>(&self, key: &str) -> Result<Option<T>, Error> {
        self.get(key).map(T::read_json).transpose()
    }

    pub fn or_default<T: FromJson + Default>(&self, key: &str) -> Result<T, Error> {
        Ok(self.optional(key)?.unwrap_or_default())
    }

    /// The error for a field that must be there and is not.
    pub fn missing(&self, key: &str) -> Error {
        Error::data(self.node.at, format!("缺少字段 `{key}`"))
    }
}

#[cfg(test)]
mod tests {
    use super::super::{from_str, parse};
    use super::*;

    #[test]
    fn integers_are_whole_and_in_range() {
        assert_eq!(from_str::<u32>("42"), Ok(42));
        assert_eq!(from_str::<i64>("-1767225600000"), Ok(-1_767_225_600_000));
        let m = |t: &str| from_str::<u32>(t).unwrap_err().message;
        assert_eq!(m("1.5"), "数据类型不正确（应为不小于0的整数，实为小数）");
        assert_eq!(m("1e2"), "数据类型不正确（应为不小于0的整数，实为小数）");
        assert_eq!(m("-1"), "数值超出范围（应为不小于0的整数）");
        assert_eq!(m("4294967296"), "数值超出范围（应为不小于0的整数）");
        assert_eq!(m("\"3\""), "数据类型不正确（应为不小于0的整数，实为文字）");
        assert!(from_str::<i64>("99999999999999999999").is_err());
    }

    #[test]
    fn fields_name_what_is_missing_unknown_or_repeated() {
        let node = parse(r#"{"a":1,"b":null,"c":"x"}"#).unwrap();
        let f = Fields::of(&node, &["a", "b", "c"], true).unwrap();
        assert_eq!(f.required::<u32>("a"), Ok(1));
        assert_eq!(f.optional::<u32>("b"), Ok(None));
        assert_eq!(f.required::<u32>("b").unwrap_err().message, "缺少字段 `b`");
        assert_eq!(f.or_default::<String>("c"), Ok("x".into()));
        assert_eq!(f.or_default::<String>("d"), Ok(String::new()));

        let e = Fields::of(&node, &["a", "b"], true).err().unwrap();
        assert_eq!((e.message.as_str(), e.at), ("无法识别的字段 `c`", 20));
        assert!(Fields::of(&node, &["a", "b"], false).is_ok());
        let twice = parse(r#"{"a":1,"a":2}"#).unwrap();
        assert_eq!(Fields::of(&twice, &["a"], false).err().unwrap().message, "字段重复 `a`");
        let list = parse("[]").unwrap();
        assert_eq!(
            Fields::of(&list, &[], false).err().unwrap().message,
            "数据类型不正确（应为对象，实为列表）"
        );
    }

    #[test]
    fn an_envelope_gives_up_the_members_asked_for() {
        let node = parse(r#"{"kind":"x","data":[1],"other":2,"kind":"y"}"#).unwrap();
        let [kind, data, schema] = node.take_members(["kind", "data", "schema"]).unwrap();
        assert_eq!(
            kind.unwrap().value,
            Value::String("y".into()),
            "the last of a repeated key"
        );
        assert_eq!(data.unwrap().at, 19);
        assert_eq!(schema, None);
        assert!(parse("[]").unwrap().take_members(["kind"]).is_err());
    }

    #[test]
    fn maps_keep_every_key_and_lists_every_item() {
        let m: BTreeMap<String, Vec<bool>> = from_str(r#"{"b":[true],"a":[]}"#).unwrap();
        assert_eq!(m.keys().collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(m["b"], [true]);
    }
}
