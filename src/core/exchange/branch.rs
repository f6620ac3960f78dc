//! 支部汇总: many members' self-checks combined into one view. The same code
//! serves the organ party committee (机关党委), which combines branch
//! summaries: rows are then branches instead of members, while the grade
//! distribution, section averages and weakest items are still counted over
//! every member.

use crate::core::assessment::answers::Assessment;
use crate::core::assessment::round_pick::canonical_round;
use crate::core::assessment::scoring::{ItemScore, Scorecard};
use crate::core::assessment::summary::percent;
use crate::core::basics::names::{clean_name, invisible_in};
use crate::core::basics::points::Points;
use crate::core::exchange::result_file::{BranchContent, TemplateRef};
use crate::core::template::format::Template;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::hash::Hash;

/// One self-check brought in, with where it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Submission {
    pub assessment: Assessment,
    /// The branch it is counted under: the branch summary's name, or the member's own 支部.
    pub branch: String,
    /// The file it came from, to name it in conflicts.
    pub source: String,
    /// Whether that file was a branch summary (the committee's case).
    #[serde(default)]
    pub from_branch_file: bool,
}

impl Submission {
    /// The self-checks a checked file brings in: a member's result file is
    /// counted under the member's own 支部, a branch file's results under
    /// the branch the file names.
    pub fn from_file(opened: crate::core::exchange::result_file::Opened, source: &str) -> Vec<Submission> {
        use crate::core::exchange::result_file::Opened;
        match opened {
            Opened::Result(c) => vec![Submission {
                branch: c.assessment.respondent.branch.clone(),
                assessment: c.assessment,
                source: source.to_string(),
                from_branch_file: false,
            }],
            Opened::Branch(c) => c
                .results
                .into_iter()
                .map(|assessment| Submission {
                    assessment,
                    branch: c.branch.clone(),
                    source: source.to_string(),
                    from_branch_file: true,
                })
                .collect(),
        }
    }
}

/// Whose rows the table shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// 支部: one row per member.
    #[default]
    Member,
    /// 机关党委: one row per branch, averaging its members.
    Branch,
}

/// A row of the table: a member, or a branch's averages.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Row {
    pub name: String,
    /// The member's branch, or for a branch row how many members it averages.
    pub detail: String,
    pub members: usize,
    /// Self score per section (points earned; averaged for a branch).
    pub sections: Vec<Points>,
    pub total: Points,
    pub grade: String,
    /// Review per section, total and grade; `None` when nobody in the row was reviewed.
    pub review: Option<(Vec<Points>, Points, String)>,
    /// Whether a veto was triggered (for a branch: by any member).
    pub vetoed: bool,
}

/// A column to sort the table by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SortKey {
    Name,
    Section(usize),
    #[default]
    Total,
    ReviewTotal,
}

/// Average per section over every member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionAverage {
    pub title: String,
    pub max: Points,
    pub self_avg: Points,
    /// 得分率 of the average, percent.
    pub self_rate: Points,
    pub review_avg: Option<Points>,
}

/// How many members reached each grade.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GradeCount {
    pub grade: String,
    pub self_count: usize,
    pub review_count: usize,
}

/// An item's average over the members who answered it (不适用 left out).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemAverage {
    pub section: String,
    pub title: String,
    pub points: Points,
    pub average: Points,
    /// Average as a percentage of the item's points.
    pub rate: Points,
    pub answered: usize,
}

/// The same member, checklist and round brought in more than once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Duplicate {
    pub who: String,
    pub round: String,
    /// The file kept: the one edited last.
    pub kept: String,
    /// The other files, not counted.
    pub dropped: Vec<String>,
}

/// The combined view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Combined {
    pub level: Level,
    pub rows: Vec<Row>,
    pub members: usize,
    pub section_averages: Vec<SectionAverage>,
    /// How many of them were reviewed: the review averages count these alone.
    pub reviewed: usize,
    /// Each branch the counted members belong to, with how many, in the
    /// order first seen: more than one on a branch's own desk is worth saying.
    pub branches: Vec<(String, usize)>,
    /// Average total over every member (self), and over those reviewed.
    pub average_total: Points,
    pub average_review_total: Option<Points>,
    pub distribution: Vec<GradeCount>,
    /// Items below full marks on average, lowest first, at most [`WEAKEST_SHOWN`].
    pub weakest: Vec<ItemAverage>,
    /// Roster names (members, or branches at committee level) with nothing brought in.
    pub missing: Vec<String>,
    pub duplicates: Vec<Duplicate>,
    /// Submissions whose name or branch held characters that show nothing,
    /// said in Chinese: they are counted under the name as it reads.
    pub invisible: Vec<String>,
    /// Files for another checklist, with the reason, not counted.
    pub refused: Vec<(String, String)>,
    /// Which submissions were counted (indices into the input), in input order.
    pub kept: Vec<usize>,
}

/// How many of the weakest items to list.
pub const WEAKEST_SHOWN: usize = 10;

/// Splits a pasted roster into names: one per line, or separated by commas,
/// 、 or spaces, each without invisible characters (see `core::basics::names`).
/// Blank and repeated names are dropped; order is kept.
pub fn parse_roster(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    // A 组织部's roster runs to thousands of names: each is looked up, not
    // compared with every name before it.
    let mut seen: HashSet<String> = HashSet::new();
    for name in
        text.split(|c: char| matches!(c, '\n' | '\r' | ',' | '，' | '、' | ';' | '；' | '\t') || c.is_whitespace())
    {
        let name = clean_name(name);
        if !name.is_empty() && seen.insert(name.clone()) {
            out.push(name);
        }
    }
    out
}

/// Each value with how often it occurs, in the order first seen.
fn tally<T: Hash + Eq + Clone>(values: impl IntoIterator<Item = T>) -> Vec<(T, usize)> {
    let mut counts: Vec<(T, usize)> = Vec::new();
    let mut at: HashMap<T, usize> = HashMap::new();
    for v in values {
        match at.get(&v) {
            Some(&i) => counts[i].1 += 1,
            None => {
                at.insert(v.clone(), counts.len());
                counts.push((v, 1));
            }
        }
    }
    counts
}

/// The value that occurs most often, the first of equals; `None` when there are none.
pub fn most_common<T: Hash + Eq + Clone>(values: impl IntoIterator<Item = T>) -> Option<T> {
    let counts = tally(values);
    let best = counts.iter().map(|(_, n)| *n).max()?;
    counts.into_iter().find(|(_, n)| *n == best).map(|(v, _)| v)
}

/// The text most entries share, blanks aside, or empty: the branch or unit
/// a summary file is named for.
pub fn most_common_text<'a>(values: impl IntoIterator<Item = &'a str>) -> String {
    most_common(values.into_iter().filter(|v| !v.is_empty()))
        .unwrap_or_default()
        .to_string()
}

/// The checklist most of the submissions use (id, version): the one a
/// combined view is made for. Ties go to the first seen.
pub fn main_template(subs: &[Submission]) -> Option<(String, u32)> {
    most_common(
        subs.iter()
            .map(|s| (s.assessment.template_id.clone(), s.assessment.template_version)),
    )
}

impl Level {
    /// Rows per branch when branch summaries were brought in (the
    /// committee's case), else per member. Members' own files from several
    /// branches stay per member: the desk shows the difference
    /// ([`Combined::branches`]) and leaves the choice to the secretary.
    pub fn suggested(subs: &[Submission]) -> Level {
        if subs.iter().any(|s| s.from_branch_file) {
            Level::Branch
        } else {
            Level::Member
        }
    }
}

fn mean(values: impl Iterator<Item = Points>) -> Option<Points> {
    let (sum, n) = values.fold((Points::ZERO, 0i64), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum.mul_div(1, n))
}

/// One member, scored.
struct Scored<'a> {
    sub: &'a Submission,
    own: Scorecard,
    review: Option<Scorecard>,
}

impl Combined {
    /// Combines submissions for `template` (others are refused), keeping the
    /// newest of any duplicates, and checks them against the roster.
    pub fn build(template: &Template, subs: &[Submission], roster: &[String], level: Level) -> Combined {
        let mut refused = Vec::new();
        // Indices into `subs` of the submissions counted, in input order.
        let mut kept: Vec<usize> = Vec::new();
        let mut by_key: HashMap<(String, String, String, String), usize> = HashMap::new();
        let mut dup_sources: HashMap<usize, Vec<String>> = HashMap::new();
        let mut invisible = Vec::new();
        for (n, s) in subs.iter().enumerate() {
            let a = &s.assessment;
            if a.template_id != template.id || a.template_version != template.version {
                refused.push((
                    s.source.clone(),
                    format!(
                        "评分表不同（{} 第{}版），未计入本次汇总",
                        a.template_id, a.template_version
                    ),
                ));
                continue;
            }
            // Compared as they read: 张三 and 张\u{200b}三 are one member.
            let key = (
                clean_name(&a.respondent.unit),
                clean_name(&s.branch),
                clean_name(&a.respondent.name),
                canonical_round(&a.round),
            );
            let hidden = [invisible_in(&a.respondent.name), invisible_in(&s.branch)].concat();
            if !hidden.is_empty() {
                invisible.push(format!(
                    "“{}”（{}）的姓名或支部中含有看不见的字符（{}），已按“{}”计",
                    clean_name(&a.respondent.name),
                    s.source,
                    hidden.join("、"),
                    clean_name(&a.respondent.name)
                ));
            }
            match by_key.get(&key) {
                None => {
                    by_key.insert(key, kept.len());
                    kept.push(n);
                }
                Some(&i) => {
                    let older = if a.updated_at > subs[kept[i]].assessment.updated_at {
                        std::mem::replace(&mut kept[i], n)
                    } else {
                        n
                    };
                    dup_sources.entry(i).or_default().push(subs[older].source.clone());
                }
            }
        }
        let mut duplicates: Vec<Duplicate> = dup_sources
            .into_iter()
            .map(|(i, mut dropped)| {
                let s = &subs[kept[i]];
                crate::core::basics::sorted::sort_by(&mut dropped, Ord::cmp);
                let r = &s.assessment.respondent;
                Duplicate {
                    who: [clean_name(&r.unit), clean_name(&s.branch), clean_name(&r.name)]
                        .into_iter()
                        .filter(|x| !x.is_empty())
                        .collect::<Vec<_>>()
                        .join(" · "),
                    round: s.assessment.round.clone(),
                    kept: s.source.clone(),
                    dropped,
                }
            })
            .collect();
        crate::core::basics::sorted::sort_by(&mut duplicates, |a, b| a.who.cmp(&b.who));

        let scored: Vec<Scored> = kept
            .iter()
            .map(|&i| Scored {
                sub: &subs[i],
                own: Scorecard::of_self(template, &subs[i].assessment),
                review: Scorecard::of_review(template, &subs[i].assessment),
            })
            .collect();

        let rows = match level {
            Level::Member => scored.iter().map(|m| member_row(m)).collect(),
            Level::Branch => branch_rows(template, &scored),
        };
        let present: HashSet<&str> = rows.iter().map(|r: &Row| r.name.as_str()).collect();
        let missing = roster
            .iter()
            .filter(|n| !present.contains(clean_name(n).as_str()))
            .cloned()
            .collect();

        let section_averages = template
            .sections
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let max = s.items.iter().filter(|x| x.rule.is_base()).map(|x| x.points).sum();
                let self_avg = mean(scored.iter().map(|m| m.own.sections[i].earned)).unwrap_or_default();
                SectionAverage {
                    title: s.title.clone(),
                    max,
                    self_avg,
                    self_rate: percent(
                        scored.iter().map(|m| m.own.sections[i].earned).sum(),
                        scored.iter().map(|m| m.own.sections[i].applicable).sum(),
                    ),
                    review_avg: mean(
                        scored
                            .iter()
                            .filter_map(|m| m.review.as_ref())
                            .map(|c| c.sections[i].earned),
                    ),
                }
            })
            .collect();

        let mut bands: Vec<&crate::core::template::format::GradeBand> = template.grades.iter().collect();
        crate::core::basics::sorted::sort_by_key(&mut bands, |g| std::cmp::Reverse(g.min));
        let distribution = bands
            .iter()
            .map(|g| GradeCount {
                grade: g.name.clone(),
                self_count: scored.iter().filter(|m| m.own.grade == g.name).count(),
                review_count: scored
                    .iter()
                    .filter(|m| m.review.as_ref().is_some_and(|c| c.grade == g.name))
                    .count(),
            })
            .collect();

        Combined {
            level,
            rows,
            members: scored.len(),
            reviewed: scored.iter().filter(|m| m.review.is_some()).count(),
            branches: tally(scored.iter().map(|m| clean_name(&m.sub.branch))),
            section_averages,
            average_total: mean(scored.iter().map(|m| m.own.total)).unwrap_or_default(),
            average_review_total: mean(scored.iter().filter_map(|m| m.review.as_ref()).map(|c| c.total)),
            distribution,
            weakest: weakest_items(template, &scored),
            missing,
            duplicates,
            invisible,
            refused,
            kept,
        }
    }

    /// The branch's summary file (汇总文件) of this view: the self-checks
    /// counted (the newest of any duplicates), under `branch`, with the
    /// roster typed and the 单位 most of them name.
    pub fn branch_content(
        &self,
        template: &Template,
        subs: &[Submission],
        branch: &str,
        roster: Vec<String>,
    ) -> BranchContent {
        BranchContent {
            template: TemplateRef::of(template),
            unit: most_common_text(subs.iter().map(|x| x.assessment.respondent.unit.as_str())),
            branch: branch.to_string(),
            roster,
            results: self.kept.iter().map(|&i| subs[i].assessment.clone()).collect(),
        }
    }

    /// What the header of a printed or exported summary names: the branch
    /// typed, or 各支部对比 when rows are branches.
    pub fn scope(&self, branch: &str) -> String {
        match self.level {
            Level::Branch => "各支部对比".to_string(),
            Level::Member => branch.to_string(),
        }
    }

    /// Sorts the table by a column; names by their characters (see [`Combined::sort_rows_with`]).
    pub fn sort_rows(&mut self, key: SortKey, descending: bool) {
        self.sort_rows_with(key, descending, |a, b| a.cmp(b));
    }

    /// Sorts the table by a column, comparing names with `names` (the
    /// browser passes its zh-CN collation, which orders by pinyin); equal
    /// scores fall back to the names.
    pub fn sort_rows_with(&mut self, key: SortKey, descending: bool, names: impl Fn(&str, &str) -> std::cmp::Ordering) {
        sort_rows(&mut self.rows, key, descending, names);
    }
}

/// Sorts a table's rows by a column (see [`Combined::sort_rows_with`]): the
/// desk sorts a copy of the rows when a header is clicked, so nothing is
/// scored again.
pub fn sort_rows(
    rows: &mut Vec<Row>,
    key: SortKey,
    descending: bool,
    names: impl Fn(&str, &str) -> std::cmp::Ordering,
) {
    let value = |r: &Row| -> Points {
        match key {
            SortKey::Name => Points::ZERO,
            SortKey::Section(i) => r.sections.get(i).copied().unwrap_or_default(),
            SortKey::Total => r.total,
            SortKey::ReviewTotal => r.review.as_ref().map_or(Points::from_hundredths(-1), |x| x.1),
        }
    };
    crate::core::basics::sorted::sort_by(rows, |a, b| {
        let order = match key {
            SortKey::Name => names(&a.name, &b.name),
            _ => value(a).cmp(&value(b)).then_with(|| names(&a.name, &b.name)),
        };
        if descending {
            order.reverse()
        } else {
            order
        }
    });
}

fn member_row(m: &Scored) -> Row {
    let a = &m.sub.assessment;
    Row {
        name: clean_name(&a.respondent.name),
        detail: clean_name(&m.sub.branch),
        members: 1,
        sections: m.own.sections.iter().map(|s| s.earned).collect(),
        total: m.own.total,
        grade: m.own.grade.clone(),
        review: m
            .review
            .as_ref()
            .map(|c| (c.sections.iter().map(|s| s.earned).collect(), c.total, c.grade.clone())),
        vetoed: !m.own.vetoes.is_empty() || m.review.as_ref().is_some_and(|c| !c.vetoes.is_empty()),
    }
}

fn branch_rows(template: &Template, scored: &[Scored]) -> Vec<Row> {
    // Each member under their branch, found once; the branches in the
    // order first seen.
    let mut names: Vec<String> = Vec::new();
    let mut by_branch: HashMap<String, Vec<&Scored>> = HashMap::new();
    for m in scored {
        let name = clean_name(&m.sub.branch);
        by_branch
            .entry(name)
            .or_insert_with_key(|name| {
                names.push(name.clone());
                Vec::new()
            })
            .push(m);
    }
    names
        .into_iter()
        .map(|name| {
            let members = by_branch.remove(&name).unwrap_or_default();
            let sections = (0..template.sections.len())
                .map(|i| mean(members.iter().map(|m| m.own.sections[i].earned)).unwrap_or_default())
                .collect();
            let total = mean(members.iter().map(|m| m.own.total)).unwrap_or_default();
            let reviewed: Vec<&Scorecard> = members.iter().filter_map(|m| m.review.as_ref()).collect();
            let review = (!reviewed.is_empty()).then(|| {
                let secs = (0..template.sections.len())
                    .map(|i| mean(reviewed.iter().map(|c| c.sections[i].earned)).unwrap_or_default())
                    .collect();
                let t = mean(reviewed.iter().map(|c| c.total)).unwrap_or_default();
                (secs, t, template.grade_for(t).name.clone())
            });
            Row {
                name: if name.is_empty() {
                    "（未填支部）".to_string()
                } else {
                    name
                },
                detail: format!("{}人", members.len()),
                members: members.len(),
                sections,
                total,
                grade: template.grade_for(total).name.clone(),
                review,
                vetoed: members.iter().any(|m| !m.own.vetoes.is_empty()),
            }
        })
        .collect()
}

fn weakest_items(template: &Template, scored: &[Scored]) -> Vec<ItemAverage> {
    let mut out = Vec::new();
    for s in &template.sections {
        for item in s.items.iter().filter(|i| i.rule.is_base()) {
            let earned: Vec<Points> = scored
                .iter()
                .filter_map(|m| match ItemScore::of(item, m.sub.assessment.response(&item.id)) {
                    ItemScore::Base(p) => Some(p),
                    _ => None,
                })
                .collect();
            let total: Points = earned.iter().copied().sum();
            // Only items someone lost points on can be weak.
            if earned.is_empty() || total.hundredths() >= item.points.hundredths() * earned.len() as i64 {
                continue;
            }
            let average = total.mul_div(1, earned.len() as i64);
            out.push(ItemAverage {
                section: s.title.clone(),
                title: item.title.clone(),
                points: item.points,
                average,
                rate: percent(
                    total,
                    Points::from_hundredths(item.points.hundredths() * earned.len() as i64),
                ),
                answered: earned.len(),
            });
        }
    }
    crate::core::basics::sorted::sort_by_key(&mut out, |w| w.rate);
    out.truncate(WEAKEST_SHOWN);
    out
}
