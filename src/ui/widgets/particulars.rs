//! 填报信息: 单位, 支部, 姓名 and 轮次 of a self-check, corrected after it
//! started. Cleaned and checked as at the start (`Assessment::set_particulars`);
//! the answers stay as they are.

use crate::core::Respondent;
use crate::ui::state::clock::now_ms;
use crate::ui::state::save_queue::Editing;
use crate::ui::widgets::notice::FormErrors;
use crate::ui::widgets::who_fields::WhoFields;
use leptos::prelude::*;

#[component]
pub fn Particulars(
    /// Who and which round, as the header shows them; updated when saved.
    shown: RwSignal<(Respondent, String)>,
) -> impl IntoView {
    let Editing { queue, .. } = expect_context();
    let open = RwSignal::new(false);
    let problems = RwSignal::new(Vec::<String>::new());
    let (who, round) = shown.get_untracked();
    let unit = RwSignal::new(who.unit);
    let branch = RwSignal::new(who.branch);
    let name = RwSignal::new(who.name);
    let round = RwSignal::new(round);
    let start_editing = move |_| {
        let (who, r) = shown.get_untracked();
        unit.set(who.unit);
        branch.set(who.branch);
        name.set(who.name);
        round.set(r);
        problems.set(Vec::new());
        open.set(true);
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let who = Respondent {
            unit: unit.get_untracked(),
            branch: branch.get_untracked(),
            name: name.get_untracked(),
        };
        let r = round.get_untracked();
        let result = queue.with_value(|q| q.change_now(|a| a.set_particulars(who, &r, now_ms())));
        match result {
            Err(ps) => problems.set(ps.iter().map(|p| p.message().to_string()).collect()),
            Ok(()) => {
                shown.set(queue.with_value(|q| q.read(|a| (a.respondent.clone(), a.round.clone()))));
                open.set(false);
            }
        }
    };
    view! {
        <Show
            when=move || open.get()
            fallback=move || {
                view! {
                    <button type="button" class="link fix-particulars" on:click=start_editing>
                        "修改填报信息"
                    </button>
                }
            }
        >
            <form class="particulars" on:submit=save novalidate aria-label="修改填报信息">
                <WhoFields unit=unit branch=branch name=name round=round />
                <FormErrors problems=problems />
                <div class="actions">
                    <button type="submit" class="primary">
                        "保存填报信息"
                    </button>
                    <button type="button" on:click=move |_| open.set(false)>
                        "取消"
                    </button>
                </div>
            </form>
        </Show>
    }
}
