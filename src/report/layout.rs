//! The row layout of the indicator table: which rows the merged level-1 and
//! level-2 cells span, so that a page break never leaves rows without their labels.

use super::IndicatorRow;

/// Most rows a level-1 cell may span: its group is kept on one page so that a
/// page break never leaves rows without their level-1 and level-2 labels.
const MAX_GROUP_ROWS: usize = 8;
/// Characters in a row beyond which its group may break across pages (a page
/// could not hold it otherwise).
const LONG_ROW_CHARS: usize = 300;

/// Sets the rowspans: consecutive rows with the same level-1 name form a group
/// of whole level-2 runs of at most [`MAX_GROUP_ROWS`] rows (a longer level-2
/// run is cut into pieces); each group starts with its labels, so each page does.
pub(super) fn set_spans(rows: &mut [IndicatorRow]) {
    let n = rows.len();
    let long: Vec<bool> = rows
        .iter()
        .map(|r| {
            let chars = |s: &str| s.chars().count();
            chars(&r.level3) + chars(&r.target) + chars(&r.actual) + chars(&r.reason) + chars(&r.measures) > LONG_ROW_CHARS
        })
        .collect();
    // level-2 runs, cut to MAX_GROUP_ROWS; a long row stands alone, so that
    // only it may be split by a page break
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < n {
        let mut j = i + 1;
        while j < n
            && !long[i]
            && !long[j]
            && j - i < MAX_GROUP_ROWS
            && rows[j].level1 == rows[i].level1
            && rows[j].level2 == rows[i].level2
        {
            j += 1;
        }
        runs.push((i, j));
        i = j;
    }
    // groups of runs under one level-1 name
    let mut k = 0;
    while k < runs.len() {
        let (start, mut end) = runs[k];
        let mut m = k + 1;
        while m < runs.len()
            && !long[start]
            && !long[runs[m].0]
            && rows[runs[m].0].level1 == rows[start].level1
            && runs[m].1 - start <= MAX_GROUP_ROWS
        {
            end = runs[m].1;
            m += 1;
        }
        rows[start].l1_span = end - start;
        rows[start].breakable = long[start];
        for &(a, b) in &runs[k..m] {
            rows[a].l2_span = b - a;
        }
        k = m;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::{IndicatorEvaluation, Light, Status};
    use rust_decimal::Decimal;

    fn row(l1: &str, l2: &str) -> IndicatorRow {
        let ie = IndicatorEvaluation {
            id: "1".into(),
            level1: l1.into(),
            level2: l2.into(),
            level3: "x".into(),
            target: "≥1次".into(),
            actual: None,
            status: Status::Missing,
            completion_ratio: None,
            weight: None,
            score: Decimal::ZERO,
            light: Light::Grey,
            progress: None,
            needs_explanation: false,
            explanation_missing: false,
            indicator_id: 1,
            score_ratio: Decimal::ZERO,
            reason: None,
            measures: None,
        };
        super::super::build::indicator_row(&ie, None, super::super::FormKind::SelfEval)
    }

    #[test]
    fn spans_keep_groups_small_and_labelled() {
        let mut rows = vec![row("产出指标", "数量指标"), row("产出指标", "数量指标"), row("产出指标", "质量指标"), row("效益指标", "社会效益")];
        set_spans(&mut rows);
        let spans: Vec<(usize, usize)> = rows.iter().map(|r| (r.l1_span, r.l2_span)).collect();
        assert_eq!(spans, [(3, 2), (0, 0), (0, 1), (1, 1)]);

        let mut rows: Vec<IndicatorRow> = (0..20).map(|_| row("产出指标", "数量指标")).collect();
        set_spans(&mut rows);
        let starts: Vec<usize> = rows.iter().enumerate().filter(|(_, r)| r.l1_span > 0).map(|(i, _)| i).collect();
        assert_eq!(starts, [0, 8, 16]);
        assert!(rows.iter().all(|r| r.l1_span == r.l2_span && r.l1_span <= MAX_GROUP_ROWS));
    }
}
