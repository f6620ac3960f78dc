//! 我是: 党员, or 支部书记 / 支部委员 (see `ui::state::role`).

use crate::core::Audience;
use crate::ui::state::role::use_role;
use crate::ui::widgets::notice::ProblemNotice;
use leptos::prelude::*;

#[component]
pub fn RolePick() -> impl IntoView {
    let role = use_role();
    let problem = RwSignal::new(None::<String>);
    let pick = move |r: Audience| problem.set(role.set(r).err());
    let option = move |r: Audience, label: &'static str| {
        view! {
            <label>
                <input type="radio" name="role" prop:checked=move || role.get() == r on:change=move |_| pick(r) />
                {label}
            </label>
        }
    };
    view! {
        <section class="panel role-pick">
            <fieldset class="role">
                <legend>"我是"</legend>
                {option(Audience::Member, "党员")}
                {option(Audience::Branch, "支部书记 / 支部委员")}
            </fieldset>
            <p class="hint">
                {move || {
                    if role.reviews() {
                        "可审核党员发来的结果文件，并汇总全支部。支部的评分表排在前面。"
                    } else {
                        "填写自查，导出结果文件交给支部书记。支部书记请选“支部书记 / 支部委员”。"
                    }
                }}
            </p>
            <ProblemNotice problem=problem />
        </section>
    }
}
