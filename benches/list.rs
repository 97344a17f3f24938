//! The project list and one entry at bureau scale, in process (no app): how
//! long `service::list::project_page` takes for the first and the last page by
//! code, by score (cold: every project evaluated; warm: the kept summaries),
//! with a light filter and with a search; entering one actual until its
//! project's new score is computed; and an entry followed by the list by score. Prints one JSON object (milliseconds,
//! medians); `scripts/bench.sh` puts it in target/bench/results.json.
//!
//! `JIXIAO_BENCH_DB`: a database to use (made by `jixiao demo --synthetic`),
//! else a synthetic bureau of `JIXIAO_BENCH_N` (default 10,000) projects is
//! generated into a temporary file. A copy is used for the entries.

use jixiao::model::{ActualInput, Level, Period};
use jixiao::scoring::Light;
use jixiao::service::list::{ListQuery, SortKey, project_page};
use jixiao::service::synthetic::{SyntheticOptions, load_synthetic};
use jixiao::service::Store;
use jixiao::{service, target};
use std::time::Instant;

fn median_ms(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut t: Vec<f64> = (0..runs)
        .map(|_| {
            let s = Instant::now();
            f();
            s.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    t.sort_by(f64::total_cmp);
    t[t.len() / 2]
}

/// The value p-th percent of the way up.
fn percentile(mut t: Vec<f64>, p: usize) -> f64 {
    t.sort_by(f64::total_cmp);
    t[(t.len() * p / 100).min(t.len() - 1)]
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("list.sqlite3");
    match std::env::var_os("JIXIAO_BENCH_DB") {
        Some(db) => {
            std::fs::copy(&db, &path).unwrap();
        }
        None => {
            let n = std::env::var("JIXIAO_BENCH_N").ok().and_then(|n| n.parse().ok()).unwrap_or(10_000);
            let mut store = service::open(&path).unwrap();
            load_synthetic(&mut store, &SyntheticOptions { projects: n, seed: 1, year: 2024 }).unwrap();
        }
    }
    let mut store: Store = service::open(&path).unwrap();
    let year = jixiao::service::records::years(&store, ).unwrap()[0];
    let period = Period::year_end(year);
    let page = |q: &ListQuery| project_page(&store, q).unwrap();
    let first = ListQuery::new(period, 50);
    let total = page(&first).total;
    let by_code = median_ms(9, || drop(page(&first)));
    let by_code_far = median_ms(9, || drop(page(&ListQuery { offset: total.saturating_sub(50), ..first.clone() })));
    let score_q = ListQuery { sort: SortKey::Score, descending: true, ..first.clone() };
    let by_score_cold = median_ms(3, || {
        jixiao::service::list::forget_kept(&store).unwrap();
        drop(page(&score_q))
    });
    let by_score = median_ms(9, || drop(page(&score_q)));
    let red = median_ms(9, || drop(page(&ListQuery { light: Some(Light::Red), ..first.clone() })));
    let search = median_ms(9, || drop(page(&ListQuery { search: Some("养老".into()), ..first.clone() })));
    let settings = service::settings(&store).unwrap();
    let one = jixiao::service::records::project_by_id(&store, page(&first).rows[0].id).unwrap();
    let open_one = median_ms(21, || drop(service::evaluate_project(&store, &one, period, &settings).unwrap()));

    // entering one actual until its project's new score is computed, 200 times
    // (the label indicators of the first projects, alternating 达成 / 部分达成)
    let mut entries = Vec::new();
    let mut labels = Vec::new();
    for row in page(&ListQuery { limit: 200, ..first.clone() }).rows {
        if let Some(i) = jixiao::service::records::indicators(&store, row.id).unwrap().into_iter().find(|i| i.target.kind == target::Kind::Label) {
            labels.push((row.id, i.id));
        }
    }
    for k in 0..200 {
        let (project_id, indicator_id) = labels[k % labels.len()];
        let level = if k % 2 == 0 { Level::Achieved } else { Level::Partial };
        let input = ActualInput { level: Some(level), ..Default::default() };
        let s = Instant::now();
        service::saving::save_actual(&mut store, indicator_id, period, &input, true).unwrap();
        let p = jixiao::service::records::project_by_id(&store, project_id).unwrap();
        let settings = service::settings(&store).unwrap();
        std::hint::black_box(service::evaluate_project(&store, &p, period, &settings).unwrap());
        entries.push(s.elapsed().as_secs_f64() * 1000.0);
    }
    // one entry, then the list by score again (one project summed up anew)
    let (_, indicator_id) = labels[0];
    let mut after_entry = Vec::new();
    for k in 0..21 {
        let input = ActualInput { level: Some(if k % 2 == 0 { Level::Partial } else { Level::Achieved }), ..Default::default() };
        let s = Instant::now();
        service::saving::save_actual(&mut store, indicator_id, period, &input, true).unwrap();
        std::hint::black_box(project_page(&store, &score_q).unwrap());
        after_entry.push(s.elapsed().as_secs_f64() * 1000.0);
    }
    let out = serde_json::json!({
        "projects": total,
        "page_by_code_ms": by_code,
        "page_by_code_last_ms": by_code_far,
        "page_by_score_cold_ms": by_score_cold,
        "page_by_score_ms": by_score,
        "page_red_filter_ms": red,
        "page_search_ms": search,
        "open_project_ms": open_one,
        "entry_core_p50_ms": percentile(entries.clone(), 50),
        "entry_core_p95_ms": percentile(entries, 95),
        "entry_then_page_by_score_ms": percentile(after_entry, 50),
    });
    println!("{out}");
}
