//! What the app's import preview shows before anything is written: the file as
//! read (which the officer may edit in place and send back), each indicator's
//! target as understood, what is doubtful about it (a guessed level, a target
//! not understood, a blank field), and the review's findings beside their rows.
//! Pure: `crate::service::exchange::preview` fills in what the database knows.

use crate::exchange::{File, XIndicator, XPlan};
use crate::model::PLAN_MONTHS;
use crate::review::{Conclusion, Finding, Review};
use crate::target::{self, Kind};
use super::text::{GUESSED_LEVEL1, GUESSED_LEVEL2};
use crate::model::LEVEL2;
use serde::Serialize;

/// A file about to be imported, as the preview shows it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct Preview {
    /// What will be imported; edited in the preview, it comes back to be
    /// checked again or imported.
    pub file: File,
    /// Beside each project of `file`, in its order.
    pub projects: Vec<PreviewProject>,
    /// The first check the file fails, in Chinese: nothing can be imported until it is fixed.
    pub error: Option<String>,
    /// Values that look like typos (imported as written).
    pub warnings: Vec<String>,
    /// The database holds data already: it is backed up before the import.
    pub backup: bool,
    /// Units the file names that the database does not have: the import
    /// creates them (their code is the name as written).
    pub new_units: Vec<String>,
    /// 指标值确定依据 offered when a basis is edited: the standard forms of
    /// the review setting `review_basis_standards` (others may be typed).
    pub basis_choices: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct PreviewProject {
    /// A stored project of the same year and code will be replaced.
    pub replaces: bool,
    /// Why it cannot be replaced (a quarter of it is 报送), if so.
    pub refused: Option<String>,
    /// The review's suggested conclusion (none while the file fails a check).
    pub conclusion: Option<Conclusion>,
    /// The review's findings on the whole table.
    pub findings: Vec<Finding>,
    /// Beside each indicator of the project, in its order.
    pub indicators: Vec<PreviewIndicator>,
    /// The spending plan at each checkpoint of the form (and any other month
    /// the file gives), a blank one doubtful.
    pub plan: Vec<PreviewCheckpoint>,
}

/// One checkpoint of the 资金支出计划 (a cumulative amount at a month's end).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct PreviewCheckpoint {
    pub month: u32,
    /// As the file gives it.
    pub amount: Option<String>,
    /// What to check, in Chinese: a blank checkpoint.
    pub doubt: Option<String>,
}

/// The plan's checkpoints: the form's four (a blank one doubtful) and any other month given.
pub fn plan(points: &[XPlan]) -> Vec<PreviewCheckpoint> {
    let given = |m: u32| points.iter().find(|x| x.month == m).and_then(|x| x.amount.clone()).filter(|a| !a.trim().is_empty());
    let mut months: Vec<u32> = PLAN_MONTHS.iter().copied().chain(points.iter().map(|x| x.month)).collect();
    months.sort_unstable();
    months.dedup();
    months
        .into_iter()
        .map(|month| {
            let amount = given(month);
            let doubt = amount.is_none().then(|| format!("{month}月底的计划支出未填写，请核对后填写"));
            PreviewCheckpoint { month, amount, doubt }
        })
        .collect()
}

/// The name in `XIndicator::guessed` of a target whose direction the file
/// does not state (a bare `95%`, no 指标性质 or 符号 column saying `≥` or `≤`):
/// it is read as `≥`, the officer confirms it (see [`unstated_direction`]).
pub const GUESSED_OP: &str = "op";

/// Whether the direction of `xi`'s target is a guess still to be confirmed:
/// a reader marked it ([`GUESSED_OP`]) and its text, as it stands (the
/// officer may have rewritten it since), states no operator.
pub fn unstated_direction(xi: &XIndicator, year: i32) -> bool {
    xi.guessed.iter().any(|g| g == GUESSED_OP) && xi.target.as_deref().is_some_and(|t| target::parse(t, year).kind == Kind::Quantity && !target::states_op(t, year))
}

/// The rows of `file` whose target's direction is a guess ([`unstated_direction`]):
/// (project code, row from 1, level-3 name, target as written).
pub fn unstated_directions(file: &File) -> Vec<(String, usize, String, String)> {
    file.projects
        .iter()
        .flat_map(|p| {
            p.indicators
                .iter()
                .enumerate()
                .filter(|(_, xi)| unstated_direction(xi, p.year))
                .map(|(n, xi)| (p.code.clone(), n + 1, xi.level3.clone(), xi.target.clone().unwrap_or_default()))
        })
        .collect()
}

#[derive(Debug, Clone, Default, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct PreviewIndicator {
    /// The target as the program understands it (`target::Target::describe`).
    pub understood: String,
    /// The file does not state the target's direction: read as `≥`, the
    /// import needs the officer's confirmation ([`unstated_direction`]).
    pub direction_guessed: bool,
    pub doubts: Vec<PreviewDoubt>,
    /// The review's findings on this row.
    pub findings: Vec<Finding>,
}

/// Something the officer should check before importing, on one field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct PreviewDoubt {
    /// `level1`, `level2`, `level3` or `target`.
    pub field: String,
    /// What to check, in Chinese.
    pub message: String,
}

fn doubt(field: &str, message: String) -> PreviewDoubt {
    PreviewDoubt { field: field.into(), message }
}

/// An indicator of a project of `year`: its target as understood, and its doubts.
pub fn indicator(xi: &XIndicator, year: i32) -> PreviewIndicator {
    let mut doubts = Vec::new();
    let text = |v: &Option<String>| v.as_deref().map(str::trim).unwrap_or("").to_string();
    let (level1, level2) = (text(&xi.level1), text(&xi.level2));
    for (field, name, value) in [(GUESSED_LEVEL1, "一级指标", &level1), (GUESSED_LEVEL2, "二级指标", &level2)] {
        if value.is_empty() {
            doubts.push(doubt(field, format!("{name}未填写，请选择")));
        } else if xi.guessed.iter().any(|g| g == field) {
            doubts.push(doubt(field, format!("{name}“{value}”是按指标名称推测的，请核对")));
        }
    }
    if let Some((_, of)) = LEVEL2.iter().find(|(l2, _)| *l2 == level2)
        && !level1.is_empty()
        && level1 != *of
    {
        doubts.push(doubt(GUESSED_LEVEL2, format!("二级指标“{level2}”属于{of}，而一级指标是“{level1}”")));
    }
    if xi.level3.trim().is_empty() {
        doubts.push(doubt("level3", "三级指标名称是空的".into()));
    }
    let target_text = text(&xi.target);
    let understood = target::parse(&target_text, year);
    if target_text.is_empty() {
        doubts.push(doubt("target", "指标值未填写".into()));
    } else if understood.kind == Kind::NotUnderstood {
        doubts.push(doubt("target", format!("指标值“{target_text}”无法识别，请改写（如 ≥90%、≥3 个、{year}年10月底前、显著提升）")));
    }
    let direction_guessed = unstated_direction(xi, year);
    if direction_guessed {
        doubts.push(doubt("target", format!("指标值“{target_text}”没有写明比较方向（≥、≤、=），按“{}”理解；若是上限请改为“≤{target_text}”，导入时需确认", understood.describe())));
    }
    PreviewIndicator { understood: understood.describe(), direction_guessed, doubts, findings: Vec::new() }
}

/// A project's rows (of `indicators` of the file's project of `year`) and its
/// plan's checkpoints, with their doubts; no findings yet.
pub fn project(indicators: &[XIndicator], points: &[XPlan], year: i32) -> PreviewProject {
    PreviewProject { indicators: indicators.iter().map(|x| indicator(x, year)).collect(), plan: plan(points), ..Default::default() }
}

impl PreviewProject {
    /// Sets the review's conclusion and its findings, each beside its row
    /// (those of the whole table above it).
    pub fn with_review(mut self, review: Review) -> Self {
        self.conclusion = Some(review.conclusion);
        for f in review.findings {
            match f.row.and_then(|r| self.indicators.get_mut(r)) {
                Some(row) => row.findings.push(f),
                None => self.findings.push(f),
            }
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn xi(level1: &str, level2: &str, target: &str, guessed: &[&str]) -> XIndicator {
        XIndicator {
            id: None,
            level1: Some(level1.into()),
            level2: Some(level2.into()),
            level3: "受奖补数据中心数量".into(),
            description: None,
            target: Some(target.into()),
            basis: Some("计划标准".into()),
            weight: None,
            accumulation: None,
            not_applicable: None,
            guessed: guessed.iter().map(|g| g.to_string()).collect(),
        }
    }

    fn fields(p: &PreviewIndicator) -> Vec<&str> {
        p.doubts.iter().map(|d| d.field.as_str()).collect()
    }

    #[test]
    fn a_blank_checkpoint_of_the_plan_is_a_doubt_and_a_given_one_is_not() {
        let points = [XPlan { month: 6, amount: Some("800".into()) }, XPlan { month: 10, amount: Some(" ".into()) }, XPlan { month: 11, amount: Some("900".into()) }];
        let checkpoints = plan(&points);
        let shown: Vec<(u32, Option<&str>, bool)> = checkpoints.iter().map(|c| (c.month, c.amount.as_deref(), c.doubt.is_some())).collect();
        assert_eq!(shown, [(3, None, true), (6, Some("800"), false), (10, None, true), (11, Some("900"), false), (12, None, true)]);
        assert_eq!(plan(&[])[0].doubt.as_deref(), Some("3月底的计划支出未填写，请核对后填写"));
    }

    #[test]
    fn a_row_read_as_written_has_no_doubt() {
        let p = indicator(&xi("产出指标", "数量指标", "≥3 个", &[]), 2023);
        assert!(p.doubts.is_empty(), "{:?}", p.doubts);
        assert_eq!(p.understood, target::parse("≥3 个", 2023).describe());
    }

    #[test]
    fn guessed_blank_mismatched_levels_and_unread_targets_are_doubts() {
        assert_eq!(fields(&indicator(&xi("产出指标", "数量指标", "≥3 个", &["level2"]), 2023)), ["level2"]);
        assert_eq!(fields(&indicator(&xi("产出指标", "", "≥3 个", &[]), 2023)), ["level2"]);
        assert_eq!(fields(&indicator(&xi("效益指标", "数量指标", "≥3 个", &[]), 2023)), ["level2"]);
        assert_eq!(fields(&indicator(&xi("", "数量指标", "", &["level2"]), 2023)), ["level1", "level2", "target"]);
        let unread = indicator(&xi("产出指标", "数量指标", "@@", &[]), 2023);
        assert_eq!(fields(&unread), ["target"]);
        assert!(unread.doubts[0].message.contains("无法识别"));
    }
}
