//! Messages a form or a panel shows: one problem (an alert, while there is
//! one), or the list of what stops a form.

use leptos::prelude::*;

/// The problem in `problem`, said as an alert, while there is one.
#[component]
pub fn ProblemNotice(problem: RwSignal<Option<String>>) -> impl IntoView {
    move || {
        problem.get().map(|p| {
            view! {
                <p class="notice error" role="alert">
                    {p}
                </p>
            }
        })
    }
}

/// What stops a form, as a list in one alert; nothing when the list is empty.
#[component]
pub fn FormErrors(problems: RwSignal<Vec<String>>) -> impl IntoView {
    move || {
        let ps = problems.get();
        (!ps.is_empty()).then(|| {
            view! {
                <div class="form-errors" role="alert">
                    <ul>{ps.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                </div>
            }
        })
    }
}
