//! Fuzzing on stable Rust (issue 12 item 7), with proptest: the target parser,
//! numbers, amounts and units, the exchange file (parse and import) and the text
//! importer get generated and mutated input; none may panic or hang.
//!
//! `cargo test -p jixiao --test fuzz` runs 256 cases per target (fewer for the
//! ones that import into a database); `JIXIAO_FUZZ_CASES=N` runs N (`make fuzz`).
//! Each target prints its executions and time. Inputs are bounded in size (a few
//! KB), so each case must finish within [`CASE_LIMIT`]. A failure prints the
//! (shrunk) input: keep it as a test in `regressions` below.

use jixiao::Period;
use jixiao::scoring::{Settings, judge_quantity};
use jixiao::service::Store;
use jixiao::entry::{parse_amount, parse_date};
use jixiao::service;
use jixiao::target::{Kind, parse};
use jixiao::text::{leading_number, normalize, number_prefix};
use jixiao::units::{Accumulation, convert};
use jixiao::exchange;
use jixiao::import::text as textimport;
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, TestRunner};
use rust_decimal::Decimal;
use serde_json::Value;
use std::cell::RefCell;
use std::time::{Duration, Instant};

/// The longest one case may take (generous: the machine is shared; a hang is
/// minutes, a case is milliseconds).
const CASE_LIMIT: Duration = Duration::from_secs(10);

const SAMPLE_JSON: [&str; 2] = [include_str!("../fixtures/bigdata-2023-part1.json"), include_str!("../fixtures/industry-2025-narrative.json")];
const SAMPLE_TEXT: [&str; 2] = [include_str!("../fixtures/bigdata-2023-targets-part1.txt"), include_str!("../fixtures/industry-2025-narrative.txt")];
const DEMO_ACTUALS: &str = include_str!("../fixtures/demo-actuals.json");

/// The pieces targets, amounts and tables are made of, and the numbers at the edges.
const TOKENS: &[&str] = &[
    "≥", "≤", ">", "<", "=", ">=", "<=", "＞", "＜", "≧", "≦", "约", "左右", "以上", "及以上", "以下", "以内", "内", "前", "之前",
    "达到", "降至", "不低于", "不超过", "不晚于", "大于等于", "小于等于", "完成", "年内", "本年度内", "年底", "年底前", "年末",
    "年", "月", "日", "号", "底", "份", "-", "—", "–", "~", "～", "至", "到", ",", "，", ".", "．", "%", "％", "‰", "万", "亿",
    "千", "元", "万元", "亿元", "个", "人", "人/次", "次/年", "家", "分钟", "小时", "天", "秒", "个月", "A级", "分", "倍", "0",
    "1", "3", "9", "12", "13", "31", "32", "2023", "9999", "0.5", "1,694,000", "79228162514264337593543950335",
    "79228162514264337593543950336", "0.00000000000000000000000000001", "0000000000000000000000000000000001", "１", "２０２３",
    "　", " ", "\n", "\t", "基础型", "合格", "有效提升", "、", "“", "”", "\"", "{", "}", "[", "]", "项目", "指标", "：",
    "项目编码", "项目名称", "预算数", "一级指标", "二级指标", "三级指标", "指标值", "产出指标", "效益指标", "满意度指标",
    "数量指标", "质量指标", "时效指标", "成本指标", "单位：万元", "37020023P130006100019", "\u{0}", "\u{FEFF}", "\u{FF5E}",
];

const UNIT_TOKENS: &[&str] = &["亿", "万", "千", "元", "个", "%", "秒", "分钟", "小时", "天", "日", "人/次", "人次", "年", "个月", ""];

/// How many cases a target runs: `JIXIAO_FUZZ_CASES`, else 256, divided by
/// `cost` for the expensive ones.
fn cases(cost: u32) -> u32 {
    let n = std::env::var("JIXIAO_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256u32);
    (n / cost).max(1)
}

/// Runs `test` on generated inputs; fails with the shrunk input on a panic, an
/// error of the test or a case slower than [`CASE_LIMIT`].
fn fuzz<S: Strategy>(name: &str, cost: u32, strategy: S, test: impl Fn(S::Value) -> Result<(), TestCaseError>)
where
    S::Value: std::fmt::Debug,
{
    let n = cases(cost);
    let mut runner = TestRunner::new(Config { cases: n, failure_persistence: None, max_shrink_iters: 2_000, ..Config::default() });
    let executions = std::cell::Cell::new(0u64);
    let start = Instant::now();
    let result = runner.run(&strategy, |input| {
        executions.set(executions.get() + 1);
        let t = Instant::now();
        test(input)?;
        prop_assert!(t.elapsed() < CASE_LIMIT, "one case took {:?}", t.elapsed());
        Ok(())
    });
    eprintln!("fuzz {name}: {} executions in {:.1} s", executions.get(), start.elapsed().as_secs_f64());
    if let Err(e) = result {
        panic!("fuzz {name} failed: {e}");
    }
}

fn token_soup(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(TOKENS), 0..max).prop_map(|v| v.concat())
}

fn any_text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(any::<char>(), 0..max).prop_map(String::from_iter)
}

/// One edit of a text: at a position, insert a token, delete a run, or repeat a run.
#[derive(Debug, Clone)]
enum Edit {
    Insert(Index, &'static str),
    Delete(Index, usize),
    Repeat(Index, usize, usize),
}

fn edits(max: usize) -> impl Strategy<Value = Vec<Edit>> {
    let edit = prop_oneof![
        (any::<Index>(), prop::sample::select(TOKENS)).prop_map(|(i, t)| Edit::Insert(i, t)),
        (any::<Index>(), 1usize..16).prop_map(|(i, n)| Edit::Delete(i, n)),
        (any::<Index>(), 1usize..16, 2usize..8).prop_map(|(i, n, k)| Edit::Repeat(i, n, k)),
    ];
    prop::collection::vec(edit, 0..max)
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for e in edits {
        let at = |i: &Index, len: usize| if len == 0 { 0 } else { i.index(len) };
        match e {
            Edit::Insert(i, t) => {
                let p = at(i, chars.len() + 1);
                chars.splice(p..p, t.chars());
            }
            Edit::Delete(i, n) => {
                let p = at(i, chars.len());
                let end = (p + n).min(chars.len());
                chars.drain(p..end);
            }
            Edit::Repeat(i, n, k) => {
                let p = at(i, chars.len());
                let end = (p + n).min(chars.len());
                let run: Vec<char> = chars[p..end].to_vec();
                for _ in 1..*k {
                    chars.splice(end..end, run.iter().copied());
                }
            }
        }
    }
    chars.into_iter().collect()
}

/// Every target text of the samples.
fn sample_targets() -> Vec<String> {
    SAMPLE_JSON
        .iter()
        .flat_map(|f| {
            let v: Value = serde_json::from_str(f).unwrap();
            let mut out = Vec::new();
            for p in v["projects"].as_array().unwrap() {
                for i in p["indicators"].as_array().unwrap() {
                    out.push(i["target"].as_str().unwrap().to_string());
                }
            }
            out
        })
        .collect()
}

fn any_decimal() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        (any::<u32>(), any::<u32>(), any::<u32>(), any::<bool>(), 0u32..=28).prop_map(|(lo, mid, hi, neg, sc)| Decimal::from_parts(lo, mid, hi, neg, sc)),
        (0u64..100_000, 0u32..6).prop_map(|(n, sc)| Decimal::new(n as i64, sc)),
        prop::sample::select(vec![Decimal::MAX, Decimal::MIN, Decimal::ZERO, Decimal::ONE, Decimal::new(1, 28)]),
    ]
}

fn target_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => (prop::sample::select(sample_targets()), edits(6)).prop_map(|(t, e)| apply(&t, &e)),
        3 => token_soup(12),
        1 => any_text(40),
    ]
}

#[test]
fn fuzz_target_parser_and_scoring() {
    let inverse = Settings::from_pairs([("le_formula".to_string(), "inverse".to_string())]).unwrap();
    let settings = [Settings::default(), inverse];
    let year = prop_oneof![4 => Just(2023), 1 => any::<i32>()];
    fuzz("target::parse + judge_quantity", 1, (target_text(), year, any_decimal(), 1u32..=4), |(text, year, a, q)| {
        let t = parse(&text, year);
        let _ = (t.describe(), t.deadline());
        match t.kind {
            Kind::Quantity => prop_assert!(t.value.is_some_and(|v| v >= Decimal::ZERO), "{t:?}"),
            Kind::NotUnderstood => prop_assert_eq!(&t, &jixiao::target::Target::not_understood()),
            _ => prop_assert!(t.value.is_none()),
        }
        if t.kind == Kind::Quantity {
            let period = Period::new(2023, q).unwrap();
            for s in &settings {
                for acc in [Accumulation::Cumulative, Accumulation::Level] {
                    let j = judge_quantity(&t, a, acc, period, s);
                    prop_assert!((Decimal::ZERO..=Decimal::ONE).contains(&j.score_ratio), "{j:?}");
                    let _ = jixiao::display::percent_text(j.completion_ratio);
                    let _ = jixiao::display::percent_text(j.progress);
                }
            }
        }
        Ok(())
    });
}

#[test]
fn fuzz_numbers_amounts_and_units() {
    let amount = prop_oneof![token_soup(10), any_text(30), (any_decimal(), token_soup(3)).prop_map(|(d, u)| format!("{d}{u}"))];
    let unit = prop::collection::vec(prop::sample::select(UNIT_TOKENS), 0..8).prop_map(|v| v.concat());
    fuzz("text + parse_amount + units::convert", 1, (amount, unit.clone(), unit, any_decimal()), |(text, from, to, d)| {
        let n = normalize(&text);
        prop_assert_eq!(number_prefix(&n).ok().flatten(), leading_number(&n));
        let _ = parse_date(&text);
        if let Ok((v, u)) = parse_amount(&text) {
            prop_assert!(v >= Decimal::ZERO);
            let _ = convert(v, u.as_deref().unwrap_or(""), &to);
        }
        match convert(d, &from, &to) {
            Ok(v) => prop_assert!(from.is_empty() || from == to || v.is_sign_negative() == d.is_sign_negative() || v.is_zero()),
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
        Ok(())
    });
}

/// JSON pointers to every node of `v`.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => m.iter().for_each(|(k, c)| pointers(c, format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")), out)),
        Value::Array(a) => a.iter().enumerate().for_each(|(i, c)| pointers(c, format!("{at}/{i}"), out)),
        _ => {}
    }
    out.push(at);
}

/// A change of one node of a JSON document.
#[derive(Debug, Clone)]
enum JsonEdit {
    Set(Index, Value),
    Remove(Index),
    /// Repeats an array's first element (up to a few hundred: oversized, not huge).
    Grow(Index, usize),
}

fn json_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        token_soup(6).prop_map(Value::from),
        any_decimal().prop_map(|d| Value::from(d.to_string())),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        Just(Value::Null),
        Just(Value::Bool(true)),
        Just(serde_json::json!([])),
        Just(serde_json::json!({})),
    ]
}

fn json_edits() -> impl Strategy<Value = Vec<JsonEdit>> {
    let edit = prop_oneof![
        4 => (any::<Index>(), json_value()).prop_map(|(i, v)| JsonEdit::Set(i, v)),
        2 => any::<Index>().prop_map(JsonEdit::Remove),
        1 => (any::<Index>(), 1usize..300).prop_map(|(i, n)| JsonEdit::Grow(i, n)),
    ];
    prop::collection::vec(edit, 0..6)
}

fn apply_json(mut v: Value, edits: &[JsonEdit]) -> Value {
    for e in edits {
        let mut ps = Vec::new();
        pointers(&v, String::new(), &mut ps);
        let pick = |i: &Index| ps[i.index(ps.len())].clone();
        match e {
            JsonEdit::Set(i, new) => {
                if let Some(node) = v.pointer_mut(&pick(i)) {
                    *node = new.clone();
                }
            }
            JsonEdit::Remove(i) => {
                let p = pick(i);
                if let Some((parent, key)) = p.rsplit_once('/') {
                    let key = key.replace("~1", "/").replace("~0", "~");
                    match v.pointer_mut(parent) {
                        Some(Value::Object(m)) => {
                            m.remove(&key);
                        }
                        Some(Value::Array(a)) => {
                            if let Ok(k) = key.parse::<usize>() {
                                a.remove(k);
                            }
                        }
                        _ => {}
                    }
                }
            }
            JsonEdit::Grow(i, n) => {
                if let Some(Value::Array(a)) = v.pointer_mut(&pick(i))
                    && let Some(first) = a.first().cloned()
                {
                    a.extend(std::iter::repeat_n(first, *n));
                }
            }
        }
    }
    v
}

/// The sample files, the first with the demo's actuals and spending in its projects.
fn exchange_seeds() -> Vec<Value> {
    let demo: Value = serde_json::from_str(DEMO_ACTUALS).unwrap();
    let mut seeds: Vec<Value> = SAMPLE_JSON.iter().map(|f| serde_json::from_str(f).unwrap()).collect();
    for p in seeds[0]["projects"].as_array_mut().unwrap() {
        if let Some(d) = demo["projects"].as_array().unwrap().iter().find(|d| d["code"] == p["code"]) {
            p["actuals"] = d["actuals"].clone();
            p["spending"] = d["spending"].clone();
        }
    }
    seeds
}

thread_local! {
    /// One database for every import of a run (an import that fails writes nothing).
    static STORE: RefCell<Store> = RefCell::new(service::open_in_memory().unwrap());
}

/// How far an input got.
#[derive(Debug, Default)]
struct Reach {
    parsed: u64,
    imported: u64,
}

impl Reach {
    fn print(&self, name: &str) {
        eprintln!("fuzz {name}: {} parsed, {} imported and evaluated", self.parsed, self.imported);
    }
}

/// Imports `text` if it parses, then evaluates every year it holds.
fn import_and_evaluate(text: &str, reach: &RefCell<Reach>) {
    if exchange::parse_file(text).is_err() {
        return;
    }
    reach.borrow_mut().parsed += 1;
    STORE.with_borrow_mut(|store| {
        if service::exchange::import_str(store, text).is_ok() {
            reach.borrow_mut().imported += 1;
            for year in [2023, 2025] {
                for q in 1..=4 {
                    let _ = service::evaluate(store, Period::new(year, q).unwrap(), None, None);
                }
            }
        }
    });
}

#[test]
fn fuzz_exchange_file() {
    let seeds = exchange_seeds();
    let structural = (prop::sample::select(seeds.clone()), json_edits()).prop_map(|(v, e)| serde_json::to_string(&apply_json(v, &e)).unwrap());
    let textual = (prop::sample::select(seeds), edits(4)).prop_map(|(v, e)| apply(&serde_json::to_string(&v).unwrap(), &e));
    let input = prop_oneof![4 => structural, 1 => textual, 1 => any_text(64)];
    let reach = RefCell::new(Reach::default());
    fuzz("exchange::parse_file + import + evaluate", 4, input, |text| {
        import_and_evaluate(&text, &reach);
        Ok(())
    });
    reach.borrow().print("exchange");
}

#[test]
fn fuzz_text_importer() {
    let mutated = (prop::sample::select(SAMPLE_TEXT.to_vec()), edits(12)).prop_map(|(t, e)| apply(t, &e));
    let input = prop_oneof![4 => mutated, 1 => token_soup(200), 1 => any_text(200)];
    let year = prop_oneof![Just(None), Just(Some(2023)), any::<i32>().prop_map(Some)];
    let code = prop::option::of(prop::sample::select(vec!["37020023P130006100019", "", "P1"]));
    let reach = RefCell::new(Reach::default());
    fuzz("textimport::parse_text + import", 4, (input, year, code), |(text, year, code)| {
        if let Ok(file) = textimport::parse_text(&text, year, code, None) {
            import_and_evaluate(&serde_json::to_string(&file).unwrap(), &reach);
        }
        Ok(())
    });
    reach.borrow().print("textimport");
}

/// PDFs of two producers (fixtures/pdf), their bytes overwritten, cut and
/// padded with garbage: an error or a file, never a panic or a hang.
const SAMPLE_PDF: [&[u8]; 2] = [include_bytes!("../fixtures/pdf/water-weight-last.chromium.pdf"), include_bytes!("../fixtures/pdf/eldercare-weight-middle.libreoffice.pdf")];

#[derive(Debug, Clone)]
enum ByteEdit {
    Fill(Index, u8, usize),
    Cut(Index),
    Insert(Index, Vec<u8>),
}

#[test]
fn fuzz_pdf_importer() {
    use jixiao::import::{Format, ImportOptions, read_bytes};
    let edit = prop_oneof![
        (any::<Index>(), any::<u8>(), 1usize..64).prop_map(|(i, b, n)| ByteEdit::Fill(i, b, n)),
        any::<Index>().prop_map(ByteEdit::Cut),
        (any::<Index>(), prop::collection::vec(any::<u8>(), 1..64)).prop_map(|(i, v)| ByteEdit::Insert(i, v)),
    ];
    fuzz("import::read_bytes (PDF)", 2, (0..SAMPLE_PDF.len(), prop::collection::vec(edit, 1..6)), |(k, edits)| {
        let mut bytes = SAMPLE_PDF[k].to_vec();
        for e in &edits {
            match e {
                ByteEdit::Fill(i, b, n) => {
                    let p = i.index(bytes.len());
                    let end = (p + n).min(bytes.len());
                    bytes[p..end].fill(*b);
                }
                ByteEdit::Cut(i) => bytes.truncate(i.index(bytes.len()).max(8)),
                ByteEdit::Insert(i, v) => {
                    let p = i.index(bytes.len() + 1);
                    bytes.splice(p..p, v.iter().copied());
                }
            }
        }
        let _ = read_bytes(&bytes, None, Some(Format::Pdf), &ImportOptions { year: Some(2025), ..Default::default() });
        Ok(())
    });
}

/// Inputs that once failed, kept as tests.
mod regressions {
    use super::*;

    #[test]
    fn a_stack_of_magnitudes_is_too_large_not_a_panic() {
        // issue 12: `1亿亿亿亿元` as an actual ("Multiplication overflowed" in units::parts)
        let (v, unit) = parse_amount("1亿亿亿亿元").unwrap();
        let e = convert(v, unit.as_deref().unwrap(), "万元").unwrap_err().to_string();
        assert!(e.contains("数值过大"), "{e}");
    }
}

/// A 1 MB cell and a 1 MB text are read in linear time, not a frozen window
/// (issue 12 item 7, oversized input).
#[test]
fn oversized_input_finishes() {
    const MB: usize = 1 << 20;
    let timed = |what: &str, f: &dyn Fn()| {
        let t = Instant::now();
        f();
        eprintln!("oversized {what}: {:?}", t.elapsed());
        assert!(t.elapsed() < CASE_LIMIT, "{what} took {:?}", t.elapsed());
    };
    let cells = [
        format!("≥{}", "1".repeat(MB)),
        format!("≥0.{}个", "1".repeat(MB)),
        format!("{}1", "0".repeat(MB)),
        format!("1{}", "亿".repeat(MB / 3)),
        format!("5-{}", "6-".repeat(MB / 2)),
        "年".repeat(MB / 3),
        "1,000".repeat(MB / 5),
        "２".repeat(MB / 3),
    ];
    for cell in &cells {
        let head: String = cell.chars().take(8).collect();
        timed(&format!("cell {head}…"), &|| {
            let _ = parse(cell, 2023);
            let _ = parse_amount(cell);
            let _ = parse_date(cell);
        });
    }
    let text = SAMPLE_TEXT[0].repeat(MB / SAMPLE_TEXT[0].len() + 1);
    timed("text import of 1 MB", &|| {
        let _ = textimport::parse_text(&text, Some(2023), None, None);
    });
    let mut v: Value = serde_json::from_str(SAMPLE_JSON[0]).unwrap();
    v["projects"][0]["indicators"][0]["target"] = Value::from(format!("≥{}", "9".repeat(MB)));
    let json = serde_json::to_string(&v).unwrap();
    timed("exchange file with a 1 MB target", &|| {
        let _ = exchange::parse_file(&json);
    });
}

const PLAN_TEXT: [&str; 5] = [
    include_str!("../fixtures/plans/plan-science-2021.txt"),
    include_str!("../fixtures/plans/science-2021-spaces.txt"),
    include_str!("../fixtures/plans/ecology-table-tabs.txt"),
    include_str!("../fixtures/plans/sports-table-spaces.txt"),
    include_str!("../fixtures/plans/own-prose.txt"),
];

/// Plans read from mutated tables and prose: an error or a plan, never a
/// panic; a plan read is imported, judged in every year and given an actual.
#[test]
fn fuzz_plan_reader_and_judging() {
    let mutated = (prop::sample::select(PLAN_TEXT.to_vec()), edits(12)).prop_map(|(t, e)| apply(t, &e));
    let input = prop_oneof![4 => mutated, 1 => token_soup(200), 1 => any_text(200)];
    let years = (prop::option::of(1990..2110i32), prop::option::of(1990..2110i32));
    fuzz("plan::read::read_text + import + evaluate", 4, (input, years), |(text, (base_year, end_year))| {
        let opts = jixiao::plan::read::PlanReadOptions { code: Some("P".into()), name: None, base_year, end_year };
        if let Ok(read) = jixiao::plan::read::read_text(&text, &opts) {
            let mut store = service::open_in_memory().unwrap();
            if service::plans::import(&mut store, &read.file).is_ok() {
                let p = &read.file.plans[0].plan;
                for y in p.base_year + 1..=p.end_year {
                    let _ = service::plans::evaluate(&store, "P", y);
                }
                let id = &read.file.plans[0].indicators[0].indicator.id;
                let _ = service::plans::set_actual(&mut store, "P", id, p.end_year, "12345678901234567890", None, true);
                let _ = service::plans::sheet(&store, "P", None, None);
            }
        }
        Ok(())
    });
}
