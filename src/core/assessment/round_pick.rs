//! 轮次 as it is chosen: a year and 上半年, 下半年 or 全年, written in one
//! form (2026年上半年, 2026年), so that rounds typed two ways by earlier
//! versions still compare as one.

use crate::core::basics::names::clean_name;
use crate::core::basics::typed::half_width_digits;
use crate::core::template::format::Period;

/// Which part of its year a round covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoundPart {
    FirstHalf,
    SecondHalf,
    WholeYear,
}

impl RoundPart {
    /// In the order they are offered.
    pub const ALL: [RoundPart; 3] = [RoundPart::FirstHalf, RoundPart::SecondHalf, RoundPart::WholeYear];

    pub fn label(self) -> &'static str {
        match self {
            RoundPart::FirstHalf => "上半年",
            RoundPart::SecondHalf => "下半年",
            RoundPart::WholeYear => "全年",
        }
    }

    /// The part a month (1–12) falls in for a checklist of `period`.
    pub fn of_month(period: Period, month: u32) -> RoundPart {
        match period {
            Period::Year => RoundPart::WholeYear,
            Period::HalfYear if month <= 6 => RoundPart::FirstHalf,
            Period::HalfYear => RoundPart::SecondHalf,
        }
    }
}

/// A round as it is chosen: a year and a part of it. Chosen, not typed, so
/// that 2026上半年 and 2026年上半年 can never become two rounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoundPick {
    pub year: i32,
    pub part: RoundPart,
}

impl RoundPick {
    /// The round a date falls in for a checklist of `period`.
    pub fn of_date(period: Period, year: i32, month: u32) -> RoundPick {
        RoundPick {
            year,
            part: RoundPart::of_month(period, month),
        }
    }

    /// Reads a round as people have typed it: 2026年上半年, 2026上半年,
    /// ２０２６年 上半年, 2026年, 2026年全年, 2026年度. `None` for anything
    /// else (such a round, typed by an earlier version, is kept as it is).
    pub fn parse(text: &str) -> Option<RoundPick> {
        let text: String = half_width_digits(&clean_name(text))
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let digits = text.chars().take_while(char::is_ascii_digit).count();
        if digits != 4 {
            return None;
        }
        let year: i32 = text[..4].parse().ok().filter(|y| (1949..=2200).contains(y))?;
        let rest = text[4..].strip_prefix('年').unwrap_or(&text[4..]);
        let part = match rest {
            "上半年" => RoundPart::FirstHalf,
            "下半年" => RoundPart::SecondHalf,
            "" | "全年" | "度" => RoundPart::WholeYear,
            _ => return None,
        };
        Some(RoundPick { year, part })
    }

    /// 2026年上半年, 2026年下半年, or 2026年 for the whole year.
    pub fn label(&self) -> String {
        match self.part {
            RoundPart::WholeYear => format!("{}年", self.year),
            part => format!("{}年{}", self.year, part.label()),
        }
    }
}

/// The years a round is chosen from, newest first: next year, this year
/// and the five before, and the year of a round already chosen outside them.
pub fn years_on_offer(this_year: i32, chosen: Option<i32>) -> Vec<i32> {
    let mut years: Vec<i32> = (this_year - 5..=this_year + 1).rev().collect();
    if let Some(y) = chosen.filter(|y| !years.contains(y)) {
        years.push(y);
        crate::core::basics::sorted::sort_by(&mut years, |a, b| b.cmp(a));
    }
    years
}

/// A round in the one form every self-check and the desk compare it in:
/// what [`RoundPick::parse`] reads, as [`RoundPick::label`] writes it;
/// anything else as it reads, without invisible characters.
pub fn canonical_round(text: &str) -> String {
    RoundPick::parse(text).map_or_else(|| clean_name(text), |r| r.label())
}

/// The round a date falls in for a checklist of `period`: 2026年上半年 for a
/// half-year checklist, 2026年 for a yearly one.
pub fn round_for(period: Period, year: i32, month: u32) -> String {
    RoundPick::of_date(period, year, month).label()
}
