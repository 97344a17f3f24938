//! The 绩效目标审核意见表 as a report (issue 13): the forms that
//! `crate::review::form` builds from each project's review, one after another,
//! typeset by the same template (`forms.typ`) and xlsx writer as the other forms.

use super::{FormKind, Report};
use crate::model::Period;
use crate::review::Conclusion;
use crate::review::form::ReviewForm;

/// The report of `year`'s review forms, in the order given (one per project).
pub fn review_report(year: i32, reviews: Vec<ReviewForm>) -> Report {
    let kind = FormKind::Review;
    let legend: Vec<String> = Conclusion::ALL.iter().map(|c| format!("{}——{}", c.as_str(), c.meaning())).collect();
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
        reviews,
        plan: None,
        footnote: vec![
            format!("审核结论为建议结论（财预〔2015〕88号）：{}。", legend.join("；")),
            "“提示”类意见不影响审核结论；“已知悉”为填报单位对该条意见的说明。".into(),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_holds_the_forms_and_what_each_conclusion_means() {
        let r = review_report(2024, Vec::new());
        assert_eq!((r.kind, r.title.as_str(), r.subtitle.as_str()), (FormKind::Review, "绩效目标审核意见表", "（2024 年度）"));
        assert!(!r.page.landscape);
        assert_eq!(r.project_count(), 0);
        for c in Conclusion::ALL {
            assert!(r.footnote[0].contains(&format!("{}——{}", c.as_str(), c.meaning())), "{:?}", r.footnote);
        }
        assert_eq!(FormKind::parse("review").unwrap(), FormKind::Review);
        assert!(FormKind::parse("审核").unwrap_err().to_string().contains("review（审核意见表）"));
    }
}
