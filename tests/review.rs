//! 绩效目标审核 of the published tables: they passed the bureau's review, so
//! they get no error, and each warning or note they get is listed (and agreed with).

use jixiao::exchange::{File, XProject, parse_file};
use jixiao::model::{Budget, EvaluationTexts, Indicator, MoneyUnit, PlanPoint, Project};
use jixiao::review::{Conclusion, Review, ReviewSettings, Severity, review};
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

fn read(path: &str) -> String {
    std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// Each project of a sample file with its review.
fn reviews(path: &str) -> Vec<(Project, Review)> {
    reviewed(parse_file(&read(path)).unwrap())
}

fn reviewed(file: File) -> Vec<(Project, Review)> {
    let settings = ReviewSettings::default();
    file.projects
        .iter()
        .map(|x| {
            let (p, inds) = project(x);
            let r = review(&p, &inds, None, &settings);
            for f in &r.findings {
                assert!(!f.message.is_empty());
                println!("{} {} {:?} {:?}: {}", p.code, f.rule.id(), f.severity, f.indicator, f.message);
            }
            (p, r)
        })
        .collect()
}

/// `(code, rule, severity, indicator)` of every finding.
fn listed(reviews: &[(Project, Review)]) -> Vec<(&str, &str, Severity, Option<&str>)> {
    reviews.iter().flat_map(|(p, r)| r.findings.iter().map(|f| (p.code.as_str(), f.rule.id(), f.severity, f.indicator.as_deref()))).collect()
}

#[test]
fn the_bigdata_tables_pass_with_two_notes() {
    let reviews = reviews("fixtures/bigdata-2023-part1.json");
    assert_eq!(
        listed(&reviews),
        vec![
            // 基础型以上 is an ordinal label: judged by 档次 at 自评
            ("37020023P130005100027", "unquantified", Severity::Info, Some("社区达标类别")),
            // the table writes 历史指标 for 历史标准
            ("37020023P88002811135Y", "basis-category", Severity::Info, Some("大数据发展专项业务预算控制数")),
        ]
    );
    assert!(reviews.iter().all(|(_, r)| r.conclusion == Conclusion::Excellent));
}

#[test]
fn the_narrative_targets_pass_but_lack_their_bases() {
    let reviews = reviews("fixtures/industry-2025-narrative.json");
    let found = listed(&reviews);
    // prose gives no 指标值确定依据: each of the 10 indicators is asked for one, nothing else
    assert_eq!(found.len(), 10, "{found:#?}");
    assert!(found.iter().all(|f| f.1 == "missing-basis" && f.2 == Severity::Warning && f.3.is_some()), "{found:#?}");
    assert_eq!(reviews[0].1.conclusion, Conclusion::Good);
}

#[test]
fn the_tables_read_from_pdf_text_get_the_same_findings() {
    let from_text = reviewed(jixiao::import::text::parse_target_tables(&read("fixtures/bigdata-2023-targets-part1.txt"), Some(2023)).unwrap());
    assert_eq!(listed(&from_text), listed(&reviews("fixtures/bigdata-2023-part1.json")));
    let narrative = jixiao::import::text::parse_text(&read("fixtures/industry-2025-narrative.txt"), Some(2025), Some("X2025-001"), Some("505001")).unwrap();
    assert_eq!(listed(&reviewed(narrative)), listed(&reviews("fixtures/industry-2025-narrative.json")));
}
