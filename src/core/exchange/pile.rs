//! The desk's self-checks as the desk's worker (`mofan-pile`) holds them: every file the
//! secretary brings in is read, checked, combined and sorted off the page's
//! thread, and the page is sent only what it shows (see `file_jobs`). A
//! pick of files comes in a batch at a time and counts only once it is
//! settled: a cancelled pick is forgotten whole.

use crate::core::exchange::branch::{main_template, most_common_text, sort_rows, Combined, Level, SortKey, Submission};
use crate::core::exchange::result_file::{encode_branch, BranchContent};
use crate::core::template::builtin::builtins;
use crate::core::template::format::Template;
use crate::core::template::library::find;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// How much of the held self-checks, as JSON, the page is sent to keep
/// for its tab: about what a browser's sessionStorage takes (5 MB of
/// characters). Beyond it the page cannot keep them, and says so before
/// the secretary leaves.
pub const KEEPABLE_CHARS: usize = 5_000_000;

/// What the page knows of the pile.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PileState {
    /// Self-checks held.
    pub count: usize,
    /// The checklist most of them use (id, version): the one the desk combines for.
    pub template: Option<(String, u32)>,
    /// Rows per branch when branch summaries came in, else per member.
    pub suggested: Level,
    /// The branch most of them are counted under, for the desk's 支部名称.
    pub branch: String,
}

/// What the desk asks to see, after any change to the pile it names.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ViewAsk {
    /// A pick read whole: its self-checks count from now on.
    pub settle: Option<u32>,
    /// The self-checks the page kept for its tab (see [`Pile::kept`]), held
    /// again after a reload in place of any held.
    pub restore: Option<String>,
    /// How many self-checks the page believes are held (before this
    /// change): a worker started again, its pile empty, is told apart
    /// from a desk with nothing in.
    pub expected: usize,
    /// The checklists imported here, besides the built-in ones, to find
    /// the one the self-checks use.
    pub imported: Vec<Template>,
    pub roster: Vec<String>,
    /// The level chosen; `None` follows the files ([`PileState::suggested`]).
    pub level: Option<Level>,
    pub sort: SortKey,
    pub descending: bool,
}

/// What the desk shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeskView {
    pub state: PileState,
    /// The combined view, its rows in the order asked; `None` with nothing
    /// held, or when the checklist they use is not here.
    pub combined: Option<Combined>,
}

impl DeskView {
    /// As the worker sends it (see `file_jobs::Outcome::View`).
    pub fn write(&self) -> Vec<u8> {
        serde_json::to_vec(self).unwrap_or_default()
    }

    /// As the desk reads it.
    pub fn read(json: &[u8]) -> Result<DeskView, String> {
        serde_json::from_slice(json).map_err(|_| "文件处理模块的回答有误，请刷新页面后重试".to_string())
    }
}

/// What a combined view was scored for: the checklist (id, version), roster and level.
type ScoredFor = (String, u32, Vec<String>, Level);

/// The self-checks a desk holds.
#[derive(Debug, Clone, Default)]
pub struct Pile {
    held: Vec<Submission>,
    /// Picks still being read, by the page's number for each.
    picks: BTreeMap<u32, Vec<Submission>>,
    /// The last view combined, and for which checklist, roster and level.
    combined: Option<(ScoredFor, Combined)>,
}

/// Why the pile cannot answer: the worker lost what the page brought in.
pub const PILE_LOST: &str = "汇总模块已重新启动，先前导入的文件已不在其中，请点“清空”后重新导入";

impl Pile {
    /// Self-checks read for pick `pick`, held apart until it is settled.
    pub fn add(&mut self, pick: u32, found: Vec<Submission>) {
        self.picks.entry(pick).or_default().extend(found);
    }

    /// Pick `pick` was cancelled: none of it counts.
    pub fn forget(&mut self, pick: u32) {
        self.picks.remove(&pick);
    }

    pub fn clear(&mut self) {
        *self = Pile::default();
    }

    /// The held self-checks as JSON, for the page to keep for its tab (and
    /// to hand back after a reload, see [`ViewAsk::restore`]); `None` when
    /// there are more than it can keep ([`KEEPABLE_CHARS`]).
    pub fn kept(&self) -> Option<String> {
        serde_json::to_string(&self.held)
            .ok()
            .filter(|json| json.chars().count() <= KEEPABLE_CHARS)
    }

    fn state(&self) -> PileState {
        PileState {
            count: self.held.len(),
            template: main_template(&self.held),
            suggested: Level::suggested(&self.held),
            branch: most_common_text(self.held.iter().map(|s| s.branch.as_str())),
        }
    }

    /// Makes the change `ask` names (a pick settled, a kept pile restored).
    fn change(&mut self, ask: &ViewAsk) -> Result<(), String> {
        match &ask.restore {
            Some(kept) => {
                self.held = serde_json::from_str(kept).map_err(|_| "上次导入的文件未能恢复，请重新导入".to_string())?;
                self.combined = None;
            }
            None if ask.expected != self.held.len() => return Err(PILE_LOST.into()),
            None => {}
        }
        if let Some(found) = ask.settle.and_then(|pick| self.picks.remove(&pick)) {
            self.held.extend(found);
            self.combined = None;
        }
        Ok(())
    }

    /// Combines for `template` unless the last view was for the same
    /// checklist, roster and level.
    fn combined_for(&mut self, template: &Template, roster: &[String], level: Level) -> &mut Combined {
        let key = (template.id.clone(), template.version, roster.to_vec(), level);
        let combined = match self.combined.take() {
            Some((k, c)) if k == key => c,
            _ => Combined::build(template, &self.held, roster, level),
        };
        &mut self.combined.insert((key, combined)).1
    }

    /// The checklist the held self-checks use, if it is built in or in `imported`.
    fn template<'t>(state: &PileState, imported: &'t [Template]) -> Option<&'t Template> {
        let (id, version) = state.template.as_ref()?;
        let builtin: Vec<&'static Template> = builtins().iter().collect();
        let imported: Vec<&Template> = imported.iter().collect();
        find(&builtin, &imported, id, *version)
    }

    /// The desk's view after the change `ask` names, its rows in the order
    /// asked; names are compared in the order `collate` puts them (the
    /// browser's zh-CN collation, by pinyin), which is asked once for all.
    pub fn view(&mut self, ask: &ViewAsk, collate: fn(&mut [String])) -> Result<DeskView, String> {
        self.change(ask)?;
        let state = self.state();
        let template = Self::template(&state, &ask.imported).filter(|_| state.count > 0);
        let combined = template.map(|t| {
            let combined = self.combined_for(t, &ask.roster, ask.level.unwrap_or(state.suggested));
            let mut names: Vec<String> = combined.rows.iter().map(|r| r.name.clone()).collect();
            collate(&mut names);
            let rank: HashMap<String, usize> = names.into_iter().enumerate().map(|(i, n)| (n, i)).collect();
            sort_rows(&mut combined.rows, ask.sort, ask.descending, |a, b| {
                rank.get(a).cmp(&rank.get(b))
            });
            combined.clone()
        });
        Ok(DeskView { state, combined })
    }

    /// The branch's summary file (汇总文件) of the view `ask` wants: the
    /// self-checks counted, under `branch`, sealed at `now`.
    pub fn branch_file(&mut self, ask: &ViewAsk, branch: &str, now: i64) -> Result<String, String> {
        self.change(ask)?;
        let state = self.state();
        let template = Self::template(&state, &ask.imported)
            .filter(|_| state.count > 0)
            .ok_or_else(|| "导入的文件所用的评分表不在本机，无法汇总".to_string())?;
        self.combined_for(template, &ask.roster, ask.level.unwrap_or(state.suggested));
        let Some((_, combined)) = &self.combined else {
            return Err(PILE_LOST.into());
        };
        let content: BranchContent = combined.branch_content(template, &self.held, branch, ask.roster.clone());
        Ok(encode_branch(&content, now))
    }
}
