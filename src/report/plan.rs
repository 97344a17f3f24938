//! The 规划主要指标监测表 (plan-indicators.md §6) as a report: a plan's
//! indicators judged in one year, with their actuals year by year. Pure: the
//! judging is done before (`crate::service::plans`), this only writes the
//! figures it was given for the form, which the same template (`forms.typ`)
//! and xlsx writer typeset as the other forms.

use super::{FormKind, PlanForm, PlanFormCount, PlanFormRow, Report};
use crate::display::{fixed2_text, percent_text};
use crate::model::Period;
use crate::model::plan::{Plan, PlanActual, PlanIndicator, PlanKind, PlanLight, PlanStatus, Verdict};
use rust_decimal::Decimal;

/// One indicator as the form needs it: as stored, and as judged in the year.
#[derive(Debug, Clone, Copy)]
pub struct PlanSource<'a> {
    pub indicator: &'a PlanIndicator,
    pub actuals: &'a [PlanActual],
    pub verdicts: &'a [Verdict],
    /// E of the year judged.
    pub expected: Option<Decimal>,
    /// p of the year judged.
    pub progress: Option<Decimal>,
    pub status: PlanStatus,
    pub light: PlanLight,
}

/// The 监测表 of `plan` judged in `year`, its rows those given (of `unit`
/// when the rows were chosen by a responsible unit); `counts` the judged
/// rows per status (statuses no row has are left out).
pub fn plan_report(plan: &Plan, year: i32, unit: Option<&str>, rows: &[PlanSource], counts: &[(PlanStatus, PlanLight, usize)]) -> Report {
    let kind = FormKind::Plan;
    let years: Vec<i32> = (plan.base_year + 1..=year.min(plan.end_year)).collect();
    let form = PlanForm {
        code: plan.code.clone(),
        name: plan.name.clone(),
        document: plan.document.clone().unwrap_or_default(),
        unit: unit.unwrap_or_default().to_string(),
        rows: rows.iter().map(|s| row(s, &years)).collect(),
        counts: counts
            .iter()
            .filter(|(_, _, n)| *n > 0)
            .map(|(s, l, n)| PlanFormCount { label: s.label().to_string(), light: l.as_str().to_string(), count: *n })
            .collect(),
        years,
    };
    Report {
        kind,
        page: kind.page(),
        title: kind.title().to_string(),
        subtitle: format!("（{year} 年度）"),
        year,
        period: Period::year_end(year),
        months: "1—12月".into(),
        projects: Vec::new(),
        summary: None,
        reviews: Vec::new(),
        plan: Some(form),
        footnote: vec![
            "序时目标为该年的里程碑值，或基期值至目标值按规划年限均匀推进（年均增速、年均值、每年值等类型按其规则）的当年应达值；进度 = （实际值 − 基期值）÷（序时目标 − 基期值）。".into(),
            "定性指标的评价由填报人给出，并附说明；“未填报”为该年尚无实际值。".into(),
        ],
    }
}

/// A decimal as recorded, without trailing zeros after the point.
fn plain(d: Decimal) -> String {
    d.normalize().to_string()
}

fn row(s: &PlanSource, years: &[i32]) -> PlanFormRow {
    let i = s.indicator;
    let values = years
        .iter()
        .map(|&y| {
            if i.kind == PlanKind::Qualitative {
                s.verdicts.iter().find(|v| v.year == y).map(|v| v.status.label().to_string()).unwrap_or_default()
            } else {
                s.actuals.iter().find(|a| a.year == y).map(|a| plain(a.value)).unwrap_or_default()
            }
        })
        .collect();
    PlanFormRow {
        id: i.id.clone(),
        name: i.name.clone(),
        unit: i.unit.clone().unwrap_or_default(),
        attribute: i.attribute.map(|a| a.as_str().to_string()).unwrap_or_default(),
        baseline: i.baseline.as_ref().map(|b| format!("{}（{}年）", b.text, b.year)).unwrap_or_else(|| "—".into()),
        target: format!("{}（{}年）", i.target.text, i.target.year),
        values,
        expected: fixed2_text(s.expected),
        progress: percent_text(s.progress),
        label: s.status.label().to_string(),
        light: s.light.as_str().to_string(),
        lead_unit: i.lead_unit().unwrap_or_default().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::plan::{Attribute, Baseline, Direction, PlanTarget};
    use crate::target::Op;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn the_form_has_a_column_per_year_up_to_the_year_judged_and_counts_only_statuses_present() {
        let plan = Plan {
            code: "KJ".into(),
            name: "科技创新规划".into(),
            document: Some("青政办发〔2021〕11号".into()),
            issuer: None,
            issued_on: None,
            base_year: 2020,
            end_year: 2025,
            unit: None,
        };
        let ind = PlanIndicator {
            id: "5".into(),
            section: None,
            name: "高新技术企业数量".into(),
            unit: Some("家".into()),
            kind: PlanKind::Level,
            attribute: Some(Attribute::Expected),
            direction: Direction::Up,
            baseline: Some(Baseline { text: "4396".into(), value: d("4396"), year: 2020, approx: false }),
            target: PlanTarget { text: "8000".into(), op: Some(Op::Ge), value: Some(d("8000")), value_max: None, year: 2025 },
            milestones: vec![],
            responsible: vec![],
            source: None,
        };
        let actuals = [PlanActual { year: 2021, value: d("5000.0"), note: None }, PlanActual { year: 2023, value: d("6600"), note: None }];
        let src = PlanSource {
            indicator: &ind,
            actuals: &actuals,
            verdicts: &[],
            expected: Some(d("6558.4")),
            progress: Some(d("1.01923")),
            status: PlanStatus::OnTrack,
            light: PlanLight::Green,
        };
        let counts = [(PlanStatus::OnTrack, PlanLight::Green, 1), (PlanStatus::Behind, PlanLight::Yellow, 0)];
        let r = plan_report(&plan, 2023, None, &[src], &counts);
        assert_eq!((r.kind, r.title.as_str(), r.subtitle.as_str(), r.page.landscape), (FormKind::Plan, "规划主要指标监测表", "（2023 年度）", true));
        let f = r.plan.as_ref().unwrap();
        assert_eq!(f.years, vec![2021, 2022, 2023]);
        let row = &f.rows[0];
        assert_eq!(row.values, vec!["5000", "", "6600"]);
        assert_eq!((row.baseline.as_str(), row.target.as_str()), ("4396（2020年）", "8000（2025年）"));
        assert_eq!((row.expected.as_str(), row.progress.as_str(), row.label.as_str(), row.light.as_str()), ("6558.40", "101.92%", "基本符合预期", "green"));
        assert_eq!(f.counts.len(), 1);
        assert_eq!((f.counts[0].label.as_str(), f.counts[0].count), ("基本符合预期", 1));
        assert_eq!(r.project_count(), 1);
    }
}
