//! Messages a form or a panel shows: one problem (an alert, while there is
//! one), or the list of what stops a form.

use leptos::prelude::*;

/// The problem in `problem`, said as an alert, while there is one; styled
/// as `class` (a notice, unless said otherwise).
#[component]
pub fn ProblemNotice(
    problem: RwSignal<Option<String>>,
    #[prop(default = "notice error")] class: &'static str,
) -> impl IntoView {
    move || {
        problem.get().map(|p| {
            view! {
                <p class=class role="alert">
                    {p}
                </p>
            }
        })
    }
}

/// What is being made while a worker works (fetched first, on first use), as a status line.
#[component]
pub fn WorkingNotice(working: RwSignal<Option<String>>) -> impl IntoView {
    move || {
        working.get().map(|w| {
            view! {
                <p class="hint working" role="status" data-testid="working">
                    {w}
                </p>
            }
        })
    }
}

/// Runs `work`, saying `what` in `working` until it is done.
pub async fn while_working<T>(
    working: RwSignal<Option<String>>,
    what: String,
    work: impl std::future::Future<Output = T>,
) -> T {
    working.set(Some(what));
    let done = work.await;
    working.set(None);
    done
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
