//! Numbers the way printed Chinese tables write section headings: 一、二、… 十一.

/// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五; 0 and 100+ stay in digits.
pub fn chinese_number(n: usize) -> String {
    const DIGITS: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => DIGITS[n].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", DIGITS[n - 10]),
        20..=99 if n.is_multiple_of(10) => format!("{}十", DIGITS[n / 10]),
        20..=99 => format!("{}十{}", DIGITS[n / 10], DIGITS[n % 10]),
        _ => n.to_string(),
    }
}

/// A section's heading as printed: `(0, "组织建设")` → `一、组织建设`.
pub fn section_heading(index: usize, title: &str) -> String {
    format!("{}、{title}", chinese_number(index + 1))
}

/// An item's number within its section, from 1: `(1, 2)` → `2.3`.
pub fn item_number(section_index: usize, item_index: usize) -> String {
    format!("{}.{}", section_index + 1, item_index + 1)
}

#[cfg(test)]
mod tests {
    use super::{chinese_number, item_number, section_heading};

    #[test]
    fn headings_and_item_numbers_count_from_one() {
        assert_eq!(section_heading(0, "组织建设"), "一、组织建设");
        assert_eq!(section_heading(10, "其他"), "十一、其他");
        assert_eq!(item_number(1, 2), "2.3");
    }

    #[test]
    fn section_numbers_read_as_in_printed_tables() {
        let got: Vec<String> = [1, 6, 10, 11, 19, 20, 21, 99, 0, 100]
            .into_iter()
            .map(chinese_number)
            .collect();
        assert_eq!(
            got,
            ["一", "六", "十", "十一", "十九", "二十", "二十一", "九十九", "0", "100"]
        );
    }
}
