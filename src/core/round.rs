//! 轮次: the period a self-check belongs to, e.g. 2026年上半年.

/// The half-year round a date falls in: months 1–6 are 上半年, 7–12 下半年.
pub fn half_year_round(year: i32, month: u32) -> String {
    let half = if month <= 6 { "上半年" } else { "下半年" };
    format!("{year}年{half}")
}
