//! The big buttons of 长辈模式: each item's answers as a short list of
//! choices in plain words, or none where the answer must be typed.

use mofan::core::assessment::choices::choices;
use mofan::core::template::builtin::builtins;
use mofan::core::{Item, Response};

fn item(json: &str) -> Item {
    serde_json::from_str(json).expect("a valid item")
}

fn labels(i: &Item) -> Vec<String> {
    choices(i)
        .expect("offered as buttons")
        .into_iter()
        .map(|c| c.label)
        .collect()
}

#[test]
fn a_check_and_a_ladder_offer_their_answers_with_what_each_earns() {
    let check = item(r#"{"id":"a","title":"t","points":6,"rule":{"kind":"check","partial":0.5}}"#);
    assert_eq!(
        labels(&check),
        [
            "达标（得6分）",
            "基本达标（得3分）",
            "未达标（不得分）",
            "不适用（本项不计分）"
        ]
    );
    let ladder = item(
        r#"{"id":"b","title":"t","points":10,"allow_na":false,"rule":{"kind":"ladder","steps":[
            {"name":"好","points":10},{"name":"一般","points":5},{"name":"差","points":0}]}}"#,
    );
    assert_eq!(
        labels(&ladder),
        ["好（得10分）", "一般（得5分）", "差（不得分）"],
        "no 不适用 where the item refuses it"
    );
    let veto = item(r#"{"id":"v","title":"t","points":0,"allow_na":false,"rule":{"kind":"veto"}}"#);
    assert_eq!(labels(&veto), ["未触发（不影响等次）", "触发一票否决（等次定为最低）"]);
}

#[test]
fn a_count_with_a_limit_is_every_count_up_to_it_and_a_bonus_each_step() {
    let deduction =
        item(r#"{"id":"d","title":"t","points":6,"allow_na":false,"rule":{"kind":"deduction","per":2,"max_count":4}}"#);
    let offered = choices(&deduction).unwrap();
    assert_eq!(
        offered.iter().map(|c| c.label.as_str()).collect::<Vec<_>>(),
        [
            "没有发生（0次，不扣分）",
            "1次（扣2分）",
            "2次（扣4分）",
            "3次（扣完6分为止）",
            "4次（扣完6分为止）"
        ]
    );
    assert_eq!(offered[4].response, Response::Count(4));
    let bonus = item(r#"{"id":"e","title":"t","points":5,"rule":{"kind":"bonus","step":2.5}}"#);
    assert_eq!(
        labels(&bonus),
        ["不加分", "加2.5分", "加5分"],
        "never 不适用 on a bonus"
    );
    let free = item(r#"{"id":"f","title":"t","points":2,"allow_na":false,"rule":{"kind":"free","step":0.5}}"#);
    assert_eq!(labels(&free), ["2分", "1.5分", "1分", "0.5分", "0分"], "best first");
}

#[test]
fn answers_that_are_no_short_list_are_typed() {
    for json in [
        r#"{"id":"d","title":"t","points":6,"rule":{"kind":"deduction","per":1}}"#,
        r#"{"id":"f","title":"t","points":20,"rule":{"kind":"free","step":0.5}}"#,
        r#"{"id":"p","title":"t","points":10,"rule":{"kind":"poll","steps":[{"name":"好","points":10},{"name":"差","points":0}]}}"#,
    ] {
        assert!(choices(&item(json)).is_none(), "{json}");
    }
}

#[test]
fn every_choice_of_every_built_in_item_is_an_answer_its_rule_takes() {
    let mut offered = 0;
    for t in builtins() {
        for i in t.items() {
            let Some(list) = choices(i) else { continue };
            offered += 1;
            let mut seen = std::collections::HashSet::new();
            for c in &list {
                assert_eq!(c.response.check_fits(i), Ok(()), "{} {}: {}", t.id, i.id, c.label);
                assert!(seen.insert(c.label.clone()), "{} {}: {} twice", t.id, i.id, c.label);
            }
            assert!(list.len() >= 2, "{} {}: a choice needs another", t.id, i.id);
        }
    }
    assert!(offered > 100, "most built-in items are answered by buttons ({offered})");
}

#[test]
fn read_aloud_says_where_the_member_is_the_item_its_scoring_the_answers_and_the_choice() {
    use mofan::core::assessment::spoken::{criteria, read_aloud};
    let check = item(r#"{"id":"a","title":"按时参加组织生活","points":6,"rule":{"kind":"check","partial":0.5}}"#);
    // No 评分标准 in the table: the rule in words stands for it, said once.
    assert_eq!(criteria(&check), "达标得6分，基本达标得3分，未达标不得分");
    assert_eq!(
        read_aloud(2, 13, "一、学", &check, None),
        "第2项，共13项。一、学。按时参加组织生活。评分标准：达标得6分，基本达标得3分，未达标不得分。\
         可以选：达标（得6分）；基本达标（得3分）；未达标（不得分）；不适用（本项不计分）。还没有选择。"
    );
    let written = item(
        r#"{"id":"b","title":"交纳党费","points":5,"allow_na":false,"criteria":"按月足额交纳","rule":{"kind":"deduction","per":1}}"#,
    );
    let said = read_aloud(13, 13, "五、组织", &written, Some(&Response::Count(2)));
    assert!(said.contains("评分标准：按月足额交纳。计分："), "{said}");
    assert!(!said.contains("可以选"), "a typed answer offers no list: {said}");
    assert!(said.ends_with("现在选的是：2次。"), "{said}");
}
