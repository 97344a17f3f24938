//! Text laid out in columns (`pdftotext -layout`): the cells of a table row
//! side by side, a wrapped cell's lines on the lines above and below, and a
//! cell that spans rows printed somewhere in its span. The indicator rows are
//! put back together here, one row a line, its cells in column order, so the
//! text importer reads them as it reads an extractor's stream of cells. The
//! other lines are left as they are: the importer reads the header fields
//! without relying on their order.

use super::text::{BASIS, squeeze};
use std::borrow::Cow;

/// A run of text on one line, with the column it starts at (in characters).
#[derive(Debug, Clone)]
struct Segment {
    col: usize,
    text: String,
}

/// The runs of a line, split where two or more spaces separate them (one space
/// stays inside a run: `≥3 个`, `3 月底`).
fn segments(line: &str) -> Vec<Segment> {
    let chars: Vec<char> = line.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        while end < chars.len() {
            let gap = chars[end..].iter().take_while(|c| **c == ' ' || **c == '\u{3000}').count();
            if gap >= 2 {
                break;
            }
            if gap == 1 && end + 1 >= chars.len() {
                break;
            }
            end += gap.max(1);
        }
        let text: String = chars[start..end].iter().collect::<String>().trim().to_string();
        if !text.is_empty() {
            out.push(Segment { col: start, text });
        }
        i = end;
    }
    out
}

/// True when the text is laid out in columns: several lines hold three runs
/// or more, separated by runs of spaces.
pub fn is_layout(text: &str) -> bool {
    text.lines().filter(|l| segments(l).len() >= 3).count() >= 3
}

const HEADER_WORDS: &str = "一级指标二级指标三级指标绩效指标描述指标内容指标名称指标值确定依据";

fn is_basis(seg: &Segment) -> bool {
    let t = squeeze(&seg.text);
    BASIS.contains(&t.as_str())
}

/// A line of the indicator header, or a line of its wrapped cells.
fn is_header_part(segs: &[Segment]) -> bool {
    !segs.is_empty() && segs.iter().all(|s| HEADER_WORDS.contains(&squeeze(&s.text)))
}

/// The segments of some lines in column order: by starting column (runs that
/// start within two columns of each other are one column), then by line.
fn column_order(mut segs: Vec<(usize, Segment)>) -> String {
    segs.sort_by_key(|(line, s)| (s.col, *line));
    let mut clusters: Vec<Vec<(usize, Segment)>> = Vec::new();
    for (line, s) in segs {
        match clusters.last_mut() {
            Some(c) if s.col <= c[0].1.col + 2 => c.push((line, s)),
            _ => clusters.push(vec![(line, s)]),
        }
    }
    clusters
        .into_iter()
        .flat_map(|mut c| {
            c.sort_by_key(|(line, s)| (*line, s.col));
            c.into_iter().map(|(_, s)| s.text)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// How a row's cells sit around the row's single-line 指标值确定依据.
#[derive(Clone, Copy, PartialEq)]
enum Align {
    Top,
    Middle,
    Bottom,
}

/// The rows' lines between `from` and `to`: each line to one anchor (a row's
/// line with its basis). Cells may be aligned to the top, the middle or the
/// bottom of their rows; the alignment that keeps each cell's lines where that
/// alignment puts them is taken. Lines farther than a few lines from any row
/// stay outside.
fn assign_rows(segs: &[Vec<Segment>], anchors: &[usize], from: usize, to: usize) -> Vec<(usize, usize)> {
    const REACH: usize = 4;
    let lines: Vec<usize> = (from..to).filter(|&l| !segs[l].is_empty()).collect();
    // how far the cells of `rows` are from where `align` puts them
    let misplaced = |rows: &[(usize, usize)], align: Align| -> usize {
        let mut total = 0;
        for &a in anchors {
            let mut cols: Vec<(usize, usize, usize)> = Vec::new(); // (col, first line, last line)
            for &(l, _) in rows.iter().filter(|r| r.1 == a) {
                for s in &segs[l] {
                    match cols.iter_mut().find(|c| c.0.abs_diff(s.col) <= 2) {
                        Some(c) => {
                            c.1 = c.1.min(l);
                            c.2 = c.2.max(l);
                        }
                        None => cols.push((s.col, l, l)),
                    }
                }
            }
            total += cols
                .iter()
                .map(|&(_, first, last)| match align {
                    Align::Top => first.abs_diff(a) * 2,
                    Align::Bottom => last.abs_diff(a) * 2,
                    Align::Middle => (first + last).abs_diff(2 * a),
                })
                .sum::<usize>();
        }
        total
    };
    // Top and Bottom: a line goes to the row above or below it
    let rows_for = |align: Align| -> Vec<(usize, usize)> {
        let mut rows = Vec::new();
        for &l in &lines {
            let above = anchors.iter().rev().find(|&&a| a <= l).copied();
            let below = anchors.iter().find(|&&a| a >= l).copied();
            let pick = match align {
                Align::Top => above.or(below),
                _ => below.or(above),
            };
            if let Some(a) = pick.filter(|a| a.abs_diff(l) <= REACH) {
                rows.push((l, a));
            }
        }
        rows
    };
    // Middle: rows differ in height, so the lines between two rows are cut
    // where the upper row's cells are best centred on its anchor, row by row
    let middle = || -> Vec<(usize, usize)> {
        let mut rows: Vec<(usize, usize)> = Vec::new();
        let Some(&first) = anchors.first() else { return rows };
        rows.extend(lines.iter().filter(|&&l| l <= first && first - l <= REACH).map(|&l| (l, first)));
        for (k, &a) in anchors.iter().enumerate() {
            if k > 0 {
                rows.push((a, a));
            }
            let next = anchors.get(k + 1).copied();
            let gap: Vec<usize> = lines.iter().copied().filter(|&l| l > a && next.is_none_or(|b| l < b) && (next.is_some() || l - a <= REACH)).collect();
            let mid = gap.len() / 2;
            let cut = (0..=gap.len())
                .min_by_key(|&cut| {
                    let mut with: Vec<(usize, usize)> = rows.iter().copied().filter(|r| r.1 == a).collect();
                    with.extend(gap[..cut].iter().map(|&l| (l, a)));
                    (misplaced(&with, Align::Middle), cut.abs_diff(mid))
                })
                .unwrap_or(mid);
            rows.extend(gap[..cut].iter().map(|&l| (l, a)));
            if let Some(b) = next {
                rows.extend(gap[cut..].iter().map(|&l| (l, b)));
            }
        }
        rows
    };
    let candidates = [(Align::Middle, middle()), (Align::Top, rows_for(Align::Top)), (Align::Bottom, rows_for(Align::Bottom))];
    candidates
        .into_iter()
        .map(|(align, rows)| (misplaced(&rows, align), rows))
        .min_by_key(|(score, _)| *score)
        .map(|(_, rows)| rows)
        .unwrap_or_default()
}

/// Text laid out in columns with each indicator row (and the indicator
/// header) put on one line; other text unchanged. Text that is not laid out in
/// columns is returned as it is.
pub fn to_cells(text: &str) -> Cow<'_, str> {
    if !is_layout(text) {
        return Cow::Borrowed(text);
    }
    let lines: Vec<&str> = text.lines().collect();
    let segs: Vec<Vec<Segment>> = lines.iter().map(|l| segments(l)).collect();
    // anchors: the indicator header's line and each row's 指标值确定依据
    let header = |i: usize| segs[i].iter().any(|s| squeeze(&s.text) == "一级指标");
    let mut owner: Vec<Option<usize>> = vec![None; lines.len()];
    let mut i = 0;
    while i < lines.len() {
        if !header(i) {
            i += 1;
            continue;
        }
        // the header and its wrapped lines
        let mut top = i;
        while top > 0 && is_header_part(&segs[top - 1]) {
            top -= 1;
        }
        let mut bottom = i;
        while bottom + 1 < lines.len() && is_header_part(&segs[bottom + 1]) {
            bottom += 1;
        }
        for o in &mut owner[top..=bottom] {
            *o = Some(i);
        }
        // the rows up to the next header or title
        let mut anchors = Vec::new();
        let mut end = bottom + 1;
        while end < lines.len() && !header(end) && !squeeze(lines[end]).ends_with("绩效目标表") {
            if segs[end].iter().any(is_basis) {
                anchors.push(end);
            }
            end += 1;
        }
        // a table without 指标值确定依据: each row's line with its target, in
        // the target's column
        let target_col = (top..=bottom).flat_map(|l| segs[l].iter()).find(|s| ["指标值", "目标值", "年度指标值"].contains(&squeeze(&s.text).as_str())).map(|s| s.col);
        if anchors.is_empty()
            && let Some(col) = target_col
        {
            let is_target = |s: &Segment| s.col.abs_diff(col) <= 2 && crate::target::parse(&squeeze(&s.text), 2000).kind != crate::target::Kind::NotUnderstood;
            anchors = (bottom + 1..end).filter(|&l| segs[l].iter().any(is_target)).collect();
        }
        for (l, a) in assign_rows(&segs, &anchors, bottom + 1, end) {
            owner[l] = Some(a);
        }
        i = end;
    }
    let mut out = String::new();
    let mut done = vec![false; lines.len()];
    for l in 0..lines.len() {
        if done[l] {
            continue;
        }
        match owner[l] {
            None => {
                out += lines[l];
                out.push('\n');
            }
            Some(a) => {
                let members: Vec<usize> = (l..lines.len()).filter(|&m| owner[m] == Some(a)).collect();
                let row: Vec<(usize, Segment)> = members.iter().flat_map(|&m| segs[m].iter().cloned().map(move |s| (m, s))).collect();
                for m in members {
                    done[m] = true;
                }
                out += &column_order(row);
                out.push('\n');
            }
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_and_columns() {
        let s = segments("        数量指标        受奖补数据中心数量        ≥3 个      计划标准 ");
        let got: Vec<(usize, &str)> = s.iter().map(|s| (s.col, s.text.as_str())).collect();
        assert_eq!(got, [(8, "数量指标"), (20, "受奖补数据中心数量"), (37, "≥3 个"), (47, "计划标准")]);
        // cells at columns 0, 12, 24, 36, 46
        let line = |cells: &[(usize, &str)]| {
            let mut l = String::new();
            for (col, t) in cells {
                l += &" ".repeat(col - l.chars().count());
                l += t;
            }
            l
        };
        let text = [
            line(&[(0, "一级指标"), (12, "二级指标"), (24, "三级指标"), (36, "指标值"), (46, "指标值确定依据")]),
            line(&[(12, "经济成本"), (24, "受奖补数据")]),
            line(&[(0, "成本指标"), (24, "中心数量"), (36, "≥3 个"), (46, "计划标准")]),
            line(&[(12, "指标"), (24, "补金额")]),
            line(&[(12, "数量指标"), (24, "受奖补数据中心数量"), (36, "≥3 个"), (46, "计划标准")]),
        ]
        .join("\n");
        let text = text.as_str();
        assert!(is_layout(text));
        let lines: Vec<String> = to_cells(text).lines().map(str::to_string).collect();
        assert_eq!(lines, ["一级指标 二级指标 三级指标 指标值 指标值确定依据", "成本指标 经济成本 指标 受奖补数据 中心数量 补金额 ≥3 个 计划标准", "数量指标 受奖补数据中心数量 ≥3 个 计划标准"]);
        // a stream of cells is left alone
        assert!(!is_layout("受奖补数据\n中心数量 ≥3个 计划标准\n≥100%   历史标准\n"));
    }
}
