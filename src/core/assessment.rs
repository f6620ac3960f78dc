//! 自评: one person's (or one branch's) answers to one template in one round.

use super::template::Template;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The answer chosen for a check item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Choice {
    /// 达标
    Met,
    /// 基本达标
    Partial,
    /// 未达标
    NotMet,
    /// 不适用
    NotApplicable,
}

impl Choice {
    pub const ALL: [Choice; 4] = [Choice::Met, Choice::Partial, Choice::NotMet, Choice::NotApplicable];

    pub fn label(self) -> &'static str {
        match self {
            Choice::Met => "达标",
            Choice::Partial => "基本达标",
            Choice::NotMet => "未达标",
            Choice::NotApplicable => "不适用",
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

/// One item's answer: the choice, a note and the evidence named.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub choice: Option<Choice>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// 佐证材料 the respondent lists.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub evidence: String,
}

impl Answer {
    pub fn is_empty(&self) -> bool {
        self.choice.is_none() && self.note.is_empty() && self.evidence.is_empty()
    }
}

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
    /// Milliseconds since 1970-01-01 UTC.
    pub created_at: i64,
    pub updated_at: i64,
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
            StartProblem::NoRound => "请填写轮次，例如“2026年上半年”",
        }
    }
}

impl Assessment {
    /// Starts a blank self-check. Names and round are trimmed; a missing
    /// name or round is refused so that no nameless record is kept.
    pub fn start(
        id: String,
        template: &Template,
        respondent: Respondent,
        round: &str,
        now: i64,
    ) -> Result<Assessment, Vec<StartProblem>> {
        let respondent = Respondent {
            unit: respondent.unit.trim().to_string(),
            branch: respondent.branch.trim().to_string(),
            name: respondent.name.trim().to_string(),
        };
        let round = round.trim().to_string();
        let mut problems = Vec::new();
        if respondent.name.is_empty() {
            problems.push(StartProblem::NoName);
        }
        if round.is_empty() {
            problems.push(StartProblem::NoRound);
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Assessment {
            id,
            template_id: template.id.clone(),
            template_version: template.version,
            respondent,
            round,
            answers: BTreeMap::new(),
            created_at: now,
            updated_at: now,
        })
    }

    pub fn answer(&self, item_id: &str) -> Option<&Answer> {
        self.answers.get(item_id)
    }

    pub fn choice(&self, item_id: &str) -> Option<Choice> {
        self.answers.get(item_id).and_then(|a| a.choice)
    }

    /// Replaces one item's answer; an empty answer removes the entry.
    pub fn set_answer(&mut self, item_id: &str, answer: Answer, now: i64) {
        if self.answers.get(item_id) == Some(&answer) {
            return;
        }
        if answer.is_empty() {
            self.answers.remove(item_id);
        } else {
            self.answers.insert(item_id.to_string(), answer);
        }
        self.touch(now);
    }

    pub fn set_choice(&mut self, item_id: &str, choice: Option<Choice>, now: i64) {
        let mut a = self.answers.get(item_id).cloned().unwrap_or_default();
        a.choice = choice;
        self.set_answer(item_id, a, now);
    }

    pub fn set_note(&mut self, item_id: &str, note: &str, now: i64) {
        let mut a = self.answers.get(item_id).cloned().unwrap_or_default();
        a.note = note.to_string();
        self.set_answer(item_id, a, now);
    }

    pub fn set_evidence(&mut self, item_id: &str, evidence: &str, now: i64) {
        let mut a = self.answers.get(item_id).cloned().unwrap_or_default();
        a.evidence = evidence.to_string();
        self.set_answer(item_id, a, now);
    }

    /// Edit times only move forward, even if the clock is set back.
    fn touch(&mut self, now: i64) {
        self.updated_at = self.updated_at.max(now);
    }

    /// The self-check's display name, e.g. `六个模范-张三-2026年上半年`.
    pub fn title(&self, template: &Template) -> String {
        format!("{}-{}-{}", template.short_title, self.respondent.name, self.round)
    }
}
