//! 自评: one person's (or one branch's) answers to one template in one round.

use crate::core::assessment::action::Action;
use crate::core::assessment::poll::{Tally, TallyProblem};
use crate::core::assessment::round_pick::canonical_round;
use crate::core::basics::names::clean_name;
use crate::core::basics::points::Points;
use crate::core::template::format::{Item, Rule, Template};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What was answered for one item; which variants fit depends on its rule.
///
/// Written as a bare name (`"met"`, `"not_applicable"`) or, for answers
/// that carry a value, a one-member object: `{"step":"较好"}`, `{"count":2}`,
/// `{"score":7.5}`, `{"veto":true}`,
/// `{"votes":{"steps":[{"name":"好","votes":12},…],"blank":1}}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Response {
    /// 不适用: the item leaves the denominator.
    NotApplicable,
    /// 达标 (check rule)
    Met,
    /// 基本达标 (check rule)
    Partial,
    /// 未达标 (check rule)
    NotMet,
    /// The name of a ladder step, e.g. 较好.
    Step(String),
    /// How many times a deduction applies (缺1次扣…).
    Count(u32),
    /// A score given directly (free score or bonus points).
    Score(Points),
    /// Veto item: `true` when the veto is triggered.
    Veto(bool),
    /// 民主测评: the votes per step, and blank ballots.
    Votes(Tally),
}

/// Why a response does not fit an item's rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResponseProblem {
    NotApplicableRefused,
    WrongKind,
    UnknownStep,
    TooManyOccurrences(u32),
    ScoreOutOfRange(Points),
    ScoreNotOnStep(Points),
    /// A poll with no scored vote.
    NoVotes,
}

impl ResponseProblem {
    pub fn message(&self) -> String {
        match self {
            ResponseProblem::NotApplicableRefused => "此项不允许选择“不适用”".into(),
            ResponseProblem::WrongKind => "答案与此项的评分方式不符".into(),
            ResponseProblem::UnknownStep => "没有这个分档".into(),
            ResponseProblem::TooManyOccurrences(m) => format!("次数不能超过{m}次"),
            ResponseProblem::ScoreOutOfRange(max) => format!("分数应在0到{max}分之间"),
            ResponseProblem::ScoreNotOnStep(step) => format!("分数应为{step}分的整数倍"),
            ResponseProblem::NoVotes => "还没有有效票：至少填1张投给某一档的票（全部弃权时可选“不适用”）".into(),
        }
    }
}

impl Response {
    /// The check-rule answers in the order they are offered.
    pub const CHECK_LEVELS: [Response; 3] = [Response::Met, Response::Partial, Response::NotMet];

    /// The label a user sees for this answer.
    pub fn label(&self) -> String {
        match self {
            Response::NotApplicable => "不适用".into(),
            Response::Met => "达标".into(),
            Response::Partial => "基本达标".into(),
            Response::NotMet => "未达标".into(),
            Response::Step(name) => name.clone(),
            Response::Count(n) => format!("{n}次"),
            Response::Score(p) => format!("{p}分"),
            Response::Veto(true) => "触发一票否决".into(),
            Response::Veto(false) => "未触发".into(),
            Response::Votes(t) => t.label(),
        }
    }

    /// Whether this answer is one the item's rule can take.
    pub fn check_fits(&self, item: &Item) -> Result<(), ResponseProblem> {
        match (self, &item.rule) {
            (Response::NotApplicable, _) if item.allow_na => Ok(()),
            (Response::NotApplicable, _) => Err(ResponseProblem::NotApplicableRefused),
            (Response::Met | Response::Partial | Response::NotMet, Rule::Check { .. }) => Ok(()),
            (Response::Step(name), Rule::Ladder { steps }) if steps.iter().any(|s| &s.name == name) => Ok(()),
            (Response::Step(_), Rule::Ladder { .. }) => Err(ResponseProblem::UnknownStep),
            (Response::Count(n), Rule::Deduction { max_count: Some(m), .. }) if n > m => {
                Err(ResponseProblem::TooManyOccurrences(*m))
            }
            (Response::Count(_), Rule::Deduction { .. }) => Ok(()),
            (Response::Score(p), Rule::Free { step } | Rule::Bonus { step }) => {
                if *p < Points::ZERO || *p > item.points {
                    Err(ResponseProblem::ScoreOutOfRange(item.points))
                } else if step.hundredths() > 0 && p.hundredths() % step.hundredths() != 0 {
                    Err(ResponseProblem::ScoreNotOnStep(*step))
                } else {
                    Ok(())
                }
            }
            (Response::Veto(_), Rule::Veto) => Ok(()),
            (Response::Votes(t), Rule::Poll { steps }) => t.check(steps).map_err(|p| match p {
                TallyProblem::UnknownStep => ResponseProblem::UnknownStep,
                TallyProblem::NoVotes => ResponseProblem::NoVotes,
            }),
            _ => Err(ResponseProblem::WrongKind),
        }
    }
}

/// Who answered: 单位 / 支部 / 姓名.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Respondent {
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub branch: String,
    pub name: String,
}

impl Respondent {
    /// 单位 · 支部 · 姓名, leaving out what was not given.
    pub fn line(&self) -> String {
        [&self.unit, &self.branch, &self.name]
            .into_iter()
            .filter(|s| !s.is_empty())
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" · ")
    }
}

/// One item's answer: the member's response, note and evidence named, and
/// beside it the reviewer's (审核) response and comment. A review never
/// changes what the member answered. Only what was given is written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    /// Records of schema 1 called it `choice` (see `core::exchange::record`).
    #[serde(default, alias = "choice", skip_serializing_if = "Option::is_none")]
    pub response: Option<Response>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// 佐证材料 the respondent lists.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub evidence: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<Review>,
}

/// 审核: the reviewer's response for an item and why.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<Response>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub comment: String,
}

impl Review {
    pub fn is_empty(&self) -> bool {
        self.response.is_none() && self.comment.is_empty()
    }
}

impl Answer {
    pub fn is_empty(&self) -> bool {
        self.response.is_none()
            && self.note.is_empty()
            && self.evidence.is_empty()
            && self.review.as_ref().is_none_or(Review::is_empty)
    }
}

/// Stored records are lenient: fields this build does not know are ignored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    pub id: String,
    pub template_id: String,
    pub template_version: u32,
    pub respondent: Respondent,
    /// 轮次, e.g. 2026年上半年.
    pub round: String,
    /// Keyed by item id; items never touched are absent.
    #[serde(default)]
    pub answers: BTreeMap<String, Answer>,
    /// 整改清单, keyed by item id; kept even if the item is later answered in full.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub actions: BTreeMap<String, Action>,
    /// Milliseconds since 1970-01-01 UTC.
    pub created_at: i64,
    pub updated_at: i64,
    /// When this browser took the self-check in as a member's result file
    /// to review (milliseconds since 1970-01-01 UTC). Such a copy is
    /// reviewed here, never edited as one's own. Kept in the stored record
    /// and backups, never in an exported result file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received_at: Option<i64>,
}

/// Puts `value` under `key`, or removes the key when the value is empty.
/// Returns whether the map changed.
fn put_or_remove<V: PartialEq>(map: &mut BTreeMap<String, V>, key: &str, value: V, empty: bool) -> bool {
    if map.get(key).map_or(empty, |old| old == &value) {
        return false;
    }
    if empty {
        map.remove(key);
    } else {
        map.insert(key.to_string(), value);
    }
    true
}

/// Puts into `target` every entry `mine` changed (added, edited or removed) relative to `base`.
fn lay_changes<V: Clone + PartialEq>(
    target: &mut BTreeMap<String, V>,
    mine: &BTreeMap<String, V>,
    base: &BTreeMap<String, V>,
) {
    for id in mine.keys().chain(base.keys()) {
        if mine.get(id) == base.get(id) {
            continue;
        }
        match mine.get(id) {
            Some(v) => target.insert(id.clone(), v.clone()),
            None => target.remove(id),
        };
    }
}

/// What is missing before a self-check can start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StartProblem {
    NoName,
    NoRound,
}

impl StartProblem {
    pub fn message(self) -> &'static str {
        match self {
            StartProblem::NoName => "请填写姓名（支部自查请填写填报人）",
            StartProblem::NoRound => "请选择轮次，例如“2026年上半年”",
        }
    }
}

/// Who and which round, as a self-check keeps them: names as they read
/// (without what shows nothing, see `core::basics::names`), the round in its
/// one form (see `canonical_round`); a missing name or round is refused so
/// that no nameless record is kept.
fn particulars(respondent: Respondent, round: &str) -> Result<(Respondent, String), Vec<StartProblem>> {
    let respondent = Respondent {
        unit: clean_name(&respondent.unit),
        branch: clean_name(&respondent.branch),
        name: clean_name(&respondent.name),
    };
    let round = canonical_round(round);
    let mut problems = Vec::new();
    if respondent.name.is_empty() {
        problems.push(StartProblem::NoName);
    }
    if round.is_empty() {
        problems.push(StartProblem::NoRound);
    }
    if problems.is_empty() {
        Ok((respondent, round))
    } else {
        Err(problems)
    }
}

impl Assessment {
    /// Starts a blank self-check, its names and round as `particulars` keeps them.
    pub fn start(
        id: String,
        template: &Template,
        respondent: Respondent,
        round: &str,
        now: i64,
    ) -> Result<Assessment, Vec<StartProblem>> {
        let (respondent, round) = particulars(respondent, round)?;
        Ok(Assessment {
            id,
            template_id: template.id.clone(),
            template_version: template.version,
            respondent,
            round,
            answers: BTreeMap::new(),
            actions: BTreeMap::new(),
            created_at: now,
            updated_at: now,
            received_at: None,
        })
    }

    /// Corrects who filled it in and the round, cleaned and checked as at
    /// the start; the answers stay as they are. Returns whether anything
    /// changed; a missing name or round is refused and changes nothing.
    pub fn set_particulars(
        &mut self,
        respondent: Respondent,
        round: &str,
        now: i64,
    ) -> Result<bool, Vec<StartProblem>> {
        let (respondent, round) = particulars(respondent, round)?;
        if respondent == self.respondent && round == self.round {
            return Ok(false);
        }
        self.respondent = respondent;
        self.round = round;
        self.updated_at = now;
        Ok(true)
    }

    /// Whether this is a member's result file taken in to review (see `received_at`).
    pub fn is_received(&self) -> bool {
        self.received_at.is_some()
    }

    pub fn answer(&self, item_id: &str) -> Option<&Answer> {
        self.answers.get(item_id)
    }

    /// The member's own response to an item.
    pub fn response(&self, item_id: &str) -> Option<&Response> {
        self.answers.get(item_id).and_then(|a| a.response.as_ref())
    }

    /// Whether this copy, kept aside when storage refused it, holds edits
    /// the stored copy lacks: it was edited later, or nothing is stored.
    pub fn is_newer_than(&self, stored: Option<&Assessment>) -> bool {
        stored.is_none_or(|s| self.updated_at > s.updated_at)
    }

    /// Whether a reviewer has scored at least one item.
    pub fn is_reviewed(&self) -> bool {
        self.answers
            .values()
            .any(|x| x.review.as_ref().is_some_and(|r| r.response.is_some()))
    }

    /// The reviewer's response to an item, if reviewed.
    pub fn review_response(&self, item_id: &str) -> Option<&Response> {
        self.answers
            .get(item_id)
            .and_then(|a| a.review.as_ref())
            .and_then(|r| r.response.as_ref())
    }

    /// Replaces one item's answer; an empty answer removes the entry.
    /// Returns whether anything changed, so callers store only real edits.
    pub fn set_answer(&mut self, item_id: &str, answer: Answer, now: i64) -> bool {
        let empty = answer.is_empty();
        self.record(now, |a| put_or_remove(&mut a.answers, item_id, answer, empty))
    }

    /// Runs an edit that reports whether it changed anything, and moves the edit time if it did.
    fn record(&mut self, now: i64, edit: impl FnOnce(&mut Assessment) -> bool) -> bool {
        let changed = edit(self);
        if changed {
            self.touch(now);
        }
        changed
    }

    /// Sets the member's response, refusing one the item's rule cannot take.
    /// `Ok(true)` when it changed the answer.
    pub fn set_response(&mut self, item: &Item, response: Option<Response>, now: i64) -> Result<bool, ResponseProblem> {
        if let Some(r) = &response {
            r.check_fits(item)?;
        }
        Ok(self.edit(&item.id, now, |a| a.response = response))
    }

    /// Sets the reviewer's response and comment; the member's own answer is untouched.
    pub fn set_review(&mut self, item: &Item, review: Review, now: i64) -> Result<bool, ResponseProblem> {
        if let Some(r) = &review.response {
            r.check_fits(item)?;
        }
        Ok(self.edit(&item.id, now, |a| a.review = (!review.is_empty()).then_some(review)))
    }

    /// Sets the reviewer's response to an item, keeping the review comment.
    pub fn set_review_response(
        &mut self,
        item: &Item,
        response: Option<Response>,
        now: i64,
    ) -> Result<bool, ResponseProblem> {
        let comment = self.review_comment(&item.id).to_string();
        self.set_review(item, Review { response, comment }, now)
    }

    /// Sets the reviewer's comment (审核意见) on an item, keeping the review response.
    pub fn set_review_comment(&mut self, item: &Item, comment: &str, now: i64) -> bool {
        let response = self.review_response(&item.id).cloned();
        let review = Review {
            response,
            comment: comment.to_string(),
        };
        // The response was already accepted for this item, so it fits.
        self.set_review(item, review, now).unwrap_or(false)
    }

    /// The member's note (说明) on an item, or empty.
    pub fn note(&self, item_id: &str) -> &str {
        self.answers.get(item_id).map_or("", |a| a.note.as_str())
    }

    /// The evidence (佐证材料) the member lists for an item, or empty.
    pub fn evidence(&self, item_id: &str) -> &str {
        self.answers.get(item_id).map_or("", |a| a.evidence.as_str())
    }

    /// The reviewer's comment on an item, or empty.
    pub fn review_comment(&self, item_id: &str) -> &str {
        self.answers
            .get(item_id)
            .and_then(|a| a.review.as_ref())
            .map_or("", |r| r.comment.as_str())
    }

    /// 审核: takes the member's own response as the review of every answered
    /// item the reviewer has not scored yet (comments are kept). Returns how
    /// many items it confirmed.
    pub fn confirm_unreviewed(&mut self, now: i64) -> usize {
        let mut n = 0;
        for answer in self.answers.values_mut() {
            let Some(own) = answer.response.clone() else { continue };
            let review = answer.review.get_or_insert_with(Review::default);
            if review.response.is_none() {
                review.response = Some(own);
                n += 1;
            }
        }
        if n > 0 {
            self.touch(now);
        }
        n
    }

    pub fn set_note(&mut self, item_id: &str, note: &str, now: i64) -> bool {
        self.edit(item_id, now, |a| a.note = note.to_string())
    }

    pub fn set_evidence(&mut self, item_id: &str, evidence: &str, now: i64) -> bool {
        self.edit(item_id, now, |a| a.evidence = evidence.to_string())
    }

    fn edit(&mut self, item_id: &str, now: i64, f: impl FnOnce(&mut Answer)) -> bool {
        let mut a = self.answers.get(item_id).cloned().unwrap_or_default();
        f(&mut a);
        self.set_answer(item_id, a, now)
    }

    /// Edit times only move forward, even if the clock is set back.
    fn touch(&mut self, now: i64) {
        self.updated_at = self.updated_at.max(now);
    }

    /// Takes the member's part (answers, notes, evidence, 整改清单, who and
    /// round) from another copy of the same self-check, such as a newer result
    /// file, keeping this copy's review. Returns whether anything changed.
    pub fn take_member_part(&mut self, from: &Assessment) -> bool {
        let mut answers = BTreeMap::new();
        let ids = self.answers.keys().chain(from.answers.keys());
        for id in ids {
            let theirs = from.answers.get(id).cloned().unwrap_or_default();
            let review = self.answers.get(id).and_then(|a| a.review.clone());
            let merged = Answer { review, ..theirs };
            if !merged.is_empty() {
                answers.insert(id.clone(), merged);
            }
        }
        let mut actions = self.actions.clone();
        actions.extend(from.actions.iter().map(|(k, v)| (k.clone(), v.clone())));
        let changed = answers != self.answers
            || actions != self.actions
            || self.respondent != from.respondent
            || self.round != from.round;
        if changed {
            self.answers = answers;
            self.actions = actions;
            self.respondent = from.respondent.clone();
            self.round = from.round.clone();
            self.touch(from.updated_at);
        }
        changed
    }

    /// Three-way merge for two tabs (or windows) editing the same self-check.
    /// `self` is this tab's copy, `base` the stored copy it started from, and
    /// `theirs` a newer stored copy written elsewhere. The result is theirs
    /// with every answer, 整改 entry, respondent and round this tab changed
    /// since `base` laid on top, so neither tab's edits are lost; where both
    /// changed the same item, this tab's (the later write) wins.
    pub fn rebase(&self, base: &Assessment, theirs: &Assessment) -> Assessment {
        let mut merged = theirs.clone();
        lay_changes(&mut merged.answers, &self.answers, &base.answers);
        lay_changes(&mut merged.actions, &self.actions, &base.actions);
        if self.respondent != base.respondent {
            merged.respondent = self.respondent.clone();
        }
        if self.round != base.round {
            merged.round = self.round.clone();
        }
        merged.updated_at = self.updated_at.max(theirs.updated_at);
        merged
    }

    /// The self-check's display name, e.g. `六个模范-张三-2026年上半年`.
    pub fn title(&self, template: &Template) -> String {
        format!("{}-{}-{}", template.short_title, self.respondent.name, self.round)
    }
}

/// 整改清单 entries, one per item.
impl Assessment {
    /// The action written for an item, if any.
    pub fn action(&self, item_id: &str) -> Option<&Action> {
        self.actions.get(item_id)
    }

    /// Replaces one item's action; an empty one removes it. Returns whether anything changed.
    pub fn set_action(&mut self, item_id: &str, action: Action, now: i64) -> bool {
        let empty = action.is_empty();
        self.record(now, |a| put_or_remove(&mut a.actions, item_id, action, empty))
    }

    /// Changes one field of an item's action.
    pub fn edit_action(&mut self, item_id: &str, now: i64, f: impl FnOnce(&mut Action)) -> bool {
        let mut x = self.actions.get(item_id).cloned().unwrap_or_default();
        f(&mut x);
        self.set_action(item_id, x, now)
    }
}
