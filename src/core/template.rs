//! A checklist definition (评分表): sections (一级指标) of items (二级指标),
//! each with its points, scoring rule and evidence hint, plus the grade bands.
//! Templates are data: the built-in ones live in `templates/` in exactly the
//! format users import.

use super::json::{self, json_object, Error, Fields, FromJson, Node, ToJson, Writer};
use super::points::{Fraction, Points};
use super::template_check::TemplateError;

/// The value of the `format` field every template file carries.
pub const TEMPLATE_FORMAT: &str = "mofan-template";
/// The newest template format this build reads.
pub const TEMPLATE_FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq)]
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
    pub description: String,
    /// The scale the total is reported on, usually 100.
    pub total: Points,
    pub grades: Vec<GradeBand>,
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

/// 等次: a name and the lowest total that earns it.
#[derive(Debug, Clone, PartialEq)]
pub struct GradeBand {
    pub name: String,
    pub min: Points,
}

/// 一级指标
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub id: String,
    pub title: String,
    pub items: Vec<Item>,
}

impl Section {
    /// The title without its bracketed gloss, for tight places such as the
    /// radar chart's axes: 做担当作为的模范（6个用心、6个满意） → 做担当作为的模范.
    pub fn short_title(&self) -> &str {
        self.title.split(['（', '(']).next().unwrap_or(&self.title)
    }
}

/// 二级指标 / 考核内容
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub id: String,
    /// 考核内容: what must be true.
    pub title: String,
    /// 分值: the most this item can earn.
    pub points: Points,
    pub rule: Rule,
    /// 评分标准 as written in the organisation's table; when empty the app
    /// states the rule itself.
    pub criteria: String,
    /// 佐证材料: what proves it.
    pub evidence: String,
    /// Whether 不适用 may be chosen for this item.
    pub allow_na: bool,
    /// Where in the source documents this requirement comes from.
    pub source: Option<Source>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub file: String,
    pub section: String,
}

/// 评分标准: how an answer becomes points. Written `{"kind": …, fields}`;
/// reading supplies the defaults (`partial` 0.5 of the points, `step` 0.5 points).
#[derive(Debug, Clone, PartialEq)]
pub enum Rule {
    /// 达标 / 基本达标 / 未达标 → full / `partial` share / zero.
    Check { partial: Fraction },
    /// Named steps, each worth set points, e.g. 好 10 / 较好 7 / 一般 4 / 差 0.
    Ladder { steps: Vec<LadderStep> },
    /// 每缺1次扣`per`分: the answer is a count; the item never goes below 0 (扣完为止).
    Deduction { per: Points, max_count: Option<u32> },
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

/// One step of a ladder rule.
#[derive(Debug, Clone, PartialEq)]
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

    /// Whether the item's points count toward the base total (and its denominator).
    pub fn is_base(&self) -> bool {
        !matches!(self, Rule::Veto | Rule::Bonus { .. })
    }
}

impl Template {
    /// Parses and validates a template file. Every problem found is returned,
    /// in Chinese, so the user can fix them all at once.
    pub fn from_json(text: &str) -> Result<Template, Vec<TemplateError>> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let template: Template = json::from_str(text).map_err(|e| vec![TemplateError::from_json(&e, text)])?;
        let problems = template.problems();
        if problems.is_empty() {
            Ok(template)
        } else {
            Err(super::template_check::with_json_lines(problems, text, &template))
        }
    }

    pub fn to_json(&self) -> String {
        json::to_string_pretty(self)
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

// Every part of a template is strict: a misspelt field is named rather
// than silently ignored.
json_object!(
    Template,
    strict {
        format: required,
        format_version: required,
        id: required,
        version: required,
        title: required,
        short_title: required,
        audience: required,
        description: omit_empty,
        total: required,
        grades: required,
        sections: required,
    }
);

impl ToJson for Audience {
    fn write_json(&self, w: &mut Writer) {
        w.string(match self {
            Audience::Member => "member",
            Audience::Branch => "branch",
        });
    }
}

impl FromJson for Audience {
    fn read_json(node: &Node<'_>) -> Result<Self, Error> {
        match node.as_str()? {
            "member" => Ok(Audience::Member),
            "branch" => Ok(Audience::Branch),
            other => Err(Error::unknown_value(node.at, other)),
        }
    }
}

json_object!(
    GradeBand,
    strict {
        name: required,
        min: required
    }
);

json_object!(
    Section,
    strict {
        id: required,
        title: required,
        items: required
    }
);

impl ToJson for Item {
    fn write_json(&self, w: &mut Writer) {
        w.object(|w| {
            w.field("id", &self.id);
            w.field("title", &self.title);
            w.field("points", &self.points);
            w.field("rule", &self.rule);
            w.optional_field("criteria", &self.criteria);
            w.optional_field("evidence", &self.evidence);
            if !self.allow_na {
                w.field("allow_na", &false);
            }
            w.optional_field("source", &self.source);
        });
    }
}

impl FromJson for Item {
    fn read_json(node: &Node<'_>) -> Result<Self, Error> {
        const FIELDS: &[&str] = &[
            "id", "title", "points", "rule", "criteria", "evidence", "allow_na", "source",
        ];
        let f = Fields::of(node, FIELDS, true)?;
        Ok(Item {
            id: f.required("id")?,
            title: f.required("title")?,
            points: f.required("points")?,
            rule: f.required("rule")?,
            criteria: f.or_default("criteria")?,
            evidence: f.or_default("evidence")?,
            allow_na: f.optional("allow_na")?.unwrap_or(true),
            source: f.optional("source")?,
        })
    }
}

json_object!(
    Source,
    strict {
        file: required,
        section: required
    }
);

impl ToJson for Rule {
    fn write_json(&self, w: &mut Writer) {
        w.object(|w| match self {
            Rule::Check { partial } => {
                w.field("kind", "check");
                w.field("partial", partial);
            }
            Rule::Ladder { steps } => {
                w.field("kind", "ladder");
                w.field("steps", steps);
            }
            Rule::Deduction { per, max_count } => {
                w.field("kind", "deduction");
                w.field("per", per);
                w.optional_field("max_count", max_count);
            }
            Rule::Free { step } => {
                w.field("kind", "free");
                w.field("step", step);
            }
            Rule::Veto => w.field("kind", "veto"),
            Rule::Bonus { step } => {
                w.field("kind", "bonus");
                w.field("step", step);
            }
        });
    }
}

/// `kind` first, then only the fields that kind takes: a field of another
/// kind is named as unknown rather than ignored.
impl FromJson for Rule {
    fn read_json(node: &Node<'_>) -> Result<Self, Error> {
        const FIELDS: &[&str] = &["kind", "partial", "steps", "per", "max_count", "step"];
        let f = Fields::of(node, FIELDS, true)?;
        let kind: String = f.required("kind")?;
        let allowed: &[&str] = match kind.as_str() {
            "check" => &["partial"],
            "ladder" => &["steps"],
            "deduction" => &["per", "max_count"],
            "free" | "bonus" => &["step"],
            "veto" => &[],
            other => {
                let at = f.get("kind").map_or(node.at, |k| k.at);
                return Err(Error::unknown_value(at, other));
            }
        };
        for name in &FIELDS[1..] {
            if let Some(v) = f.get(name).filter(|_| !allowed.contains(name)) {
                return Err(Error::unknown_field(v.at, name));
            }
        }
        let step = || Ok::<_, Error>(f.optional("step")?.unwrap_or_else(half_point));
        Ok(match kind.as_str() {
            "check" => Rule::Check {
                partial: f.or_default("partial")?,
            },
            "ladder" => Rule::Ladder {
                steps: f.required("steps")?,
            },
            "deduction" => Rule::Deduction {
                per: f.required("per")?,
                max_count: f.optional("max_count")?,
            },
            "free" => Rule::Free { step: step()? },
            "veto" => Rule::Veto,
            _ => Rule::Bonus { step: step()? },
        })
    }
}

json_object!(
    LadderStep,
    strict {
        name: required,
        points: required
    }
);
