//! Exact decimal points (分值), held as whole hundredths so that halves and
//! tenths never drift the way floating point does.

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

    /// Reads a decimal written in a file. Accepts at most two decimal places,
    /// so `2.5` and `0.25` are fine and `0.333` is refused.
    pub fn from_decimal(x: f64) -> Option<Self> {
        if !x.is_finite() || x.abs() > 1e12 {
            return None;
        }
        let h = (x * 100.0).round();
        if (h - x * 100.0).abs() > 1e-6 {
            return None;
        }
        Some(Points(h as i64))
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

    pub fn as_f64(self) -> f64 {
        self.0 as f64 / 100.0
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

impl Serialize for Points {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0 % 100 == 0 {
            s.serialize_i64(self.0 / 100)
        } else {
            s.serialize_f64(self.as_f64())
        }
    }
}

impl<'de> Deserialize<'de> for Points {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let x = f64::deserialize(d)?;
        // The message leaves out the number itself: formatting an f64 would
        // pull float printing into the wasm; serde reports line and column.
        Points::from_decimal(x).ok_or_else(|| serde::de::Error::custom("分值最多保留两位小数"))
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

impl Serialize for Fraction {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(self.0 as f64 / 100.0)
    }
}

impl<'de> Deserialize<'de> for Fraction {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let x = f64::deserialize(d)?;
        match Points::from_decimal(x) {
            Some(p) if (0..=100).contains(&p.hundredths()) => Ok(Fraction(p.hundredths() as u16)),
            _ => Err(serde::de::Error::custom("比例应在 0 到 1 之间，最多两位小数")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_halves_and_tenths_without_float_noise() {
        assert_eq!(
            Points::from_decimal(0.1).unwrap() + Points::from_decimal(0.2).unwrap(),
            Points::from_hundredths(30)
        );
        assert_eq!(Points::from_hundredths(30).to_string(), "0.3");
        assert_eq!(Points::from_hundredths(750).to_string(), "7.5");
        assert_eq!(Points::from_hundredths(1000).to_string(), "10");
        assert_eq!(Points::from_hundredths(8333).to_string(), "83.33");
        assert_eq!(Points::from_hundredths(-50).to_string(), "-0.5");
    }

    #[test]
    fn refuses_more_than_two_decimals() {
        assert!(Points::from_decimal(0.333).is_none());
        assert!(Points::from_decimal(f64::NAN).is_none());
        assert_eq!(Points::from_decimal(2.25), Some(Points::from_hundredths(225)));
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
    fn serde_keeps_whole_numbers_whole() {
        assert_eq!(serde_json::to_string(&Points::whole(4)).unwrap(), "4");
        assert_eq!(serde_json::to_string(&Points::from_hundredths(250)).unwrap(), "2.5");
        let p: Points = serde_json::from_str("2.5").unwrap();
        assert_eq!(p, Points::from_hundredths(250));
    }
}
