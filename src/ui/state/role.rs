//! 我是: 党员, or 支部书记 / 支部委员. The choice orders the checklists on
//! offer, and only a secretary is offered review and the branch desk. It is
//! remembered in this browser (the `role` setting).

use crate::core::Audience;
use crate::store;
use leptos::prelude::*;

/// The page's role, given through context. `Copy`: it is a signal.
#[derive(Clone, Copy)]
pub struct Role(RwSignal<Audience>);

impl Role {
    /// The role remembered here; a member until someone says otherwise.
    pub fn load() -> Role {
        Role(RwSignal::new(match store::load_setting("role").as_deref() {
            Some("branch") => Audience::Branch,
            _ => Audience::Member,
        }))
    }

    pub fn get(&self) -> Audience {
        self.0.get()
    }

    pub fn get_untracked(&self) -> Audience {
        self.0.get_untracked()
    }

    /// Whether review and the branch desk are offered.
    pub fn reviews(&self) -> bool {
        self.get() == Audience::Branch
    }

    /// Takes `role` at once, and remembers it; says in Chinese when it cannot be remembered.
    pub fn set(&self, role: Audience) -> Result<(), String> {
        self.0.set(role);
        store::save_setting("role", if role == Audience::Branch { "branch" } else { "member" })
            .map_err(|e| format!("无法记住“我是”的选择：{e}"))
    }
}

/// The role the app provided.
pub fn use_role() -> Role {
    expect_context()
}
