//! An item in plain words, as 长辈模式 shows it and 读给我听 says it: its
//! 评分标准 (the table's own words, or the rule's where it has none), and
//! the words read aloud.

use crate::core::assessment::answers::Response;
use crate::core::assessment::choices::choices;
use crate::core::template::format::Item;

/// The item's 评分标准: as its table writes it, or else its rule in words.
pub fn criteria(item: &Item) -> String {
    if item.criteria.is_empty() {
        item.rule.describe(item.points)
    } else {
        item.criteria.clone()
    }
}

/// What 读给我听 says of `item`, the `place`-th of `total` (from 1), in
/// part `part`: where the member is, the item, how it is scored, the
/// answers to choose from and the one chosen.
pub fn read_aloud(place: usize, total: usize, part: &str, item: &Item, chosen: Option<&Response>) -> String {
    let criteria = criteria(item);
    let scoring = item.rule.describe(item.points);
    let mut text = format!(
        "第{place}项，共{total}项。{part}。{}。评分标准：{criteria}。",
        item.title
    );
    if criteria != scoring {
        text.push_str(&format!("计分：{scoring}。"));
    }
    if let Some(list) = choices(item) {
        let names: Vec<&str> = list.iter().map(|c| c.label.as_str()).collect();
        text.push_str(&format!("可以选：{}。", names.join("；")));
    }
    match chosen {
        Some(r) => text.push_str(&format!("现在选的是：{}。", r.label())),
        None => text.push_str("还没有选择。"),
    }
    text
}
