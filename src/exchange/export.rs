//! A stored project as exchange format v1 writes it.

use super::{FORMAT, File, VERSION, XActual, XBudget, XIndicator, XPlan, XProject, XSpending, XTexts, XUnit};
use crate::model::{Actual, Indicator, Project, Spending, Unit};
use rust_decimal::Decimal;
use std::collections::HashMap;

fn s(d: Option<Decimal>) -> Option<String> {
    d.map(|d| d.to_string())
}

/// The file of these units and projects.
pub fn file_of(units: Vec<Unit>, projects: Vec<XProject>) -> File {
    let units = units.into_iter().map(|u| XUnit { code: u.code, name: Some(u.name), parent: u.parent }).collect();
    File { format: FORMAT.into(), version: VERSION, units, projects }
}

/// One project with its indicators, actuals and spending. An indicator without
/// a key whose name is not unique in the project gets one (`#position`), so its
/// actuals can name it.
pub fn project_to_x(p: Project, inds: &[Indicator], actuals: Vec<Actual>, spending: Vec<Spending>) -> XProject {
    let mut name_count: HashMap<&str, usize> = HashMap::new();
    for i in inds {
        *name_count.entry(i.level3.as_str()).or_default() += 1;
    }
    let keys: HashMap<i64, (Option<String>, &str)> = inds
        .iter()
        .map(|i| {
            let k = match &i.key {
                Some(k) => Some(k.clone()),
                None if name_count[i.level3.as_str()] > 1 => Some(format!("#{}", i.position)),
                None => None,
            };
            (i.id, (k, i.level3.as_str()))
        })
        .collect();
    let reference = |id: i64| -> String {
        match keys.get(&id) {
            Some((Some(k), _)) => k.clone(),
            Some((None, name)) => name.to_string(),
            None => id.to_string(),
        }
    };
    let actuals = actuals
        .into_iter()
        .map(|a| XActual {
            indicator: reference(a.indicator_id),
            period: a.period.to_string(),
            value: a.value.map(|v| format!("{v}{}", a.value_unit.as_deref().unwrap_or(""))),
            level: a.level.map(|l| l.as_str().to_string()),
            ratio: s(a.ratio),
            done_on: a.done_on.map(|d| d.to_string()),
            reason: a.reason,
            measures: a.measures,
            forecast: a.forecast,
            likelihood: a.likelihood.map(|l| l.as_str().to_string()),
            reason_category: a.reason_category.map(|c| c.as_str().to_string()),
        })
        .collect();
    let spending = spending
        .into_iter()
        .map(|x| XSpending { period: x.period.to_string(), amount: Some(x.amount.to_string()), reason: x.reason, measures: x.measures })
        .collect();
    XProject {
        year: p.year,
        code: p.code,
        unit: Some(p.unit_code),
        name: Some(p.name),
        money_unit: Some(p.money_unit.as_str().to_string()),
        budget: Some(XBudget { total: s(p.budget.total), fiscal: s(p.budget.fiscal), other: s(p.budget.other), adjusted: s(p.budget.adjusted) }),
        fund_use: p.fund_use,
        goal: p.goal,
        spending_plan: p.spending_plan.iter().map(|x| XPlan { month: x.month, amount: s(x.amount) }).collect(),
        indicators: inds
            .iter()
            .map(|i| XIndicator {
                id: keys[&i.id].0.clone(),
                level1: Some(i.level1.clone()),
                level2: Some(i.level2.clone()),
                level3: i.level3.clone(),
                description: i.description.clone(),
                target: Some(i.target_text.clone()),
                basis: i.basis.clone(),
                weight: s(i.weight),
                accumulation: i.accumulation_set.map(|a| a.as_str().to_string()),
                not_applicable: i.not_applicable.clone(),
                guessed: vec![],
            })
            .collect(),
        actuals,
        spending,
        evaluation: Some(XTexts {
            achieved: p.texts.achieved,
            conclusion: p.texts.conclusion,
            problems: p.texts.problems,
            improvements: p.texts.improvements,
        }),
    }
}
