//! 单位, 支部, 姓名 and 轮次: who fills a self-check in, and which round, as
//! the start form and 修改填报信息 both ask them.

use crate::ui::widgets::round_field::RoundField;
use leptos::prelude::*;

#[component]
pub fn WhoFields(
    unit: RwSignal<String>,
    branch: RwSignal<String>,
    name: RwSignal<String>,
    round: RwSignal<String>,
    /// Called when the user picks a round.
    #[prop(optional, into)]
    on_pick: Option<Callback<()>>,
) -> impl IntoView {
    let text_field = move |label: &'static str, sig: RwSignal<String>, cls: &'static str, hint: &'static str| {
        view! {
            <label class=format!("field {cls}")>
                <span>{label}</span>
                <input
                    type="text"
                    placeholder=hint
                    prop:value=move || sig.get()
                    on:input=move |ev| sig.set(event_target_value(&ev))
                />
            </label>
        }
    };
    let round_field = match on_pick {
        Some(f) => view! { <RoundField round=round on_pick=f /> }.into_any(),
        None => view! { <RoundField round=round /> }.into_any(),
    };
    view! {
        <div class="field-row">
            {text_field("单位", unit, "unit", "例如：某某分行")}
            {text_field("支部", branch, "branch", "例如：办公室党支部")}
            {text_field("姓名", name, "name", "填报人姓名")} {round_field}
        </div>
    }
}
