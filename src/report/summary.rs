//! The 汇总表: a row per project, ordered by unit and code, a subtotal per unit
//! when there are several, and the total. Every amount is in one money unit.

use super::{Fixed2, Percent, ProjectSource, SummaryForm, SummaryRow};
use crate::model::MoneyUnit;
use crate::scoring::{ProjectEvaluation, Status};
use rust_decimal::Decimal;

/// How many 元 one `unit` is.
fn yuan(unit: MoneyUnit) -> Decimal {
    match unit {
        MoneyUnit::Yuan => Decimal::ONE,
        MoneyUnit::WanYuan => Decimal::from(10_000),
        MoneyUnit::YiYuan => Decimal::from(100_000_000),
    }
}

/// The unit a summary of projects kept in `units` is written in: the smallest
/// of them, so that converting is exact (a multiplication by 10⁴ or 10⁸);
/// 万元 (the projects' default) when there are none.
fn summary_unit(units: impl Iterator<Item = MoneyUnit>) -> MoneyUnit {
    units.min_by_key(|&u| yuan(u)).unwrap_or(MoneyUnit::WanYuan)
}

/// The 汇总表 of the evaluated projects `pes` (with their `sources`, in the
/// same order), and the footnote lines it adds (how amounts were converted).
pub(super) fn summary_form(pes: &[ProjectEvaluation], sources: &[ProjectSource]) -> (SummaryForm, Vec<String>) {
    let unit = summary_unit(sources.iter().map(|s| s.project.money_unit));
    let convert = |amount: Decimal, from: MoneyUnit| amount * (yuan(from) / yuan(unit));
    let mut order: Vec<usize> = (0..sources.len().min(pes.len())).collect();
    order.sort_by(|&a, &b| {
        let (pa, pb) = (&sources[a].project, &sources[b].project);
        (&pa.unit_code, &pa.code).cmp(&(&pb.unit_code, &pb.code))
    });
    let row_of = |k: usize, number: usize| {
        let (p, pe) = (&sources[k].project, &pes[k]);
        let be = &pe.budget_execution;
        let count = |s: Status| pe.indicators.iter().filter(|i| i.status == s).count();
        SummaryRow {
            number: number.to_string(),
            code: p.code.clone(),
            name: p.name.clone(),
            unit_name: p.unit_name.clone(),
            is_total: false,
            budget: Fixed2(Some(convert(be.budget, p.money_unit))),
            spent: Fixed2(Some(convert(be.spent, p.money_unit))),
            rate: Percent(be.rate),
            indicators: pe.indicators.len(),
            passed: count(Status::Pass),
            failed: count(Status::Fail),
            missing: count(Status::Missing),
            score: Fixed2(Some(pe.total_score)),
            grade: pe.grade.to_string(),
        }
    };
    let units: Vec<&[usize]> = order.chunk_by(|&a, &b| sources[a].project.unit_code == sources[b].project.unit_code).collect();
    let mut rows = Vec::new();
    let mut all = Vec::new();
    for group in &units {
        let first = all.len() + 1;
        let unit_rows: Vec<SummaryRow> = group.iter().enumerate().map(|(i, &k)| row_of(k, first + i)).collect();
        rows.extend(unit_rows.iter().cloned());
        if units.len() > 1 {
            rows.push(total_of(format!("小计：{}", sources[group[0]].project.unit_name), &unit_rows));
        }
        all.extend(unit_rows);
    }
    let total = total_of("合计".into(), &all);
    let names: Vec<&str> = units.iter().map(|g| sources[g[0]].project.unit_name.as_str()).collect();
    let mut others: Vec<MoneyUnit> = sources.iter().map(|s| s.project.money_unit).filter(|&u| u != unit).collect();
    others.sort_by_key(|&u| yuan(u));
    others.dedup();
    let notes = if others.is_empty() {
        Vec::new()
    } else {
        let rates: Vec<String> =
            others.iter().map(|&u| format!("1 {} = {} {}", u.as_str(), yuan(u) / yuan(unit), unit.as_str())).collect();
        vec![format!("金额单位不同的项目已折算为{}（{}）。", unit.as_str(), rates.join("，"))]
    };
    (SummaryForm { units: names.join("、"), money_unit: unit.as_str().to_string(), rows, total }, notes)
}

/// A unit subtotal or the total of `rows`.
fn total_of(label: String, rows: &[SummaryRow]) -> SummaryRow {
    let budget: Decimal = rows.iter().filter_map(|r| r.budget.0).sum();
    let spent: Decimal = rows.iter().filter_map(|r| r.spent.0).sum();
    SummaryRow {
        number: String::new(),
        code: String::new(),
        name: label,
        unit_name: String::new(),
        is_total: true,
        budget: Fixed2(Some(budget)),
        spent: Fixed2(Some(spent)),
        // the execution rate of the money added up, not an average of rates
        rate: Percent((budget > Decimal::ZERO).then(|| spent / budget)),
        indicators: rows.iter().map(|r| r.indicators).sum(),
        passed: rows.iter().map(|r| r.passed).sum(),
        failed: rows.iter().map(|r| r.failed).sum(),
        missing: rows.iter().map(|r| r.missing).sum(),
        score: Fixed2(None),
        grade: String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_unit_is_the_smallest_and_converts_exactly() {
        use MoneyUnit::*;
        assert_eq!(summary_unit([WanYuan, Yuan, WanYuan].into_iter()), Yuan);
        assert_eq!(summary_unit([YiYuan, WanYuan].into_iter()), WanYuan);
        assert_eq!(summary_unit(std::iter::empty()), WanYuan);
        assert_eq!(Decimal::new(1234567, 2) * (yuan(YiYuan) / yuan(WanYuan)), Decimal::from(123_456_700));
    }
}
