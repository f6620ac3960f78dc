//! Text as a Chinese input method types it: full-width digits and the
//! full-width point (３．５) stand for their ASCII forms.

/// The text with full-width digits and the full-width point read as their ASCII forms.
pub fn half_width_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' | '。' => '.',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_digits_read_as_ascii() {
        assert_eq!(half_width_digits("３．５"), "3.5");
        assert_eq!(half_width_digits("２０２６年"), "2026年");
        assert_eq!(half_width_digits("abc"), "abc");
    }
}
