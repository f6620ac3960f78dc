//! Components mounted on their own in headless Chromium, with the app's
//! context, and driven as a user drives them (as Leptos's `counters` example
//! tests its components): the item card, the editor and the round field.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use leptos::task::tick;
use mofan::core::template::builtin::builtins;
use mofan::core::{Assessment, Item, Respondent, Response, Template};
use mofan::store::{self, Loaded};
use mofan::ui::screens::editor::Editor;
use mofan::ui::state::kept::KeptCopies;
use mofan::ui::state::library::Library;
use mofan::ui::state::save_queue::SaveQueues;
use mofan::ui::widgets::item_card::ItemCard;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

fn member_template() -> &'static Template {
    builtins().iter().find(|t| t.id == "hege-dangyuan").unwrap()
}

fn item(id: &str) -> &'static Item {
    member_template().item(id).unwrap()
}

/// A stored, unanswered self-check of the member checklist.
fn stored(id: &str) -> Assessment {
    let who = Respondent {
        name: "测试员".into(),
        ..Default::default()
    };
    let a = Assessment::start(id.into(), member_template(), who, "2026年上半年", 1).unwrap();
    store::save_assessment(&a).unwrap();
    a
}

fn stored_response(id: &str, item: &str) -> Option<Response> {
    match store::load_assessment(id).unwrap() {
        Loaded::Found(a) => a.response(item).cloned(),
        other => panic!("{other:?}"),
    }
}

/// The contexts the app provides: the library, the role, 长辈模式, the copies kept aside, the save queues.
fn provide_app_state() -> SaveQueues {
    let library = Library::load(store::list_templates().unwrap_or_default().0);
    provide_context(library);
    provide_context(mofan::ui::state::role::Role::load());
    provide_context(mofan::ui::state::elder::ElderMode::load());
    let kept = KeptCopies::load();
    provide_context(kept);
    let queues = SaveQueues::new(kept);
    provide_context(queues);
    queues
}

/// A fresh element to mount into, and the page's storage emptied.
fn stage() -> HtmlElement {
    web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .clear()
        .unwrap();
    let doc = document();
    let host: HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    doc.body().unwrap().append_child(&host).unwrap();
    host
}

fn find(host: &HtmlElement, selector: &str) -> HtmlElement {
    host.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("{selector} is on screen"))
        .unchecked_into()
}

/// The radio button whose label reads `label`, in `host`.
fn choice(host: &HtmlElement, label: &str) -> HtmlInputElement {
    let labels = host.query_selector_all("label.choice").unwrap();
    (0..labels.length())
        .map(|i| labels.item(i).unwrap().unchecked_into::<HtmlElement>())
        .find(|l| l.text_content().unwrap_or_default().trim() == label)
        .unwrap_or_else(|| panic!("a choice {label}"))
        .query_selector("input")
        .unwrap()
        .unwrap()
        .unchecked_into()
}

#[wasm_bindgen_test]
async fn an_item_card_takes_an_answer_shows_its_points_stores_it_and_clears_it() {
    let host = stage();
    let a = stored("card-1");
    let response = RwSignal::new(None::<Response>);
    let _mounted = leptos::mount::mount_to(host.clone(), move || {
        provide_app_state().editing(a, false);
        view! { <ItemCard number="1.1".to_string() item=item("xue-1") response=response /> }
    });
    let earned = find(&host, "[data-testid=item-earned]");
    assert_eq!(earned.text_content().unwrap(), "未作答");

    choice(&host, "基本达标").click();
    tick().await;
    assert_eq!(response.get_untracked(), Some(Response::Partial));
    assert_eq!(earned.text_content().unwrap(), "得3分");
    assert!(find(&host, "label.choice.chosen")
        .text_content()
        .unwrap()
        .contains("基本达标"));
    assert_eq!(
        stored_response("card-1", "xue-1"),
        Some(Response::Partial),
        "written at once"
    );

    find(&host, "button.clear").click();
    tick().await;
    assert_eq!(earned.text_content().unwrap(), "未作答");
    assert_eq!(stored_response("card-1", "xue-1"), None);
}

#[wasm_bindgen_test]
async fn a_score_the_rule_cannot_take_is_refused_in_chinese_and_changes_nothing() {
    let host = stage();
    let a = stored("card-2");
    let response = RwSignal::new(None::<Response>);
    // 加分项: up to 5 points, 2.5 for each award.
    let _mounted = leptos::mount::mount_to(host.clone(), move || {
        provide_app_state().editing(a, false);
        view! { <ItemCard number="4.2".to_string() item=item("cu-b") response=response /> }
    });
    let input: HtmlInputElement = find(&host, "input[aria-label='加分（分）']").unchecked_into();
    for (typed, says) in [("999", "分数应在0到5分之间"), ("2", "分数应为2.5分的整数倍")] {
        input.set_value(typed);
        input.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
        tick().await;
        let problem = find(&host, "[role=alert]").text_content().unwrap();
        assert!(problem.contains(says), "{typed}: {problem}");
        assert_eq!(response.get_untracked(), None);
        assert_eq!(stored_response("card-2", "cu-b"), None);
    }

    input.set_value("2.5");
    input.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    tick().await;
    assert!(
        host.query_selector("[role=alert]").unwrap().is_none(),
        "the message goes"
    );
    assert_eq!(
        find(&host, "[data-testid=item-earned]").text_content().unwrap(),
        "加2.5分"
    );
}

#[wasm_bindgen_test]
async fn an_item_card_says_how_the_item_is_checked_and_shows_its_passage_on_demand() {
    let host = stage();
    let a = stored("card-3");
    let response = RwSignal::new(None::<Response>);
    let _mounted = leptos::mount::mount_to(host.clone(), move || {
        provide_app_state().editing(a, false);
        view! {
            <ItemCard number="1.1".to_string() item=item("xue-1") response=response />
            <ItemCard number="5.1".to_string() item=item("zz-1") response=RwSignal::new(None) />
        }
    });
    let cards = host.query_selector_all("article.item").unwrap();
    let card = |i: u32| cards.item(i).unwrap().unchecked_into::<HtmlElement>();
    assert!(find(&card(0), ".check-method")
        .text_content()
        .unwrap()
        .contains("自评说明"));
    assert!(find(&card(1), ".check-method")
        .text_content()
        .unwrap()
        .contains("查阅资料"));

    let details = find(&card(0), "details.source-quote");
    assert!(!details.has_attribute("open"), "the passage waits to be asked for");
    find(&card(0), "details.source-quote summary").click();
    tick().await;
    assert!(details.has_attribute("open"));
    let quote = find(&card(0), "details.source-quote blockquote")
        .text_content()
        .unwrap();
    assert_eq!(quote, "要重温初心，回答好“入党为什么，为党做什么”的问题");
    let cite = find(&card(0), "details.source-quote .cite").text_content().unwrap();
    assert!(cite.contains("两学一做") && cite.contains("一要始终打牢"), "{cite}");

    // A national rule is named as one, not passed off as a source document.
    let cite = find(&card(1), "details.source-quote .cite").text_content().unwrap();
    assert_eq!(cite, "《中国共产党章程》第八条（国家规定，不在本应用所附文件中）");
}

#[wasm_bindgen_test]
async fn the_editor_totals_answers_as_they_come_stores_them_and_moves_between_sections() {
    let host = stage();
    stored("editor-1");
    let _mounted = leptos::mount::mount_to(host.clone(), move || {
        provide_app_state();
        view! { <Editor id="editor-1".to_string() section=0 /> }
    });
    tick().await;
    let total = || find(&host, "[data-testid=total]").text_content().unwrap();
    let progress = || find(&host, "[data-testid=progress]").text_content().unwrap();
    assert_eq!(total(), "0");
    assert!(progress().starts_with("0/"), "{}", progress());

    // 学 section: 达标 on the first item (6 of 100 points).
    let first = find(&host, ".section .item");
    choice(&first, "达标").click();
    tick().await;
    assert_eq!(total(), "6");
    assert!(progress().starts_with("1/"), "{}", progress());
    assert_eq!(stored_response("editor-1", "xue-1"), Some(Response::Met));

    let next = host.query_selector_all(".section-steps button").unwrap();
    let next: HtmlElement = (0..next.length())
        .map(|i| next.item(i).unwrap().unchecked_into::<HtmlElement>())
        .find(|b| b.text_content().unwrap_or_default().contains("下一部分"))
        .unwrap();
    next.click();
    tick().await;
    let section = find(&host, ".section");
    assert_eq!(section.get_attribute("data-section").as_deref(), Some("zuo"));
    assert_eq!(total(), "6", "the total stays with the answers");
}

/// Chooses `value` in the select named `label`, as a user does (an input and a change event).
fn select(host: &HtmlElement, label: &str, value: &str) {
    let s: web_sys::HtmlSelectElement = find(host, &format!("select[aria-label='{label}']")).unchecked_into();
    s.set_value(value);
    s.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
}

#[wasm_bindgen_test]
async fn a_round_is_chosen_as_a_year_and_a_part_and_an_old_typed_one_waits_for_a_choice() {
    use mofan::ui::widgets::round_field::RoundField;
    let host = stage();
    // As an earlier version stored what was typed.
    let round = RwSignal::new("第一季度".to_string());
    let _mounted = leptos::mount::mount_to(host.clone(), move || view! { <RoundField round=round /> });
    tick().await;
    assert!(find(&host, ".round-typed").text_content().unwrap().contains("第一季度"));
    assert_eq!(round.get_untracked(), "第一季度", "kept until another is chosen");
    select(&host, "轮次：年份", "2025");
    tick().await;
    assert_eq!(round.get_untracked(), "2025年上半年");
    select(&host, "轮次：期间", "全年");
    tick().await;
    assert_eq!(round.get_untracked(), "2025年");
    assert!(host.query_selector(".round-typed").unwrap().is_none());
    select(&host, "轮次：期间", "下半年");
    tick().await;
    assert_eq!(round.get_untracked(), "2025年下半年");
}

/// Puts a stand-in for the browser's speech synthesis on the page (headless
/// Chromium has no voices): it has a voice of each of `langs` and keeps
/// what it is asked to say in `window.spoken`.
fn speech_with_voices(langs: &[&str]) {
    let langs = langs
        .iter()
        .map(|l| format!("{{ lang: '{l}', name: '{l}' }}"))
        .collect::<Vec<_>>()
        .join(",");
    js_sys::Function::new_no_args(&format!(
        "window.spoken = [];
         window.realSpeech ??= Object.getOwnPropertyDescriptor(window, 'speechSynthesis');
         Object.defineProperty(window, 'speechSynthesis', {{ configurable: true, value: {{
           getVoices: () => [{langs}],
           speak: (u) => window.spoken.push({{ text: u.text, lang: u.lang }}),
           cancel: () => {{}},
         }} }});"
    ))
    .call0(&JsValue::NULL)
    .unwrap();
}

/// What the stand-in was asked to say: `(lang, text)` each.
fn spoken() -> Vec<(String, String)> {
    let list = js_sys::Reflect::get(&web_sys::window().unwrap(), &"spoken".into()).unwrap();
    js_sys::Array::from(&list)
        .iter()
        .map(|u| {
            let field = |k: &str| js_sys::Reflect::get(&u, &k.into()).unwrap().as_string().unwrap();
            (field("lang"), field("text"))
        })
        .collect()
}

#[wasm_bindgen_test]
async fn elder_mode_shows_one_item_a_screen_takes_big_buttons_and_reads_aloud_in_chinese() {
    let host = stage();
    stored("elder-1");
    store::save_setting("elder", "on").unwrap();
    let _mounted = leptos::mount::mount_to(host.clone(), move || {
        provide_app_state();
        view! { <Editor id="elder-1".to_string() section=0 /> }
    });
    tick().await;
    let progress = || find(&host, "[data-testid=elder-progress]").text_content().unwrap();
    assert_eq!(progress(), "第 1 项，共 13 项");
    assert!(
        host.query_selector(".section .item").unwrap().is_none(),
        "one item a screen"
    );

    // The first big button: 达标, stored at once.
    find(&host, ".elder-choice input").click();
    tick().await;
    assert_eq!(stored_response("elder-1", "xue-1"), Some(Response::Met));
    assert!(find(&host, "[data-testid=elder-earned]")
        .text_content()
        .unwrap()
        .starts_with("已选：达标"));
    find(&host, "button.elder-next").click();
    tick().await;
    assert_eq!(progress(), "第 2 项，共 13 项");

    // 读给我听 asks for Chinese (zh-CN) and reads the item on screen.
    speech_with_voices(&["en-US", "zh-CN"]);
    let read = find(&host, "button.read-aloud-button");
    read.click();
    let said = spoken();
    assert_eq!(said.len(), 1);
    assert_eq!(said[0].0, "zh-CN");
    assert!(said[0].1.starts_with("第2项，共13项"), "{}", said[0].1);
    assert!(said[0].1.contains(&item("xue-2").title), "{}", said[0].1);
    assert!(said[0].1.contains("还没有选择"), "{}", said[0].1);

    // Without a Chinese voice the button says so and nothing is read.
    speech_with_voices(&["en-US"]);
    read.click();
    tick().await;
    assert!(spoken().is_empty(), "nothing read without a Chinese voice");
    assert_eq!(read.text_content().unwrap(), mofan::speech::NO_VOICE);
    // The browser's own again, for what comes after.
    js_sys::Function::new_no_args("Object.defineProperty(window, 'speechSynthesis', window.realSpeech)")
        .call0(&JsValue::NULL)
        .unwrap();
}
