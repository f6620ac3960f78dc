//! Names as people type and paste them. A name copied from a chat or a web
//! page can carry characters that take no room on screen (zero-width spaces
//! and joiners, direction marks, a byte-order mark): 张三 and 张\u{200b}三
//! read the same but are different text. Names are compared without them,
//! and the desk says where it found any.

/// Characters that show nothing: soft hyphen, zero-width spaces and joiners,
/// direction marks and isolates, word joiners, the byte-order mark.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// A name as it is compared and shown: without invisible characters, and
/// without spaces (the ideographic space too) at either end.
pub fn clean_name(name: &str) -> String {
    let visible: String = name.chars().filter(|&c| !is_invisible(c)).collect();
    visible.trim().to_string()
}

/// The invisible characters in `name`, written U+200B, in order.
pub fn invisible_in(name: &str) -> Vec<String> {
    name.chars()
        .filter(|&c| is_invisible(c))
        .map(|c| format!("U+{:04X}", c as u32))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_read_alike_compare_alike() {
        for name in [
            "张三",
            "张\u{200b}三",
            "张三\u{200d}",
            "\u{feff}张三",
            "　张三 ",
            "\u{2066}张三\u{2069}",
        ] {
            assert_eq!(clean_name(name), "张三", "{name:?}");
        }
        assert_ne!(clean_name("张 三"), "张三", "a space inside shows, and stays");
        assert_eq!(invisible_in("张\u{200b}三\u{200d}"), ["U+200B", "U+200D"]);
        assert!(invisible_in("张三").is_empty());
    }
}
