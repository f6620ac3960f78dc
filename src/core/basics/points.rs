//! Exact decimal points (分值), held as whole hundredths so that halves and
//! tenths never drift the way floating point does.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::ops::{Add, AddAssign, Sub};

/// A score or a maximum, in hundredths of a point: `Points(250)` is 2.5 分.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Points(i64);

impl Points {
    pub const ZERO: Points = Points(0);

    pub const fn from_hundredths(h: i64) -> Self {
        Points(h)
    }

    pub const fn whole(n: i64) -> Self {
        Points(n * 100)
    }

    pub const fn hundredths(self) -> i64 {
        self.0
    }

    /// Reads a JSON number exactly, without going through floating point:
    /// `2.5`, `0.25`, `2.50` and `25e-1` are 2.5; `0.333` (more than two
    /// decimal places) and anything beyond a trillion are `None`.
    pub fn from_json_number(text: &str) -> Option<Self> {
        let (negative, text) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (mantissa, exponent) = match text.split_once(['e', 'E']) {
            Some((m, e)) => (m, e.parse::<i32>().ok()?),
            None => (text, 0),
        };
        let (whole, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        if whole.is_empty() || !whole.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
            return None;
        }
        // The value is `digits × 10^scale` hundredths.
        let digits = || whole.bytes().chain(frac.bytes()).map(|b| (b - b'0') as i64);
        let scale = exponent.checked_add(2)?.checked_sub(i32::try_from(frac.len()).ok()?)?;
        let cut = usize::try_from(-scale).unwrap_or(0);
        let count = whole.len() + frac.len();
        if cut > count {
            // Every digit is below a hundredth: only zero is exact.
            return digits().all(|d| d == 0).then_some(Points::ZERO);
        }
        if digits().skip(count - cut).any(|d| d != 0) {
            return None;
        }
        const LIMIT: i64 = 100_000_000_000_000; // 1e12 points
        let mut h: i64 = 0;
        for d in digits().take(count - cut) {
            h = h * 10 + d;
            if h > LIMIT {
                return None;
            }
        }
        if h == 0 {
            return Some(Points::ZERO);
        }
        for _ in 0..scale.max(0) {
            h *= 10;
            if h > LIMIT {
                return None;
            }
        }
        Some(Points(if negative { -h } else { h }))
    }

    /// Reads what a user typed: `7`, `7.5`, `0.25`, with `．` or `,` accepted
    /// as the decimal point. No sign, at most two decimals; anything else is `None`.
    pub fn parse(text: &str) -> Option<Self> {
        let t = text.trim();
        let (whole, frac) = match t.find(['.', '．', ',']) {
            Some(i) => {
                let sep_len = t[i..].chars().next().map_or(1, char::len_utf8);
                (&t[..i], &t[i + sep_len..])
            }
            None => (t, ""),
        };
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if (whole.is_empty() && frac.is_empty())
            || !digits(whole)
            || !digits(frac)
            || frac.len() > 2
            || whole.len() > 12
        {
            return None;
        }
        let w: i64 = if whole.is_empty() { 0 } else { whole.parse().ok()? };
        let f: i64 = match frac.len() {
            0 => 0,
            1 => frac.parse::<i64>().ok()? * 10,
            _ => frac.parse().ok()?,
        };
        Some(Points(w * 100 + f))
    }

    /// `self × num ÷ den`, rounded half away from zero to the hundredth.
    pub fn mul_div(self, num: i64, den: i64) -> Self {
        assert!(den != 0, "mul_div by zero");
        let n = self.0 as i128 * num as i128;
        let d = den as i128;
        let q = (2 * n.abs() + d.abs()) / (2 * d.abs());
        let sign = if (n < 0) != (d < 0) { -1 } else { 1 };
        Points((sign * q) as i64)
    }

    /// `self × fraction`, where the fraction is itself in hundredths.
    pub fn scale(self, fraction: Fraction) -> Self {
        self.mul_div(fraction.hundredths() as i64, 100)
    }
}

impl fmt::Display for Points {
    /// `10`, `7.5`, `83.33`: no trailing zeros, no float noise.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let a = self.0.unsigned_abs();
        let (whole, frac) = (a / 100, a % 100);
        match frac {
            0 => write!(f, "{sign}{whole}"),
            f10 if f10 % 10 == 0 => write!(f, "{sign}{whole}.{}", f10 / 10),
            _ => write!(f, "{sign}{whole}.{frac:02}"),
        }
    }
}

impl Add for Points {
    type Output = Points;
    fn add(self, rhs: Points) -> Points {
        Points(self.0 + rhs.0)
    }
}

impl AddAssign for Points {
    fn add_assign(&mut self, rhs: Points) {
        self.0 += rhs.0;
    }
}

impl Sub for Points {
    type Output = Points;
    fn sub(self, rhs: Points) -> Points {
        Points(self.0 - rhs.0)
    }
}

impl std::iter::Sum for Points {
    fn sum<I: Iterator<Item = Points>>(iter: I) -> Points {
        iter.fold(Points::ZERO, Add::add)
    }
}

/// A JSON number with exactly this text. serde_json's `arbitrary_precision`
/// writes it as given, so a score goes out as its shortest decimal (`2.5`,
/// `83.33`) without ever being a float.
fn exact_number(text: &str) -> serde_json::Number {
    // Display of Points and Fraction always writes a valid JSON number.
    text.parse().unwrap_or_else(|_| serde_json::Number::from(0))
}

/// The text of a JSON number, exactly as written in the file.
fn number_text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(serde_json::Number::deserialize(d)?.as_str().to_owned())
}

/// Written as the shortest decimal: `4`, `2.5`, `83.33`.
impl Serialize for Points {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0 % 100 == 0 {
            s.serialize_i64(self.0 / 100)
        } else {
            exact_number(&self.to_string()).serialize(s)
        }
    }
}

/// Read from the number's own text, never through a float: anything that is
/// not a whole number of hundredths is refused, not rounded.
impl<'de> Deserialize<'de> for Points {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Points::from_json_number(&number_text(d)?).ok_or_else(|| D::Error::custom("分值最多保留两位小数"))
    }
}

/// A share of an item's points between 0 and 1, in hundredths (0.5 → 50).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fraction(u16);

impl Fraction {
    pub const HALF: Fraction = Fraction(50);

    pub const fn from_hundredths(h: u16) -> Self {
        Fraction(h)
    }

    pub const fn hundredths(self) -> u16 {
        self.0
    }
}

impl Default for Fraction {
    fn default() -> Self {
        Fraction::HALF
    }
}

/// Written as a decimal that is always a fraction: `0.5`, and `0.0` and
/// `1.0` for the ends (as the first releases wrote them, which file
/// checksums keep).
impl Serialize for Fraction {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let text = match self.0 {
            0 => "0.0".to_string(),
            100 => "1.0".to_string(),
            h => Points(h as i64).to_string(),
        };
        exact_number(&text).serialize(s)
    }
}

impl<'de> Deserialize<'de> for Fraction {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match Points::from_json_number(&number_text(d)?) {
            Some(p) if (0..=100).contains(&p.hundredths()) => Ok(Fraction(p.hundredths() as u16)),
            _ => Err(D::Error::custom("比例应在 0 到 1 之间，最多两位小数")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_halves_and_tenths_without_float_noise() {
        assert_eq!(
            Points::from_json_number("0.1").unwrap() + Points::from_json_number("0.2").unwrap(),
            Points::from_hundredths(30)
        );
        assert_eq!(Points::from_hundredths(30).to_string(), "0.3");
        assert_eq!(Points::from_hundredths(750).to_string(), "7.5");
        assert_eq!(Points::from_hundredths(1000).to_string(), "10");
        assert_eq!(Points::from_hundredths(8333).to_string(), "83.33");
        assert_eq!(Points::from_hundredths(-50).to_string(), "-0.5");
    }

    #[test]
    fn reads_json_numbers_exactly_and_refuses_more_than_two_decimals() {
        let h = |t: &str| Points::from_json_number(t).map(Points::hundredths);
        for (text, hundredths) in [
            ("2.25", 225),
            ("2.50", 250),
            ("-0.5", -50),
            ("10", 1000),
            ("0", 0),
            ("-0", 0),
            ("25e-1", 250),
            ("0.0025E3", 250),
            ("1E2", 10000),
            ("0.000", 0),
            ("0e-400", 0),
            ("0e2000000000", 0),
            ("1000000000000", 100_000_000_000_000),
        ] {
            assert_eq!(h(text), Some(hundredths), "{text}");
        }
        for bad in [
            "0.333",
            "0.001",
            "1e-3",
            "1000000000000.01",
            "1e13",
            "1e99999999999",
            "0.1e-2",
            "",
            "x",
            "1.x",
            ".5",
        ] {
            assert_eq!(h(bad), None, "{bad}");
        }
    }

    #[test]
    fn parses_what_users_type() {
        assert_eq!(Points::parse("7"), Some(Points::whole(7)));
        assert_eq!(Points::parse(" 7.5 "), Some(Points::from_hundredths(750)));
        assert_eq!(Points::parse("0.25"), Some(Points::from_hundredths(25)));
        assert_eq!(Points::parse(".5"), Some(Points::from_hundredths(50)));
        assert_eq!(Points::parse("3．5"), Some(Points::from_hundredths(350)));
        assert_eq!(Points::parse("3,5"), Some(Points::from_hundredths(350)));
        for bad in ["", ".", "-1", "1.234", "abc", "1e3", "1.2.3", "９"] {
            assert_eq!(Points::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn mul_div_rounds_half_up() {
        // 50 of 60 applicable points on a 100 scale = 83.333… → 83.33
        assert_eq!(Points::whole(50).mul_div(100, 60), Points::from_hundredths(8333));
        // 1 of 3 halves → 0.1666… of a point → 0.17
        assert_eq!(Points::from_hundredths(50).mul_div(1, 3), Points::from_hundredths(17));
        assert_eq!(
            Points::from_hundredths(5).scale(Fraction::HALF),
            Points::from_hundredths(3)
        );
    }

    #[test]
    fn json_keeps_whole_numbers_whole_and_shares_fractional() {
        use serde_json::{from_str, to_string};
        let text = |p: Points| to_string(&p).unwrap();
        assert_eq!(text(Points::whole(4)), "4");
        assert_eq!(text(Points::from_hundredths(250)), "2.5");
        assert_eq!(text(Points::from_hundredths(-5)), "-0.05");
        assert_eq!(text(Points::from_hundredths(2905)), "29.05");
        assert_eq!(from_str::<Points>("2.5").unwrap(), Points::from_hundredths(250));
        assert_eq!(from_str::<Points>("25e-1").unwrap(), Points::from_hundredths(250));
        assert_eq!(to_string(&Fraction::from_hundredths(100)).unwrap(), "1.0");
        assert_eq!(to_string(&Fraction::from_hundredths(0)).unwrap(), "0.0");
        assert_eq!(to_string(&Fraction::from_hundredths(5)).unwrap(), "0.05");
        assert_eq!(from_str::<Fraction>("1.0").unwrap(), Fraction::from_hundredths(100));
        let e = from_str::<Fraction>("1.5").unwrap_err();
        assert!(e.to_string().starts_with("比例应在 0 到 1 之间，最多两位小数"), "{e}");
    }

    #[test]
    fn a_score_that_a_float_would_round_is_refused() {
        use serde_json::from_str;
        // 1.0000000000000001 is the float 1.0; read as text it is not a hundredth.
        for bad in ["1.0000000000000001", "0.333", "2.005", "1e-3"] {
            let e = from_str::<Points>(bad).unwrap_err();
            assert!(e.to_string().starts_with("分值最多保留两位小数"), "{bad}: {e}");
        }
        assert_eq!(from_str::<Points>("0.29").unwrap(), Points::from_hundredths(29));
        assert!(from_str::<Points>("\"3\"").is_err());
    }
}
