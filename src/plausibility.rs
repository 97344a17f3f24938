//! Values that are almost certainly typos (issue 12 item 2): questioned before
//! they are saved, never refused here. The app asks for a confirmation naming
//! each doubt, the CLI refuses the write unless `--force`, an import lists them
//! as warnings. Pure: the caller gives what is stored (the previous quarter's
//! record, the budget) and the value about to be written.

use crate::model::{Actual, Indicator, MoneyUnit, Period, Spending};
use crate::target::{Kind, Op};
use crate::units::{Accumulation, convert};
use rust_decimal::Decimal;

/// How many times its target a value may be before it looks like a typo
/// (a misplaced decimal point or a wrong unit: `元` typed for `万元`).
pub const TIMES_TARGET: u32 = 100;

pub use crate::error::{Doubt, DoubtKind, describe_doubts as describe};

fn doubt(kind: DoubtKind, message: String) -> Doubt {
    Doubt { kind, message }
}

/// `value` written with `unit` (no space before `%`).
fn money(value: Decimal, unit: &str) -> String {
    let v = value.normalize();
    if unit.is_empty() || unit == "%" { format!("{v}{unit}") } else { format!("{v} {unit}") }
}

/// The reasons the quantity of `new`, an actual of `ind`, looks like a typo.
/// `previous` is the latest record of `ind` for an earlier quarter of the same
/// year, if any (a record of another year or a later quarter is not compared). Only quantity targets are questioned; a value whose unit does
/// not match the target's is refused elsewhere (`check_actual`) and not
/// questioned here.
pub fn actual_doubts(ind: &Indicator, previous: Option<&Actual>, new: &Actual) -> Vec<Doubt> {
    let t = &ind.target;
    let mut doubts = Vec::new();
    if t.kind != Kind::Quantity {
        return doubts;
    }
    let unit = t.unit_str();
    let in_target_unit = |a: &Actual| a.value.and_then(|v| convert(v, a.value_unit.as_deref().unwrap_or(""), unit).ok());
    let Some(v) = in_target_unit(new) else { return doubts };
    let written = new.value.map(|w| money(w, new.value_unit.as_deref().unwrap_or(unit))).unwrap_or_default();

    if ind.accumulation() == Accumulation::Cumulative
        && let Some(prev) = previous.filter(|p| p.period.year == new.period.year && p.period < new.period)
        && let Some(pv) = in_target_unit(prev)
        && v < pv
    {
        doubts.push(doubt(
            DoubtKind::BelowPrevious,
            format!("完成值 {written} 低于上一季度（{}）的累计值 {}：累计数不应减少", prev.period, money(pv, unit)),
        ));
    }
    if unit == "%" && ind.level3.contains('率') && v > Decimal::ONE_HUNDRED {
        doubts.push(doubt(DoubtKind::RateOver100, format!("“{}”是比率，完成值 {written} 超过了 100%", ind.level3)));
    }
    // the larger bound of a range; a target of 0 gives no scale to compare with
    let tv = match t.op {
        Some(Op::Range) => t.value_max.or(t.value),
        _ => t.value,
    }
    .unwrap_or_default();
    // a limit beyond what a Decimal holds cannot be passed
    if tv > Decimal::ZERO
        && let Some(limit) = tv.checked_mul(Decimal::from(TIMES_TARGET))
        && v > limit
    {
        doubts.push(doubt(
            DoubtKind::FarAboveTarget,
            format!("完成值 {written} 超过指标值 {} 的 {TIMES_TARGET} 倍：请检查小数点和单位", money(tv, unit)),
        ));
    }
    doubts
}

/// The reasons `amount`, the cumulative spending of a project by the end of
/// `period` about to be stored (in the project's money unit), looks like a typo.
/// `budget` is the project's (`Budget::full_year`), `previous` the latest
/// spending of an earlier quarter of the same year, if any.
pub fn spending_doubts(money_unit: MoneyUnit, budget: Decimal, previous: Option<&Spending>, period: Period, amount: Decimal) -> Vec<Doubt> {
    let unit = money_unit.as_str();
    let mut doubts = Vec::new();
    if budget > Decimal::ZERO && amount > budget {
        doubts.push(doubt(DoubtKind::OverBudget, format!("累计支出 {} 超过全年预算 {}", money(amount, unit), money(budget, unit))));
    }
    if let Some(prev) = previous.filter(|p| p.period.year == period.year && p.period < period)
        && amount < prev.amount
    {
        doubts.push(doubt(
            DoubtKind::BelowPrevious,
            format!("累计支出 {} 低于上一季度（{}）的累计支出 {}：累计数不应减少", money(amount, unit), prev.period, money(prev.amount, unit)),
        ));
    }
    doubts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Budget, MoneyUnit, Project};
    use crate::testing::{d, indicator, quantity_actual};

    fn ind(name: &str, target: &str) -> Indicator {
        indicator("产出指标", name, target)
    }

    fn actual(q: u32, value: &str, unit: Option<&str>) -> Actual {
        quantity_actual(Period::new(2023, q).unwrap(), d(value), unit.map(str::to_string))
    }

    fn kinds(doubts: &[Doubt]) -> Vec<DoubtKind> {
        doubts.iter().map(|d| d.kind).collect()
    }

    #[test]
    fn a_cumulative_count_that_goes_down() {
        let i = ind("培训人数", "≥300人");
        let prev = actual(2, "120", None);
        let got = actual_doubts(&i, Some(&prev), &actual(3, "80", Some("人")));
        assert_eq!(kinds(&got), [DoubtKind::BelowPrevious]);
        assert_eq!(got[0].message, "完成值 80 人 低于上一季度（2023Q2）的累计值 120 人：累计数不应减少");
        // the same or more is fine; units are converted before comparing
        assert!(actual_doubts(&i, Some(&prev), &actual(3, "120", None)).is_empty());
        let w = ind("服务人次", "≥3万人");
        assert!(actual_doubts(&w, Some(&actual(1, "1.2", None)), &actual(2, "15000", Some("人"))).is_empty());
        assert_eq!(kinds(&actual_doubts(&w, Some(&actual(1, "1.2", None)), &actual(2, "9000", Some("人")))), [DoubtKind::BelowPrevious]);
        // a level (a rate) may go down; a record of a later quarter is not "previous"
        let rate = ind("合格率", "≥95%");
        assert!(actual_doubts(&rate, Some(&actual(1, "98", None)), &actual(2, "90", None)).is_empty());
        assert!(actual_doubts(&i, Some(&actual(4, "200", None)), &actual(3, "80", None)).is_empty());
    }

    #[test]
    fn a_rate_over_100_percent() {
        let i = ind("验收合格率", "≥95%");
        let got = actual_doubts(&i, None, &actual(4, "960", Some("%")));
        assert_eq!(kinds(&got), [DoubtKind::RateOver100]);
        assert_eq!(got[0].message, "“验收合格率”是比率，完成值 960% 超过了 100%");
        assert!(actual_doubts(&i, None, &actual(4, "100", None)).is_empty());
        // a percentage that is not a 率 (a growth) may exceed 100
        assert!(actual_doubts(&ind("产值增长", "≥10%"), None, &actual(4, "150", None)).is_empty());
    }

    #[test]
    fn a_value_far_above_its_target() {
        let i = ind("新建基站", "≥30个");
        let got = actual_doubts(&i, None, &actual(4, "3001", None));
        assert_eq!(kinds(&got), [DoubtKind::FarAboveTarget]);
        assert_eq!(got[0].message, "完成值 3001 个 超过指标值 30 个 的 100 倍：请检查小数点和单位");
        assert!(actual_doubts(&i, None, &actual(4, "3000", None)).is_empty());
        // 元 typed where the target is in 万元, compared after conversion
        let money = ind("补助资金", "≤50万元");
        assert!(actual_doubts(&money, None, &actual(4, "480000", Some("元"))).is_empty());
        assert_eq!(kinds(&actual_doubts(&money, None, &actual(4, "5000.1", None))), [DoubtKind::FarAboveTarget]);
        // a range compares with its upper bound; a target of 0 gives no scale
        assert!(actual_doubts(&ind("时长", "5-6小时"), None, &actual(4, "600", None)).is_empty());
        assert!(actual_doubts(&ind("事故", "≤0起"), None, &actual(4, "5", None)).is_empty());
        // the largest numbers neither overflow nor pass unquestioned
        let big = actual_doubts(&i, None, &actual(4, &Decimal::MAX.to_string(), None));
        assert_eq!(kinds(&big), [DoubtKind::FarAboveTarget]);
        let huge_target = ind("总量", "≥79228162514264337593543950335");
        assert!(actual_doubts(&huge_target, None, &actual(4, &Decimal::MAX.to_string(), None)).is_empty());
    }

    #[test]
    fn several_doubts_at_once_and_none_for_other_kinds() {
        let i = ind("完成率", "≥0.5%");
        let got = actual_doubts(&i, Some(&actual(1, "300", None)), &actual(2, "200", None));
        // a rate is a level: no "below previous"
        assert_eq!(kinds(&got), [DoubtKind::RateOver100, DoubtKind::FarAboveTarget]);
        assert_eq!(
            describe(&got),
            "该数值可能填写有误：“完成率”是比率，完成值 200% 超过了 100%；完成值 200% 超过指标值 0.5% 的 100 倍：请检查小数点和单位"
        );
        let date = ind("完工时间", "2023年12月前");
        assert!(actual_doubts(&date, None, &actual(4, "5", None)).is_empty());
        // a unit that does not compare is check_actual's business
        assert!(actual_doubts(&ind("新建基站", "≥30个"), None, &actual(4, "99999", Some("元"))).is_empty());
    }

    fn project(budget: &str) -> Project {
        Project {
            id: 1,
            year: 2023,
            code: "P1".into(),
            name: "项目".into(),
            unit_code: "U1".into(),
            unit_name: "单位".into(),
            money_unit: MoneyUnit::WanYuan,
            budget: Budget { total: Some(d(budget)), fiscal: None, other: None, adjusted: None },
            fund_use: None,
            goal: None,
            spending_plan: Vec::new(),
            texts: Default::default(),
        }
    }

    fn q(n: u32) -> Period {
        Period::new(2023, n).unwrap()
    }

    fn spending(q: u32, amount: &str) -> Spending {
        Spending {
            id: 0,
            project_id: 1,
            period: Period::new(2023, q).unwrap(),
            amount: d(amount),
            reason: None,
            measures: None,
            updated_at: String::new(),
        }
    }

    #[test]
    fn spending_over_budget_or_going_down() {
        let p = project("500");
        // issue 12: 79228162514264337593543950335 万元 against 500 万元 was saved without a word
        let got = spending_doubts(p.money_unit, p.budget.full_year(), None, q(2), d("79228162514264337593543950335"));
        assert_eq!(kinds(&got), [DoubtKind::OverBudget]);
        assert_eq!(got[0].message, "累计支出 79228162514264337593543950335 万元 超过全年预算 500 万元");
        assert!(spending_doubts(p.money_unit, p.budget.full_year(), None, q(4), d("500")).is_empty());
        let got = spending_doubts(p.money_unit, p.budget.full_year(), Some(&spending(2, "300")), q(3), d("250"));
        assert_eq!(kinds(&got), [DoubtKind::BelowPrevious]);
        assert_eq!(got[0].message, "累计支出 250 万元 低于上一季度（2023Q2）的累计支出 300 万元：累计数不应减少");
        // no budget entered: nothing to compare with
        assert!(spending_doubts(MoneyUnit::WanYuan, project("0").budget.full_year(), None, q(1), d("10")).is_empty());
        // a later quarter's spending is not "previous"
        assert!(spending_doubts(p.money_unit, p.budget.full_year(), Some(&spending(4, "300")), q(3), d("250")).is_empty());
    }
}
