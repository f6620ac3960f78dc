//! 新建自查: pick a checklist, say who and which round, start.

use crate::core::exchange::file_jobs::Job;
use crate::core::template::format::Period;
use crate::core::template::library::audience_first;
use crate::core::{Assessment, Audience, Respondent, Template};
use crate::files::Form;
use crate::files_module;
use crate::store;
use crate::ui::state::clock::{current_round, new_id, now_ms};
use crate::ui::state::library::use_library;
use crate::ui::state::role::use_role;
use crate::ui::state::route::Route;
use crate::ui::widgets::notice::{while_working, FormErrors, WorkingNotice};
use crate::ui::widgets::who_fields::WhoFields;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn StartForm(latest: Option<Assessment>) -> impl IntoView {
    let library = use_library();
    // Prefill who from the most recent self-check: the same person, usually.
    let who = latest.map(|a| a.respondent).unwrap_or_default();
    // Members see the member checklists first, secretaries the branch ones.
    let role = use_role();
    let ordered = move || ordered_for(role.get());
    let template_id = RwSignal::new(ordered_for(role.get_untracked())[0].id.clone());
    let problems = RwSignal::new(Vec::<String>::new());
    let working = RwSignal::new(None::<String>);
    let period_of = move |id: &str| library.newest(id).map_or(Period::default(), |t| t.period);
    let round = RwSignal::new(current_round(period_of(&template_id.get_untracked())));
    // The round follows the chosen checklist's period (2026年上半年 or
    // 2026年) until the member picks one.
    let round_picked = RwSignal::new(false);
    let choose_template = move |id: String| {
        if !round_picked.get_untracked() {
            round.set(current_round(period_of(&id)));
        }
        template_id.set(id);
    };
    // Another role: its checklists come first, and the first is chosen.
    Effect::new(move |before: Option<Audience>| {
        let now = role.get();
        if before.is_some_and(|b| b != now) {
            choose_template(ordered_for(now)[0].id.clone());
        }
        now
    });
    let unit = RwSignal::new(who.unit);
    let branch = RwSignal::new(who.branch);
    let name = RwSignal::new(who.name);

    let start = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(t) = library.newest(&template_id.get_untracked()) else {
            problems.set(vec!["请选择评分表".into()]);
            return;
        };
        let respondent = Respondent {
            unit: unit.get_untracked(),
            branch: branch.get_untracked(),
            name: name.get_untracked(),
        };
        match Assessment::start(new_id(), t, respondent, &round.get_untracked(), now_ms()) {
            Err(ps) => problems.set(ps.iter().map(|p| p.message().to_string()).collect()),
            Ok(a) => match store::save_assessment(&a) {
                Err(e) => problems.set(vec![e.to_string()]),
                Ok(()) => {
                    problems.set(vec![]);
                    Route::Check { id: a.id, section: 0 }.go();
                }
            },
        }
    };

    let export = move |form: Form| {
        let Some(t) = library.newest(&template_id.get_untracked()) else {
            return;
        };
        let template = t.clone();
        let job = match form {
            Form::Xlsx => Job::TemplateXlsx { template },
            Form::Csv => Job::TemplateCsv { template },
            Form::Json => Job::TemplateJson { template },
        };
        let name = format!("{}.{}", t.title, form.ext());
        let what = files_module::working_on(&job);
        spawn_local(async move {
            if let Err(e) = while_working(working, what, files_module::download(&name, form.mime(), job)).await {
                problems.set(vec![e.0]);
            }
        });
    };

    view! {
        <section class="panel start" aria-labelledby="start-h">
            <h2 id="start-h">"新建自查"</h2>
            <form on:submit=start novalidate>
                <label class="field template-field">
                    <span>"评分表"</span>
                    <select
                        aria-label="评分表"
                        prop:value=move || template_id.get()
                        on:change=move |ev| choose_template(event_target_value(&ev))
                    >
                        {move || {
                            ordered()
                                .into_iter()
                                .map(|t| {
                                    view! {
                                        <option value=t.id.clone() selected=t.id == template_id.get_untracked()>
                                            {format!(
                                                "{}（{}，{}项，满分{}）",
                                                t.title,
                                                t.audience.label(),
                                                t.item_count(),
                                                t.total,
                                            )}
                                        </option>
                                    }
                                })
                                .collect_view()
                        }}
                    </select>
                </label>
                <div class="export">
                    <span class="hint">"导出所选评分表："</span>
                    <button type="button" on:click=move |_| export(Form::Xlsx)>
                        "导出Excel"
                    </button>
                    <button type="button" on:click=move |_| export(Form::Csv)>
                        "导出CSV"
                    </button>
                    <button type="button" on:click=move |_| export(Form::Json)>
                        "导出JSON"
                    </button>
                </div>
                <WorkingNotice working=working />
                <WhoFields unit=unit branch=branch name=name round=round on_pick=move || round_picked.set(true) />
                <FormErrors problems=problems />
                <button type="submit" class="primary big">
                    "开始自查"
                </button>
            </form>
        </section>
    }
}

/// The checklists on offer with those for `role` first, each group in order.
fn ordered_for(role: Audience) -> Vec<&'static Template> {
    audience_first(use_library().offered(), role)
}
