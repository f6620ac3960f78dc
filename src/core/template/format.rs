//! A checklist definition (评分表): sections (一级指标) of items (二级指标),
//! each with its points, scoring rule and evidence hint, plus the grade bands.
//! Templates are data: the built-in ones live in `templates/` in exactly the
//! format users import. Reading a file with its problems named is the
//! validator's (`super::check`), which this never imports.

use crate::core::basics::points::{Fraction, Points};
use serde::{Deserialize, Serialize};

/// The value of the `format` field every template file carries.
pub const TEMPLATE_FORMAT: &str = "mofan-template";
/// The newest template format this build reads.
pub const TEMPLATE_FORMAT_VERSION: u32 = 1;

/// Every part of a template is strict (`deny_unknown_fields`): a misspelt
/// field is named rather than silently ignored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    pub format: String,
    pub format_version: u32,
    /// Stable identifier; self-checks refer to it.
    pub id: String,
    /// Content version; bumped whenever items or points change.
    pub version: u32,
    pub title: String,
    /// Short name used in lists and file names, e.g. 六个模范.
    pub short_title: String,
    /// Who fills it in.
    pub audience: Audience,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The period one round covers; counts and limits in the criteria are
    /// written for it, and the 轮次 field offers its form.
    #[serde(default, skip_serializing_if = "Period::is_default")]
    pub period: Period,
    /// The scale the total is reported on, usually 100.
    pub total: Points,
    pub grades: Vec<GradeBand>,
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    /// 党员个人自查
    Member,
    /// 支部（部门）自查
    Branch,
}

impl Audience {
    pub fn label(self) -> &'static str {
        match self {
            Audience::Member => "党员个人",
            Audience::Branch => "党支部",
        }
    }
}

/// The period one round of a checklist covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    /// 半年: rounds are 2026年上半年, 2026年下半年. What a template that says
    /// nothing gets, as every round was before periods were declared.
    #[default]
    HalfYear,
    /// 年度: rounds are 2026年.
    Year,
}

impl Period {
    fn is_default(&self) -> bool {
        *self == Period::default()
    }

    pub fn label(self) -> &'static str {
        match self {
            Period::HalfYear => "半年",
            Period::Year => "年度",
        }
    }
}

/// 考评方式: how an item is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// 查阅资料: records, minutes, files.
    Documents,
    /// 实地查看: looking at the place (阵地, 公开栏).
    SiteVisit,
    /// 个别访谈: asking members one by one.
    Interview,
    /// 民主测评: a vote of those present.
    Poll,
    /// 自评说明: the respondent's own account.
    SelfStatement,
}

impl Method {
    pub const ALL: [Method; 5] = [
        Method::Documents,
        Method::SiteVisit,
        Method::Interview,
        Method::Poll,
        Method::SelfStatement,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Method::Documents => "查阅资料",
            Method::SiteVisit => "实地查看",
            Method::Interview => "个别访谈",
            Method::Poll => "民主测评",
            Method::SelfStatement => "自评说明",
        }
    }

    /// The method a label names, as a spreadsheet cell writes it.
    pub fn from_label(label: &str) -> Option<Method> {
        Method::ALL.into_iter().find(|m| m.label() == label)
    }
}

/// 等次: a name and the lowest total that earns it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GradeBand {
    pub name: String,
    pub min: Points,
}

/// 一级指标
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    pub title: String,
    /// A few characters for tight places such as the radar chart's axes
    /// (做政治过硬的模范 → 政治过硬); without it, the title less its gloss.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_title: Option<String>,
    pub items: Vec<Item>,
}

impl Section {
    /// The short title for tight places such as the radar chart's axes: the
    /// template's own (`short_title`), else the title without its bracketed
    /// gloss, without the 做…的模范 frame, and before a colon:
    /// 做担当作为的模范（6个用心、6个满意） → 担当作为, 会前：学习交流 → 会前.
    pub fn short_title(&self) -> &str {
        if let Some(short) = &self.short_title {
            return short;
        }
        let plain = self.title.split(['（', '(']).next().unwrap_or(&self.title);
        let plain = plain.split(['：', ':']).next().unwrap_or(plain);
        match plain.strip_prefix('做').and_then(|p| p.strip_suffix("的模范")) {
            Some(core) if !core.is_empty() => core,
            _ => plain,
        }
    }
}

/// 二级指标 / 考核内容
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub id: String,
    /// 考核内容: what must be true.
    pub title: String,
    /// 分值: the most this item can earn.
    pub points: Points,
    pub rule: Rule,
    /// 评分标准 as written in the organisation's table; when empty the app
    /// states the rule itself.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub criteria: String,
    /// 佐证材料: what proves it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub evidence: String,
    /// 考评方式: how the item is checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<Method>,
    /// Whether 不适用 may be chosen for this item: true unless the file says
    /// `"allow_na": false`, the only value written.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub allow_na: bool,
    /// Where in the source documents this requirement comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
}

fn yes() -> bool {
    true
}

fn is_true(b: &bool) -> bool {
    *b
}

/// What an item rests on: a passage of a document in `sources/` (its file,
/// the heading it is under and its words), or a national rule every branch
/// applies that the source documents do not state.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub file: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub section: String,
    /// 依据原文: the document's words, verbatim (whitespace may differ).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub quote: String,
    /// The national rule the item rests on when it is not from the source
    /// documents, named as it is published, e.g. 《中国共产党章程》.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub national_rule: String,
}

impl Source {
    /// The smallest quote that can show where a requirement comes from.
    pub const MIN_QUOTE_CHARS: usize = 6;

    /// Whether the quote is in `document`, with whitespace (line breaks,
    /// full-width spaces) ignored on both sides.
    pub fn quote_is_in(&self, document: &str) -> bool {
        let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        let quote = squeeze(&self.quote);
        !quote.is_empty() && squeeze(document).contains(&quote)
    }
}

/// 评分标准: how an answer becomes points. Written `{"kind": …, fields}`;
/// reading supplies the defaults (`partial` 0.5 of the points, `step` 0.5
/// points) and refuses a field of another kind (see [`RuleFields`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", try_from = "RuleFields")]
pub enum Rule {
    /// 达标 / 基本达标 / 未达标 → full / `partial` share / zero.
    Check { partial: Fraction },
    /// Named steps, each worth set points, e.g. 好 10 / 较好 7 / 一般 4 / 差 0.
    Ladder { steps: Vec<LadderStep> },
    /// 民主测评: those present vote for one of the steps; the item scores the
    /// vote-weighted average of the steps' points (blank ballots not scored).
    Poll { steps: Vec<LadderStep> },
    /// 每缺1次扣`per`分: the answer is a count; the item never goes below 0 (扣完为止).
    Deduction {
        per: Points,
        #[serde(skip_serializing_if = "Option::is_none")]
        max_count: Option<u32>,
    },
    /// Any score from 0 to the item's points, in multiples of `step` (default 0.5).
    Free { step: Points },
    /// 一票否决: a yes/no; triggered forces the lowest grade. Worth 0 points.
    Veto,
    /// 加分项: 0 up to the item's points (the cap), in multiples of `step`,
    /// added outside the base total.
    Bonus { step: Points },
}

fn half_point() -> Points {
    Points::from_hundredths(50)
}

/// A rule as it is read: `kind` and the fields of every kind, checked against
/// the kind. Serde's own reading of an internally tagged enum would buffer
/// each rule object (which numbers read exactly cannot pass through) and
/// compile a second reader for every field type; this reads it once.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFields {
    kind: String,
    partial: Option<Fraction>,
    steps: Option<Vec<LadderStep>>,
    per: Option<Points>,
    max_count: Option<u32>,
    step: Option<Points>,
}

impl TryFrom<RuleFields> for Rule {
    /// serde's wording, translated with every other message.
    type Error = String;

    fn try_from(f: RuleFields) -> Result<Rule, String> {
        let allowed: &[&str] = match f.kind.as_str() {
            "check" => &["partial"],
            "ladder" | "poll" => &["steps"],
            "deduction" => &["per", "max_count"],
            "free" | "bonus" => &["step"],
            "veto" => &[],
            other => return Err(format!("unknown variant `{other}`")),
        };
        let present = [
            ("partial", f.partial.is_some()),
            ("steps", f.steps.is_some()),
            ("per", f.per.is_some()),
            ("max_count", f.max_count.is_some()),
            ("step", f.step.is_some()),
        ];
        if let Some((name, _)) = present.iter().find(|(name, here)| *here && !allowed.contains(name)) {
            return Err(format!("unknown field `{name}`"));
        }
        let missing = |name: &str| format!("missing field `{name}`");
        Ok(match f.kind.as_str() {
            "check" => Rule::Check {
                partial: f.partial.unwrap_or_default(),
            },
            "ladder" => Rule::Ladder {
                steps: f.steps.ok_or_else(|| missing("steps"))?,
            },
            "poll" => Rule::Poll {
                steps: f.steps.ok_or_else(|| missing("steps"))?,
            },
            "deduction" => Rule::Deduction {
                per: f.per.ok_or_else(|| missing("per"))?,
                max_count: f.max_count,
            },
            "free" => Rule::Free {
                step: f.step.unwrap_or_else(half_point),
            },
            "veto" => Rule::Veto,
            _ => Rule::Bonus {
                step: f.step.unwrap_or_else(half_point),
            },
        })
    }
}

/// One step of a ladder rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LadderStep {
    pub name: String,
    pub points: Points,
}

impl Rule {
    /// The rule in words, for the item card and the printed table.
    pub fn describe(&self, points: Points) -> String {
        match self {
            Rule::Check { partial } => format!(
                "达标得{}分，基本达标得{}分，未达标不得分",
                points,
                points.scale(*partial)
            ),
            Rule::Ladder { steps } => steps
                .iter()
                .map(|s| format!("{}得{}分", s.name, s.points))
                .collect::<Vec<_>>()
                .join("，"),
            Rule::Poll { steps } => format!(
                "民主测评：按票数加权平均计分（{}），弃权票和空白票只计数、不计分",
                steps
                    .iter()
                    .map(|s| format!("{}{}分", s.name, s.points))
                    .collect::<Vec<_>>()
                    .join("，")
            ),
            Rule::Deduction { per, max_count } => {
                let mut s = format!("每发生1次扣{per}分，扣完{points}分为止");
                if let Some(m) = max_count {
                    s.push_str(&format!("（最多计{m}次）"));
                }
                s
            }
            Rule::Free { step } => format!("按实际情况评0–{points}分，最小单位{step}分"),
            Rule::Veto => "出现即一票否决，等次直接定为最低档".to_string(),
            Rule::Bonus { step } => format!("加分项，最多加{points}分，最小单位{step}分，不计入基础分"),
        }
    }

    /// The smallest score unit for free and bonus scores; 1 point otherwise.
    pub fn step(&self) -> Points {
        match self {
            Rule::Free { step } | Rule::Bonus { step } => *step,
            _ => Points::whole(1),
        }
    }

    /// Whether a self-check is finished only once the item is answered: every
    /// rule but a bonus, where no award is an answer of its own.
    pub fn must_be_answered(&self) -> bool {
        !matches!(self, Rule::Bonus { .. })
    }

    /// Whether the item's points count toward the base total (and its denominator).
    pub fn is_base(&self) -> bool {
        !matches!(self, Rule::Veto | Rule::Bonus { .. })
    }
}

impl Template {
    pub fn to_json(&self) -> String {
        // Strings, whole numbers and exact decimals cannot fail to serialise.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Sum of the points of items that count toward the base total.
    pub fn base_points(&self) -> Points {
        self.items().filter(|i| i.rule.is_base()).map(|i| i.points).sum()
    }

    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.sections.iter().flat_map(|s| s.items.iter())
    }

    pub fn item_count(&self) -> usize {
        self.sections.iter().map(|s| s.items.len()).sum()
    }

    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items().find(|i| i.id == id)
    }

    /// The band a total falls in: the one with the highest `min` not above it.
    pub fn grade_for(&self, total: Points) -> &GradeBand {
        self.grades
            .iter()
            .filter(|g| g.min <= total)
            .max_by_key(|g| g.min)
            .unwrap_or_else(|| self.lowest_grade())
    }

    pub fn lowest_grade(&self) -> &GradeBand {
        self.grades
            .iter()
            .min_by_key(|g| g.min)
            .expect("a valid template has grade bands")
    }
}
