//! 绩效目标审核 of the published tables: they passed the bureau's review, so
//! they get no error, and each warning or note they get is listed (and agreed with).

use jixiao::exchange::{XProject, parse_file};
use jixiao::model::{Budget, EvaluationTexts, Indicator, MoneyUnit, PlanPoint, Project};
use jixiao::review::{Conclusion, ReviewSettings, Severity, review};
use rust_decimal::Decimal;
use std::str::FromStr;

fn dec(s: &Option<String>) -> Option<Decimal> {
    s.as_deref().map(|v| Decimal::from_str(&v.replace(',', "")).expect("a sample amount"))
}

/// A project of an exchange file as the store would hold it (the fields the review reads).
fn project(x: &XProject) -> (Project, Vec<Indicator>) {
    let b = x.budget.clone().unwrap_or_default();
    let project = Project {
        id: 1,
        year: x.year,
        code: x.code.clone(),
        name: x.name.clone().unwrap_or_default(),
        unit_code: x.unit.clone().unwrap_or_default(),
        unit_name: String::new(),
        money_unit: x.money_unit.as_deref().map(|m| MoneyUnit::parse(m).unwrap()).unwrap_or(MoneyUnit::WanYuan),
        budget: Budget { total: dec(&b.total), fiscal: dec(&b.fiscal), other: dec(&b.other), adjusted: dec(&b.adjusted) },
        fund_use: x.fund_use.clone(),
        goal: x.goal.clone(),
        spending_plan: x.spending_plan.iter().map(|p| PlanPoint { month: p.month, amount: dec(&p.amount) }).collect(),
        texts: EvaluationTexts::default(),
    };
    let indicators = x
        .indicators
        .iter()
        .enumerate()
        .map(|(n, i)| {
            let text = i.target.clone().unwrap_or_default();
            Indicator {
                id: n as i64 + 1,
                project_id: 1,
                key: i.id.clone(),
                position: n as i64 + 1,
                level1: i.level1.clone().unwrap_or_default(),
                level2: i.level2.clone().unwrap_or_default(),
                level3: i.level3.clone(),
                description: i.description.clone(),
                target: jixiao::target::parse(&text, x.year),
                target_text: text,
                target_manual: false,
                basis: i.basis.clone(),
                weight: dec(&i.weight),
                accumulation_set: None,
                not_applicable: i.not_applicable.clone(),
            }
        })
        .collect();
    (project, indicators)
}

/// `(code, rule, severity, indicator)` of every finding, and each project's conclusion.
fn findings(path: &str) -> (Vec<(String, &'static str, Severity, Option<String>)>, Vec<Conclusion>) {
    let text = std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let file = parse_file(&text).unwrap();
    let settings = ReviewSettings::default();
    let mut all = Vec::new();
    let mut conclusions = Vec::new();
    for x in &file.projects {
        let (p, inds) = project(x);
        let r = review(&p, &inds, None, &settings);
        for f in &r.findings {
            assert!(!f.message.is_empty());
            println!("{} {} {:?} {:?}: {}", p.code, f.rule.id(), f.severity, f.indicator, f.message);
        }
        all.extend(r.findings.iter().map(|f| (p.code.clone(), f.rule.id(), f.severity, f.indicator.clone())));
        conclusions.push(r.conclusion);
    }
    (all, conclusions)
}

#[test]
fn the_bigdata_tables_pass_with_two_notes() {
    let (found, conclusions) = findings("fixtures/bigdata-2023-part1.json");
    assert!(found.iter().all(|f| f.2 != Severity::Error), "{found:#?}");
    let got: Vec<(&str, &str, Severity, Option<&str>)> = found.iter().map(|f| (f.0.as_str(), f.1, f.2, f.3.as_deref())).collect();
    assert_eq!(
        got,
        vec![
            // 基础型以上 is an ordinal label: judged by 档次 at 自评
            ("37020023P130005100027", "unquantified", Severity::Info, Some("社区达标类别")),
            // the table writes 历史指标 for 历史标准
            ("37020023P88002811135Y", "basis-category", Severity::Info, Some("大数据发展专项业务预算控制数")),
        ]
    );
    assert_eq!(conclusions, vec![Conclusion::Excellent; 3]);
}

#[test]
fn the_narrative_targets_pass_but_lack_their_bases() {
    let (found, conclusions) = findings("fixtures/industry-2025-narrative.json");
    assert!(found.iter().all(|f| f.2 != Severity::Error), "{found:#?}");
    // prose gives no 指标值确定依据: each of the 10 indicators is asked for one, nothing else
    assert_eq!(found.len(), 10, "{found:#?}");
    assert!(found.iter().all(|f| f.1 == "missing-basis" && f.2 == Severity::Warning && f.3.is_some()), "{found:#?}");
    assert_eq!(conclusions, vec![Conclusion::Good]);
}
