//! 新建自查: pick a checklist, say who and which round, start.

use crate::core::exchange::file_jobs::Job;
use crate::core::template::format::Period;
use crate::core::template::library::audience_first;
use crate::core::{Assessment, Audience, Respondent, Template};
use crate::files_module;
use crate::store;
use crate::ui::state::clock::{current_round, new_id, now_ms};
use crate::ui::state::library::use_library;
use crate::ui::state::route::Route;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn StartForm(latest: Option<Assessment>) -> impl IntoView {
    let library = use_library();
    // Prefill who from the most recent self-check: the same person, usually.
    let who = latest.map(|a| a.respondent).unwrap_or_default();
    // Members see the member checklists first, secretaries the branch ones.
    let role = RwSignal::new(match store::load_setting("role").as_deref() {
        Some("branch") => Audience::Branch,
        _ => Audience::Member,
    });
    let ordered = move || ordered_for(role.get());
    let template_id = RwSignal::new(ordered_for(role.get_untracked())[0].id.clone());
    let problems = RwSignal::new(Vec::<String>::new());
    // The round is offered in the chosen checklist's period (2026年上半年 or
    // 2026年); one the member has typed stays when another checklist is picked.
    let period_of = move |id: &str| library.newest(id).map_or(Period::default(), |t| t.period);
    let round = RwSignal::new(current_round(period_of(&template_id.get_untracked())));
    let choose_template = move |id: String| {
        let offered = current_round(period_of(&template_id.get_untracked()));
        if round.get_untracked() == offered {
            round.set(current_round(period_of(&id)));
        }
        template_id.set(id);
    };
    let pick_role = move |r: Audience| {
        role.set(r);
        choose_template(ordered_for(r)[0].id.clone());
        let saved = store::save_setting("role", if r == Audience::Branch { "branch" } else { "member" });
        if let Err(e) = saved {
            problems.set(vec![format!("无法记住“我是”的选择：{e}")]);
        }
    };
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

    let export = move |as_csv: bool| {
        let Some(t) = library.newest(&template_id.get_untracked()) else {
            return;
        };
        let template = t.clone();
        let (name, mime, job) = if as_csv {
            (
                format!("{}.csv", t.title),
                "text/csv;charset=utf-8",
                Job::TemplateCsv { template },
            )
        } else {
            (
                format!("{}.json", t.title),
                "application/json",
                Job::TemplateJson { template },
            )
        };
        spawn_local(async move {
            if let Err(e) = files_module::download(&name, mime, job).await {
                problems.set(vec![e.0]);
            }
        });
    };

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

    view! {
        <section class="panel start" aria-labelledby="start-h">
            <h2 id="start-h">"新建自查"</h2>
            <form on:submit=start novalidate>
                <fieldset class="role">
                    <legend>"我是"</legend>
                    <label>
                        <input
                            type="radio"
                            name="role"
                            prop:checked=move || role.get() == Audience::Member
                            on:change=move |_| pick_role(Audience::Member)
                        />
                        "党员"
                    </label>
                    <label>
                        <input
                            type="radio"
                            name="role"
                            prop:checked=move || role.get() == Audience::Branch
                            on:change=move |_| pick_role(Audience::Branch)
                        />
                        "支部书记 / 支部委员"
                    </label>
                </fieldset>
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
                    <button type="button" on:click=move |_| export(false)>
                        "导出JSON"
                    </button>
                    <button type="button" on:click=move |_| export(true)>
                        "导出CSV（Excel）"
                    </button>
                </div>
                <div class="field-row">
                    {text_field("单位", unit, "unit", "例如：某某分行")}
                    {text_field("支部", branch, "branch", "例如：办公室党支部")}
                    {text_field("姓名", name, "name", "填报人姓名")}
                    {text_field("轮次", round, "round", "例如：2026年上半年，或2026年")}
                </div>
                {move || {
                    let ps = problems.get();
                    (!ps.is_empty())
                        .then(|| {
                            view! {
                                <div class="form-errors" role="alert">
                                    <ul>{ps.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                                </div>
                            }
                        })
                }}
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
