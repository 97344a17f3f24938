//! `jixiao`: the command line over the core. Each subcommand parses its
//! arguments, calls the core, and prints JSON (`--json`) or a short summary.

use clap::{Args, Parser, Subcommand};
use jixiao::display::percent_text;
use jixiao::entry::ActualChanges;
use jixiao::report::{FormKind, Format, RenderOptions};
use jixiao::service::report::ReportRequest;
use jixiao::scoring::{Evaluation, round};
use jixiao::service;
use jixiao::service::{Store, records};
use jixiao::{Error, Period, Result};
use rust_decimal::Decimal;
use serde::Serialize;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "jixiao", version, about = "预算绩效目标跟踪 (budget performance targets): store, score, exchange")]
struct Cli {
    /// The database file (default: $JIXIAO_DB, else jixiao.sqlite3 in the OS data directory)
    #[arg(long, global = true)]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create or upgrade the database
    Init,
    /// Understand target texts (指标值)
    Target {
        #[command(subcommand)]
        command: TargetCommand,
    },
    #[command(flatten)]
    Exchange(ExchangeCommand),
    /// List projects
    Projects {
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        unit: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Units (预算单位): list them, add or rename one
    Unit {
        #[command(subcommand)]
        command: UnitCommand,
    },
    /// Record an actual value (累计完成值) for an indicator and period
    Actual {
        #[command(subcommand)]
        command: ActualCommand,
    },
    /// Record money spent (累计执行数) for a project and period
    Spending {
        #[command(subcommand)]
        command: SpendingCommand,
    },
    /// Evaluate projects at a period (default: the year end, YQ4)
    Evaluate {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        project: Option<String>,
        #[arg(long)]
        unit: Option<String>,
        /// YYYYQn
        #[arg(long)]
        period: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// The year at a glance (总览): indicators by light and money by quarter,
    /// grades after Q4, the projects most behind, each unit's 执行率
    Overview {
        #[arg(long)]
        year: i32,
        /// A unit's code: its projects and those of its sub-units
        #[arg(long)]
        unit: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Scoring settings
    Settings {
        #[command(subcommand)]
        command: SettingsCommand,
    },
    /// Load the sample bureau into an empty database, or with --synthetic a
    /// generated bureau of N projects over 50 units (deterministic for a seed;
    /// only in a build with the `synthetic` feature)
    Demo {
        /// Generate N projects instead of loading the samples
        #[arg(long, value_name = "N")]
        synthetic: Option<usize>,
        /// The generator's seed
        #[arg(long, default_value_t = 1, requires = "synthetic")]
        seed: u64,
        /// The projects' year (default: this year)
        #[arg(long, requires = "synthetic")]
        year: Option<i32>,
        /// Write the exchange file here instead of importing it
        #[arg(short, long, requires = "synthetic")]
        output: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Print the forms: 自评表, 监控表 or 汇总表, as PDF or xlsx
    Report(ReportArgs),
    #[command(flatten)]
    Backups(BackupCommand),
    #[command(flatten)]
    Submissions(SubmitCommand),
    /// Who changed what and when, for one project (old → new)
    History {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        project: String,
        #[arg(long)]
        json: bool,
    },
    /// 绩效目标审核: review the target tables of a year as the finance bureau
    /// will (review.md); findings are a report, not a failure (exit status 0)
    Review(ReviewArgs),
    /// Plans (规划主要指标): import, record yearly actuals, judge the pace
    Plan {
        #[command(subcommand)]
        command: PlanCommand,
    },
}

/// `jixiao plan …`
#[derive(Subcommand)]
enum PlanCommand {
    /// Read a plan (jixiao-plan JSON, a 主要指标 table or prose as text, a PDF,
    /// the filled xlsx template) and import it: checked whole, backed up, all or nothing
    Import {
        file: PathBuf,
        /// json | text | pdf | xlsx; guessed from the file when not given
        #[arg(long)]
        format: Option<String>,
        /// Print the jixiao-plan exchange JSON and write nothing
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        code: Option<String>,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        base_year: Option<i32>,
        #[arg(long)]
        end_year: Option<i32>,
        #[arg(long)]
        json: bool,
    },
    /// Write a blank plan workbook to fill in and import
    Template {
        #[arg(short, long)]
        output: PathBuf,
        #[arg(long, default_value_t = 2020)]
        base_year: i32,
        #[arg(long, default_value_t = 2025)]
        end_year: i32,
    },
    /// A year's actual of an indicator
    Actual {
        #[command(subcommand)]
        command: PlanActualCommand,
    },
    /// A person's verdict on a qualitative indicator
    Verdict {
        #[command(subcommand)]
        command: PlanVerdictCommand,
    },
    /// Judge every indicator of a plan in a year (plan-indicators.md §4)
    Evaluate {
        #[arg(long)]
        plan: String,
        #[arg(long)]
        year: i32,
        #[arg(long)]
        json: bool,
    },
    /// The plans, each with its count per status (in --year, else its latest year)
    List {
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        json: bool,
    },
    /// Write the plans (or one) with their actuals and verdicts as jixiao-plan JSON
    Export {
        #[arg(short, long)]
        output: PathBuf,
        #[arg(long)]
        plan: Option<String>,
    },
    /// Who changed an indicator, when, old → new
    History {
        #[arg(long)]
        plan: String,
        #[arg(long)]
        indicator: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum PlanActualCommand {
    /// Record (or with an empty --value erase) the actual of a year
    Set {
        #[arg(long)]
        plan: String,
        /// The indicator's 序号 (id) or name
        #[arg(long)]
        indicator: String,
        #[arg(long)]
        year: i32,
        #[arg(long, allow_hyphen_values = true)]
        value: String,
        /// Where the figure comes from (统计公报 …)
        #[arg(long)]
        note: Option<String>,
        /// Save a value far off the path (over 10× or under a tenth of the baseline or target)
        #[arg(long)]
        force: bool,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum PlanVerdictCommand {
    /// Record the verdict of a year (qualitative indicators only; a note is required)
    Set {
        #[arg(long)]
        plan: String,
        #[arg(long)]
        indicator: String,
        #[arg(long)]
        year: i32,
        /// done_early | done | ahead | on_track | behind | missed | not_yet (or 已提前完成 …)
        #[arg(long)]
        status: String,
        #[arg(long)]
        note: String,
        #[arg(long)]
        json: bool,
    },
}

/// Exchange files and the tables officers receive: in and out.
#[derive(Subcommand)]
enum ExchangeCommand {
    /// Import an exchange file (format v1): all of it, or nothing
    Import {
        file: PathBuf,
        /// json (exchange format) | xlsx (template or a budget system's flat export)
        /// | text (a budget PDF's text, or prose) | pdf; guessed from the file when not given
        #[arg(long)]
        format: Option<String>,
        #[command(flatten)]
        given: Given,
        /// Print what would be imported (exchange JSON) and write nothing
        #[arg(long)]
        dry_run: bool,
        /// Import targets whose direction the file does not state (a bare
        /// `95%`, marked `"guessed": ["op"]`) as ≥; without it they are refused
        #[arg(long)]
        accept_doubtful: bool,
        #[arg(long)]
        json: bool,
    },
    /// A blank 绩效目标表 workbook to fill in and import (one sheet per project,
    /// drop-down lists for the indicator levels and 指标值确定依据)
    Template {
        #[arg(short, long)]
        output: PathBuf,
        /// How many project sheets
        #[arg(long, default_value_t = 1)]
        projects: usize,
    },
    /// `import --format text`, kept for scripts: 绩效目标表 from the text of a
    /// budget PDF, or targets written as prose; with -o write the exchange file instead
    ImportText {
        file: PathBuf,
        #[command(flatten)]
        given: Given,
        /// Write the exchange file here instead of importing
        #[arg(short, long)]
        output: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Export to an exchange file (format v1)
    Export {
        #[arg(short, long)]
        output: PathBuf,
        #[arg(long)]
        year: Option<i32>,
    },
}

/// Backups and restore.
#[derive(Subcommand)]
enum BackupCommand {
    /// Copy the database to a file (a consistent snapshot, checked after writing)
    Backup {
        #[arg(short, long)]
        output: PathBuf,
    },
    /// List the automatic backups beside the database: date, why, size, projects
    Backups {
        #[arg(long)]
        json: bool,
    },
    /// Replace the database with a backup (checked first; the current one is backed up)
    Restore { file: PathBuf },
}

/// 报送 and its unlocking.
#[derive(Subcommand)]
enum SubmitCommand {
    /// 报送: lock a quarter of one project, or of every project of a unit
    Submit {
        #[command(flatten)]
        scope: Scope,
    },
    /// Unlock a submitted quarter; the reason is kept in the history
    Unlock {
        #[command(flatten)]
        scope: Scope,
        #[arg(long)]
        reason: String,
    },
}

/// `jixiao review --year Y [--unit CODE] [--project CODE] [--json]`, or `review ack|unack …`
#[derive(Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
struct ReviewArgs {
    #[command(subcommand)]
    command: Option<ReviewCommand>,
    #[arg(long, required = true)]
    year: Option<i32>,
    /// Only this unit's projects
    #[arg(long)]
    unit: Option<String>,
    /// Only this project (its code)
    #[arg(long)]
    project: Option<String>,
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
struct FindingArgs {
    #[arg(long)]
    year: i32,
    /// The project's code
    #[arg(long)]
    project: String,
    /// The rule's id (review.md): vague-target, missing-basis, …
    #[arg(long)]
    rule: String,
    /// The indicator's level-3 name; leave out for a finding on the whole table
    #[arg(long)]
    indicator: Option<String>,
}

#[derive(Subcommand)]
enum ReviewCommand {
    /// Mark the project's current findings of a rule (on an indicator, or on the
    /// whole table) as 已知悉, with a note the review form prints
    Ack {
        #[command(flatten)]
        which: FindingArgs,
        #[arg(long)]
        note: String,
        #[arg(long)]
        json: bool,
    },
    /// Remove the 已知悉 notes of a rule (on an indicator, or on the whole table)
    Unack {
        #[command(flatten)]
        which: FindingArgs,
    },
}

#[derive(Subcommand)]
enum TargetCommand {
    /// Print one JSON object per text, a line each
    Parse {
        /// The project's year, for a month written without one (不晚于9月份)
        #[arg(long)]
        year: Option<i32>,
        #[arg(required = true)]
        texts: Vec<String>,
    },
}

#[derive(Args)]
struct Which {
    #[arg(long)]
    year: i32,
    /// The project's code
    #[arg(long)]
    project: String,
    /// YYYYQn
    #[arg(long)]
    period: String,
}

/// What a file may not say, or says otherwise than the officer wants (`import::ImportOptions`).
#[derive(Args)]
struct Given {
    /// The budget year, where the file does not say
    #[arg(long)]
    year: Option<i32>,
    /// The unit (its code or name; created if new), for projects whose file names none
    #[arg(long)]
    unit: Option<String>,
    /// The project's code (a file of one project; prose: default its name)
    #[arg(long)]
    code: Option<String>,
    /// The project's name (a file of one project)
    #[arg(long)]
    name: Option<String>,
}

impl From<Given> for jixiao::import::ImportOptions {
    fn from(g: Given) -> Self {
        jixiao::import::ImportOptions { year: g.year, unit: g.unit, code: g.code, name: g.name }
    }
}

#[derive(Subcommand)]
enum UnitCommand {
    /// Add a unit, or rename one (by its code)
    Add {
        code: String,
        name: String,
        /// The code of its parent unit (主管部门)
        #[arg(long)]
        parent: Option<String>,
    },
    /// List the units
    List {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum ActualCommand {
    Set {
        #[command(flatten)]
        which: Which,
        /// The indicator's id, or its level-3 name
        #[arg(long)]
        indicator: String,
        /// A quantity, with or without unit: 18, 18次, 1,694,000元
        #[arg(long, group = "measure", allow_negative_numbers = true)]
        value: Option<String>,
        /// Completion date of a date target, YYYY-MM-DD
        #[arg(long, group = "measure")]
        done_on: Option<String>,
        /// 达成 | 部分达成 | 未达成, for a label target
        #[arg(long, group = "measure")]
        level: Option<String>,
        /// The score ratio inside the level's band
        #[arg(long, requires = "level")]
        ratio: Option<Decimal>,
        /// Record that a date target is not done yet
        #[arg(long, group = "measure")]
        not_done: bool,
        /// Erase the quarter's saved record (its figure and its explanations)
        #[arg(long, group = "measure", conflicts_with_all = ["reason", "measures", "forecast", "likelihood", "reason_category"])]
        clear: bool,
        /// 偏差原因
        #[arg(long)]
        reason: Option<String>,
        /// 改进措施
        #[arg(long)]
        measures: Option<String>,
        /// 全年预计完成值
        #[arg(long)]
        forecast: Option<String>,
        /// 确定能 | 有可能 | 完全不可能
        #[arg(long)]
        likelihood: Option<String>,
        /// 经费保障 | 制度保障 | 人员保障 | 硬件条件保障 | 其他
        #[arg(long)]
        reason_category: Option<String>,
        /// Save a value that looks like a typo (above 100× the target, below last quarter, …)
        #[arg(long)]
        force: bool,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum SpendingCommand {
    Set {
        #[command(flatten)]
        which: Which,
        /// In the project's money unit, or with a unit: 450, 4,500,000元
        #[arg(long, allow_negative_numbers = true)]
        amount: String,
        #[arg(long)]
        reason: Option<String>,
        #[arg(long)]
        measures: Option<String>,
        /// Save an amount that looks like a typo (above the budget, below last quarter)
        #[arg(long)]
        force: bool,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum SettingsCommand {
    /// Show one setting, or all with their defaults
    Get {
        key: Option<String>,
        #[arg(long)]
        json: bool,
    },
    Set {
        key: String,
        #[arg(allow_negative_numbers = true)]
        value: String,
    },
    /// Back to the default
    Reset { key: String },
}

/// Prints a line to stdout; a closed pipe (`jixiao evaluate | head`) ends the
/// program quietly instead of panicking.
macro_rules! out {
    ($($arg:tt)*) => { emit(format!($($arg)*)) };
}

/// `jixiao report self-eval|monitor|summary|review|plan --year Y … --format pdf|xlsx -o FILE`
#[derive(Debug, Args)]
struct ReportArgs {
    /// self-eval (自评表) | monitor (监控表) | summary (汇总表) | review (审核意见表) | plan (规划主要指标监测表, with --plan)
    form: String,
    /// The plan (its code) of the 规划主要指标监测表 (`plan`); --unit then chooses its rows by responsible unit
    #[arg(long)]
    plan: Option<String>,
    #[arg(long)]
    year: i32,
    /// Only this unit's projects
    #[arg(long)]
    unit: Option<String>,
    /// Only this project (its code)
    #[arg(long)]
    project: Option<String>,
    /// YYYYQn (default: YQ4; for monitor YQ2; review: the table as approved, the year only)
    #[arg(long)]
    period: Option<String>,
    /// pdf | xlsx
    #[arg(long, default_value = "pdf")]
    format: String,
    #[arg(short, long)]
    output: PathBuf,
    /// A font file for the PDF (default: $JIXIAO_FONT, else the system's CJK fonts)
    #[arg(long)]
    font: Option<PathBuf>,
}

fn emit(line: String) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = writeln!(stdout, "{line}") {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("error: cannot write the output: {e}");
        std::process::exit(1);
    }
}

/// Long work's progress (`jixiao::progress`) as a bar on stderr, drawn only
/// when stderr is a terminal: a script or a pipe gets nothing extra.
struct Bar(Option<indicatif::ProgressBar>);

impl Bar {
    fn new() -> Self {
        use std::io::IsTerminal;
        if !std::io::stderr().is_terminal() {
            return Bar(None);
        }
        let bar = indicatif::ProgressBar::new(0);
        let style = indicatif::ProgressStyle::with_template("{bar:30.cyan/blue} {pos}/{len} {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("█▉ ");
        bar.set_style(style);
        Bar(Some(bar))
    }
}

impl jixiao::progress::Progress for Bar {
    fn report(&self, e: jixiao::progress::ProgressEvent) {
        if let Some(bar) = &self.0 {
            // the message first: a position drawn is drawn with its own words
            bar.set_length(u64::from(e.total));
            bar.set_message(e.doing);
            bar.set_position(u64::from(e.done));
        }
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

fn print_json<T: Serialize>(v: &T) -> Result<()> {
    out!("{}", serde_json::to_string_pretty(v)?);
    Ok(())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        // a write refused for its doubts says how to save it anyway
        Err(e @ Error::Doubtful(_)) => {
            eprintln!("error: {e} (not saved; add --force to save it anyway)");
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn open(db: &Option<PathBuf>) -> Result<Store> {
    let path = db.clone().unwrap_or_else(jixiao::default_db_path);
    service::open(&path)
}

fn run(cli: Cli) -> Result<()> {
    let db = &cli.db;
    match cli.command {
        Command::Init => init(db),
        Command::Target { command } => target(command),
        Command::Exchange(command) => exchange(db, command),
        Command::Projects { year, unit, json } => projects(db, year, unit, json),
        Command::Unit { command } => unit(db, command),
        Command::Actual { command } => actual(db, command),
        Command::Spending { command } => spending(db, command),
        Command::Evaluate { year, project, unit, period, json } => evaluate(db, year, project, unit, period, json),
        Command::Overview { year, unit, json } => overview(db, year, unit, json),
        Command::Settings { command } => settings(db, command),
        Command::Demo { synthetic: Some(projects), seed, year, output, json } => synthetic(db, projects, seed, year, output, json),
        Command::Demo { synthetic: None, json, .. } => demo(db, json),
        Command::Report(args) => {
            let store = open(db)?;
            out!("{}", report(&store, &args)?);
            Ok(())
        }
        Command::Backups(command) => backups(db, command),
        Command::Submissions(command) => submissions(db, command),
        Command::History { year, project, json } => history(db, year, &project, json),
        Command::Review(args) => review(db, args),
        Command::Plan { command } => plan(db, command),
    }
}

/// `plan …`: plans in and out, yearly actuals and verdicts, judging.
fn plan(db: &Option<PathBuf>, command: PlanCommand) -> Result<()> {
    use jixiao::plan::read::{PlanReadOptions, read_file};
    match command {
        PlanCommand::Import { file, format, dry_run, code, name, base_year, end_year, json } => {
            let format = format.as_deref().map(jixiao::import::Format::parse).transpose()?;
            let read = read_file(&file, format, &PlanReadOptions { code, name, base_year, end_year })?;
            for d in &read.doubts {
                eprintln!("check: plan {} indicator {} ({}): {}", d.plan, d.indicator, d.field, d.message);
            }
            if dry_run {
                out!("{}", serde_json::to_string_pretty(&read.file)?);
                return Ok(());
            }
            let mut store = open(db)?;
            let s = service::plans::import(&mut store, &read.file)?;
            if json {
                print_json(&s)?;
            } else {
                out!("imported {} plans, {} indicators, {} actuals, {} verdicts", s.plans, s.indicators, s.actuals, s.verdicts);
                if !s.replaced.is_empty() {
                    out!("replaced: {}", s.replaced.join(", "));
                }
                if let Some(b) = &s.backup {
                    out!("backup before import: {}", b.display());
                }
            }
        }
        PlanCommand::Template { output, base_year, end_year } => {
            jixiao::plan::read::xlsx::write_template(&output, base_year, end_year)?;
            out!("wrote a blank plan workbook to {} (fill it in, then: jixiao plan import {})", output.display(), output.display());
        }
        PlanCommand::Actual { command: PlanActualCommand::Set { plan, indicator, year, value, note, force, json } } => {
            let mut store = open(db)?;
            let saved = service::plans::set_actual(&mut store, &plan, &indicator, year, &value, note.as_deref(), force)?;
            if json { print_json(&saved)? } else { print_saved(&saved) }
        }
        PlanCommand::Verdict { command: PlanVerdictCommand::Set { plan, indicator, year, status, note, json } } => {
            let mut store = open(db)?;
            let saved = service::plans::set_verdict(&mut store, &plan, &indicator, year, &status, &note)?;
            if json { print_json(&saved)? } else { print_saved(&saved) }
        }
        PlanCommand::Evaluate { plan, year, json } => {
            let store = open(db)?;
            let ev = service::plans::evaluate(&store, &plan, year)?;
            if json {
                print_json(&ev)?;
            } else {
                out!("{} {}", ev.plan, ev.year);
                for r in &ev.indicators {
                    let d = |v: &Option<Decimal>| v.map(|v| v.to_string()).unwrap_or_else(|| "-".into());
                    out!(
                        "{:<4} {:<28} actual {:<10} expected {:<10} progress {:<8} {} ({})",
                        r.id, r.name, d(&r.actual), d(&r.expected), d(&r.progress), r.label, r.light.as_str()
                    );
                }
                print_counts(&ev.counts);
            }
        }
        PlanCommand::List { year, json } => {
            let store = open(db)?;
            let plans = service::plans::list(&store, year)?;
            if json {
                print_json(&plans)?;
            } else {
                for p in &plans {
                    out!("{}  {}  {}—{}  {} indicators, judged in {}", p.plan.code, p.plan.name, p.plan.base_year, p.plan.end_year, p.indicators, p.year);
                    print_counts(&p.counts);
                }
            }
        }
        PlanCommand::Export { output, plan } => {
            let store = open(db)?;
            let f = service::plans::export_file(&store, plan.as_deref(), &output)?;
            out!("exported {} plans to {}", f.plans.len(), output.display());
        }
        PlanCommand::History { plan, indicator, json } => {
            let store = open(db)?;
            let h = service::plans::history(&store, &plan, &indicator)?;
            if json {
                print_json(&h)?;
            } else {
                for e in h {
                    out!("{}  {}  {} {} {}: {}", e.at, e.who, e.what, e.period.unwrap_or_default(), e.action, e.changes.join("; "));
                }
            }
        }
    }
    Ok(())
}

fn print_saved(s: &service::plans::PlanSaved) {
    let r = &s.evaluation;
    out!("saved {} {} {}: {} ({})", s.plan, s.indicator, s.year, r.label, r.light.as_str());
}

fn print_counts(counts: &[service::plans::StatusCount]) {
    let parts: Vec<String> = counts.iter().filter(|c| c.count > 0).map(|c| format!("{} {}", c.label, c.count)).collect();
    out!("  {}", if parts.is_empty() { "(no indicators)".to_string() } else { parts.join(", ") });
}

/// `init`: the database created or upgraded.
fn init(db: &Option<PathBuf>) -> Result<()> {
    let store = open(db)?;
    out!("database ready: {} (schema version {})", records::database_path(&store).map(|p| p.display().to_string()).unwrap_or_default(), records::schema_version());
    Ok(())
}

/// `target parse`: each text as the parser understands it, a JSON line each.
fn target(command: TargetCommand) -> Result<()> {
    let TargetCommand::Parse { year, texts } = command;
    let year = year.unwrap_or_else(|| chrono::Datelike::year(&chrono::Local::now()));
    for text in texts {
        #[derive(Serialize)]
        struct Line<'a> {
            input: &'a str,
            #[serde(flatten)]
            target: jixiao::target::Target,
        }
        out!("{}", serde_json::to_string(&Line { input: &text, target: jixiao::target::parse(&text, year) })?);
    }
    Ok(())
}

/// `import`, `template`, `import-text`, `export`: files in and out.
fn exchange(db: &Option<PathBuf>, command: ExchangeCommand) -> Result<()> {
    match command {
        ExchangeCommand::Import { file, format, given, dry_run, accept_doubtful, json } => {
            let format = jixiao::import::format_of(&file, format.as_deref().map(jixiao::import::Format::parse).transpose()?)?;
            let opts = given.into();
            let bar = Bar::new();
            jixiao::progress::Progress::report(&bar, jixiao::progress::ProgressEvent { done: 0, total: 1, doing: "正在读取文件".into(), cancellable: true });
            let parsed = jixiao::import::read_file(&file, Some(format), &opts)?;
            if dry_run {
                drop(bar);
                out!("{}", serde_json::to_string_pretty(&parsed)?);
                if service::exchange::check_directions(&parsed, false).is_err() {
                    eprintln!("{}", unstated_rows(&parsed));
                }
                return Ok(());
            }
            let mut store = open(db)?;
            let s = service::exchange::import_read_with(&mut store, &parsed, format, accept_doubtful, &bar).map_err(|e| unstated_hint(&parsed, e));
            drop(bar);
            let s = s?;
            if json {
                print_json(&s)?;
            } else {
                out!(
                    "imported {} units, {} projects, {} indicators, {} actuals, {} spending records",
                    s.units, s.projects, s.indicators, s.actuals, s.spending
                );
                if !s.replaced.is_empty() {
                    out!("replaced: {}", s.replaced.join(", "));
                }
                for u in &s.new_units {
                    match format {
                        // a table names a unit by its name, which became its code
                        jixiao::import::Format::Json => out!("created unit {u}"),
                        _ => out!("created unit {u} (not in the database before; rename it with: jixiao unit add CODE NAME)"),
                    }
                }
                if let Some(b) = &s.backup {
                    out!("backup before import: {}", b.display());
                }
                for w in &s.warnings {
                    out!("warning: {w}");
                }
            }
        }
        ExchangeCommand::Template { output, projects } => {
            jixiao::import::template::write_template(&output, projects)?;
            out!("wrote a blank 绩效目标表 workbook with {projects} project sheet(s) to {} (fill it in, then: jixiao import {})", output.display(), output.display());
        }
        ExchangeCommand::ImportText { file, given, output, json } => {
            let opts = given.into();
            let parsed = jixiao::import::read_file(&file, Some(jixiao::import::Format::Text), &opts)?;
            let indicators: usize = parsed.projects.iter().map(|p| p.indicators.len()).sum();
            match output {
                Some(out) => {
                    jixiao::fsutil::write_atomically(&out, (serde_json::to_string_pretty(&parsed)? + "\n").as_bytes())?;
                    out!("read {} projects, {} indicators into {} (check it, then: jixiao import {})", parsed.projects.len(), indicators, out.display(), out.display());
                }
                None => {
                    let mut store = open(db)?;
                    let s = service::exchange::import_read(&mut store, &parsed, jixiao::import::Format::Text, false).map_err(|e| unstated_hint(&parsed, e))?;
                    if json { print_json(&s)? } else { out!("imported {} projects, {} indicators from the text", s.projects, s.indicators) }
                }
            }
        }
        ExchangeCommand::Export { output, year } => {
            let store = open(db)?;
            let f = service::exchange::export_file(&store, year, &output)?;
            out!("exported {} projects to {}", f.projects.len(), output.display());
        }
    }
    Ok(())
}

/// `projects`: the stored projects, a line each.
fn projects(db: &Option<PathBuf>, year: Option<i32>, unit: Option<String>, json: bool) -> Result<()> {
    let store = open(db)?;
    let ps = records::projects(&store, year, unit.as_deref())?;
    if json {
        print_json(&ps)?;
    } else {
        for p in ps {
            out!("{}  {}  {}  {}", p.year, p.code, p.unit_code, p.name);
        }
    }
    Ok(())
}

/// `actual set`: one indicator's actual of a period, checked and saved.
fn actual(db: &Option<PathBuf>, command: ActualCommand) -> Result<()> {
    let ActualCommand::Set { which, indicator, value, done_on, level, ratio, not_done, clear, reason, measures, forecast, likelihood, reason_category, force, json } = command;
    let mut store = open(db)?;
    let period = Period::parse(&which.period)?;
    let changes = ActualChanges { value, done_on, level, ratio, not_done, clear, reason, measures, forecast, likelihood, reason_category };
    let saved = service::saving::update_actual(&mut store, which.year, &which.project, &indicator, period, changes, force)?;
    let (project, ind, stored) = (&saved.project, &saved.indicator, &saved.record);
    #[derive(Serialize)]
    struct Out<'a> {
        project: &'a str,
        indicator: &'a str,
        #[serde(flatten)]
        actual: &'a Option<jixiao::model::Actual>,
    }
    if json {
        print_json(&Out { project: &project.code, indicator: &ind.level3, actual: stored })?;
    } else {
        // the 完成值 as the forms print it (`IndicatorEvaluation::actual_shown`)
        let shown = saved.evaluation.indicators.iter().find(|i| i.indicator_id == ind.id).map(|i| i.actual_shown()).unwrap_or_default();
        out!("saved {} {} {}: {}", project.code, ind.level3, period, if stored.is_some() { shown } else { "(cleared)".into() });
    }
    Ok(())
}

/// `unit add` / `unit list`.
fn unit(db: &Option<PathBuf>, command: UnitCommand) -> Result<()> {
    let mut store = open(db)?;
    match command {
        UnitCommand::Add { code, name, parent } => {
            let u = service::editing::save_unit(&mut store, &code, &name, parent.as_deref())?;
            out!("saved unit {} {}{}", u.code, u.name, u.parent.map(|p| format!(" (under {p})")).unwrap_or_default());
        }
        UnitCommand::List { json } => {
            let units = records::units(&store)?;
            if json {
                print_json(&units)?;
            } else {
                for u in units {
                    out!("{}  {}{}", u.code, u.name, u.parent.map(|p| format!("  (under {p})")).unwrap_or_default());
                }
            }
        }
    }
    Ok(())
}

/// `spending set`: a project's spending of a period, checked and saved.
fn spending(db: &Option<PathBuf>, command: SpendingCommand) -> Result<()> {
    let SpendingCommand::Set { which, amount, reason, measures, force, json } = command;
    let mut store = open(db)?;
    let period = Period::parse(&which.period)?;
    let saved = service::saving::update_spending(&mut store, which.year, &which.project, period, Some(amount), reason, measures, force)?;
    let (project, stored) = (saved.project, saved.record);
    if json {
        print_json(&stored)?;
    } else if let Some(s) = stored {
        out!("saved {} {}: spent {} {}", project.code, period, s.amount, project.money_unit.as_str());
    }
    Ok(())
}

/// `evaluate`: the projects' evaluation at a period.
fn evaluate(db: &Option<PathBuf>, year: i32, project: Option<String>, unit: Option<String>, period: Option<String>, json: bool) -> Result<()> {
    let store = open(db)?;
    let period = match period {
        Some(p) => Period::parse(&p)?,
        None => Period::year_end(year),
    };
    period.check_in_year(year)?;
    let ev = service::evaluate(&store, period, unit.as_deref(), project.as_deref())?;
    if json { print_json(&ev)? } else { print_evaluation(&ev) }
    Ok(())
}

/// `overview`: the year at a glance, as the app's 总览 shows it.
fn overview(db: &Option<PathBuf>, year: i32, unit: Option<String>, json: bool) -> Result<()> {
    let store = open(db)?;
    let o = service::overview::overview(&store, year, unit.as_deref())?;
    if json {
        return print_json(&o);
    }
    out!("总览 {} 年 {}：{} 个项目（金额：万元）", o.year, o.unit.as_deref().unwrap_or("全部单位"), o.projects);
    out!("{:<8} {:>6} {:>6} {:>6} {:>6} {:>6} {:>14} {:>14} {:>14} {:>14}", "季度", "绿", "黄", "红", "蓝", "未填", "预算", "计划", "序时进度", "支出");
    for q in &o.quarters {
        let l = &q.lights;
        out!(
            "{:<8} {:>6} {:>6} {:>6} {:>6} {:>6} {:>14} {:>14} {:>14} {:>14}",
            q.period.to_string(), l.green, l.yellow, l.red, l.blue, l.none,
            round(q.budget, 2), round(q.planned, 2), round(q.schedule, 2), round(q.spent, 2)
        );
    }
    let g = &o.grades;
    out!("等级（四季度）：优 {}  良 {}  中 {}  差 {}", g.excellent, g.good, g.fair, g.poor);
    let period = o.period.map_or_else(|| "尚无填报".to_string(), |p| p.to_string());
    out!("滞后项目（{period}，红灯、黄灯最多的 {} 个）：", o.behind.len());
    for b in &o.behind {
        out!("  {:<20} 红 {:>3}  黄 {:>3}  {}（{}）", b.code, b.red, b.yellow, b.name, b.unit_name);
    }
    out!("各单位执行率（{period}，序时进度 {}%）：", round(o.schedule_percent, 2));
    for u in &o.units {
        let rate = u.rate_percent.map_or_else(|| "—".to_string(), |r| format!("{}%", round(r, 2)));
        out!("  {:<12} {:>5} 个项目  预算 {:>14}  支出 {:>14}  执行率 {:>8}  {}", u.code, u.projects, round(u.budget, 2), round(u.spent, 2), rate, u.name);
    }
    Ok(())
}

/// `settings get|set|reset`.
fn settings(db: &Option<PathBuf>, command: SettingsCommand) -> Result<()> {
    let mut store = open(db)?;
    match command {
        SettingsCommand::Get { key: Some(key), json } => {
            let s = service::all_settings(&store)?;
            let v = s.get(&key)?;
            if json { print_json(&serde_json::json!({ "key": key, "value": v }))? } else { out!("{v}") }
        }
        SettingsCommand::Get { key: None, json } => {
            let views = service::all_settings(&store)?.views();
            if json {
                print_json(&views)?;
            } else {
                for v in views {
                    let mark = if v.value == v.default { "" } else { "  (changed)" };
                    out!("{:<28} {:<8} default {:<8} {}{mark}", v.key, v.value, v.default, v.label);
                }
            }
        }
        SettingsCommand::Set { key, value } => {
            let s = service::set_setting(&mut store, &key, Some(&value))?;
            out!("{key} = {}", s.get(&key)?);
        }
        SettingsCommand::Reset { key } => {
            let s = service::set_setting(&mut store, &key, None)?;
            out!("{key} = {} (default)", s.get(&key)?);
        }
    }
    Ok(())
}

/// `demo`: the sample bureau.
fn demo(db: &Option<PathBuf>, json: bool) -> Result<()> {
    let mut store = open(db)?;
    let s = service::demo::load_demo(&mut store)?;
    if json {
        print_json(&s)?;
    } else {
        out!("loaded the sample bureau: {} projects, {} indicators, {} actuals, {} spending records", s.projects, s.indicators, s.actuals, s.spending);
    }
    Ok(())
}

/// `backup`, `backups`, `restore`.
fn backups(db: &Option<PathBuf>, command: BackupCommand) -> Result<()> {
    match command {
        BackupCommand::Backup { output } => {
            let store = open(db)?;
            service::backups::backup_to_with(&store, &output, &Bar::new())?;
            out!("backed up to {}", output.display());
        }
        BackupCommand::Backups { json } => {
            let store = open(db)?;
            let list = service::backups::backups(&store)?;
            if json {
                print_json(&list)?;
            } else {
                for b in list {
                    let projects = b.projects.map_or_else(|| "unreadable".to_string(), |n| format!("{n} projects"));
                    out!("{}  {:<17} {:>10} bytes  {projects}  {}", b.taken_at, b.why, b.bytes, b.path.display());
                }
            }
        }
        BackupCommand::Restore { file } => {
            let db = db.clone().unwrap_or_else(jixiao::default_db_path);
            let (done, _store) = service::backups::restore_over_with(&db, service::open(&db).ok(), &file, &Bar::new());
            let done = done?;
            out!("restored from {}", file.display());
            if let Some(b) = done.before {
                out!("the database before the restore: {}", b.display());
            }
            if let Some(aside) = done.set_aside {
                out!("the damaged database was set aside: {}", aside.display());
            }
        }
    }
    Ok(())
}

/// `submit`, `unlock`: 报送 and its unlocking.
fn submissions(db: &Option<PathBuf>, command: SubmitCommand) -> Result<()> {
    match command {
        SubmitCommand::Submit { scope } => {
            let mut store = open(db)?;
            let period = scope.period()?;
            let ps = service::submissions::submit(&mut store, period, scope.project.as_deref(), scope.unit.as_deref())?;
            out!("submitted {period} of {} projects: their figures are locked", ps.len());
        }
        SubmitCommand::Unlock { scope, reason } => {
            let mut store = open(db)?;
            let period = scope.period()?;
            let n = service::submissions::unlock(&mut store, period, scope.project.as_deref(), scope.unit.as_deref(), &reason)?;
            out!("unlocked {period} of {n} projects");
        }
    }
    Ok(())
}

/// `history`: a project's changes as people read them.
fn history(db: &Option<PathBuf>, year: i32, project: &str, json: bool) -> Result<()> {
    let store = open(db)?;
    let p = records::project(&store, year, project)?;
    let h = service::history::project_history(&store, p.id)?;
    if json {
        print_json(&h)?;
    } else {
        for e in h {
            let about = [e.indicator.as_deref(), e.period.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" ");
            out!("{}  {:<8} {}{} {about}  {}", e.at, e.who, e.what, e.action, e.changes.join("；"));
        }
    }
    Ok(())
}

/// `demo --synthetic N`: a generated bureau, imported or written to a file.
#[cfg(feature = "synthetic")]
fn synthetic(db: &Option<PathBuf>, projects: usize, seed: u64, year: Option<i32>, output: Option<PathBuf>, json: bool) -> Result<()> {
    let year = year.unwrap_or_else(|| chrono::Datelike::year(&chrono::Local::now()));
    let opts = service::synthetic::SyntheticOptions { projects, seed, year };
    if let Some(path) = output {
        let file = service::synthetic::write_synthetic(&opts, &path)?;
        let actuals: usize = file.projects.iter().map(|p| p.actuals.len()).sum();
        if json {
            print_json(&serde_json::json!({ "output": path, "projects": file.projects.len(), "actuals": actuals }))?;
        } else {
            out!("wrote {}: {} projects of {year}, {actuals} actuals", path.display(), file.projects.len());
        }
    } else {
        let mut store = open(db)?;
        let s = service::synthetic::load_synthetic(&mut store, &opts)?;
        if json {
            print_json(&s)?;
        } else {
            out!("loaded a synthetic bureau (seed {seed}): {} units, {} projects of {year}, {} indicators, {} actuals, {} spending records", s.units, s.projects, s.indicators, s.actuals, s.spending);
        }
    }
    Ok(())
}

/// `demo --synthetic N` in a build without the generator (the default).
#[cfg(not(feature = "synthetic"))]
fn synthetic(_: &Option<PathBuf>, _: usize, _: u64, _: Option<i32>, _: Option<PathBuf>, _: bool) -> Result<()> {
    Err(jixiao::Error::Invalid("本程序未包含合成数据生成器（demo --synthetic）：请用 cargo build --features synthetic 构建".into()))
}

fn review(db: &Option<PathBuf>, args: ReviewArgs) -> Result<()> {
    match args.command {
        None => {
            let year = args.year.ok_or_else(|| jixiao::Error::Invalid("请用 --year 指定年度".into()))?;
            let store = open(db)?;
            let r = service::review::review_year(&store, year, args.unit.as_deref(), args.project.as_deref())?;
            if args.json { print_json(&r)? } else { print_review(&r) }
        }
        Some(ReviewCommand::Ack { which, note, json }) => {
            let mut store = open(db)?;
            let acks = service::review::acknowledge_matching(&mut store, which.year, &which.project, &which.rule, which.indicator.as_deref(), &note)?;
            if json {
                print_json(&acks)?;
            } else {
                for a in acks {
                    out!("已知悉 {} {} [{}] {}: {}", which.project, a.indicator.as_deref().unwrap_or("全表"), a.rule.id(), a.message, a.note);
                }
            }
        }
        Some(ReviewCommand::Unack { which }) => {
            let mut store = open(db)?;
            let n = service::review::unacknowledge_matching(&mut store, which.year, &which.project, &which.rule, which.indicator.as_deref())?;
            out!("removed {n} 已知悉 note(s) of {} on {}", which.rule, which.indicator.as_deref().unwrap_or("全表"));
        }
    }
    Ok(())
}

fn print_review(r: &jixiao::review::YearReview) {
    use jixiao::review::Severity;
    out!("绩效目标审核 {} ({} projects)", r.year, r.projects.len());
    for p in &r.projects {
        let count = |s: Severity| p.review.count(s);
        out!("");
        out!("{}  {}", p.code, p.name);
        out!(
            "  conclusion {} ({})  errors {}  warnings {}  notes {}",
            p.review.conclusion.as_str(),
            p.review.conclusion.meaning(),
            count(Severity::Error),
            count(Severity::Warning),
            count(Severity::Info)
        );
        for f in &p.review.findings {
            let known = p.acknowledged.iter().find(|a| a.covers(f)).map(|a| format!("  [已知悉: {}]", a.note)).unwrap_or_default();
            out!(
                "  {} {} {:<24} {}  ({}){known}",
                f.severity.word(),
                f.criterion.as_str(),
                f.indicator.as_deref().unwrap_or("全表"),
                f.message,
                f.rule.id()
            );
        }
    }
}

/// Which quarter of which projects `submit` and `unlock` act on.
#[derive(Args)]
struct Scope {
    #[arg(long)]
    year: i32,
    /// YYYYQn
    #[arg(long)]
    period: String,
    #[arg(long, required_unless_present = "unit")]
    project: Option<String>,
    #[arg(long)]
    unit: Option<String>,
}

impl Scope {
    /// The period, checked to lie in the year.
    fn period(&self) -> Result<Period> {
        let period = Period::parse(&self.period)?;
        period.check_in_year(self.year)?;
        Ok(period)
    }
}

/// The rows whose target states no direction (`guessed: ["op"]`), in English.
fn unstated_rows(file: &jixiao::exchange::File) -> String {
    let rows: Vec<String> =
        jixiao::import::preview::unstated_directions(file).into_iter().map(|(code, n, level3, target)| format!("  project {code} row {n} {level3}: {target}")).collect();
    format!("{} target(s) state no direction (≥ ≤ =) and would be read as ≥:\n{}", rows.len(), rows.join("\n"))
}

/// An import refused for targets without a direction, said in English with
/// its rows and how to accept them; any other error as it is.
fn unstated_hint(file: &jixiao::exchange::File, e: Error) -> Error {
    match e {
        Error::Doubtful(_) => Error::Invalid(format!("{}\nnothing imported: write the operator in the file, or add --accept-doubtful to import them as ≥", unstated_rows(file))),
        e => e,
    }
}

/// Writes the report; returns the line to print.
fn report(store: &Store, args: &ReportArgs) -> Result<String> {
    let kind = FormKind::parse(&args.form)?;
    let format = Format::parse(&args.format)?;
    let mut opts = RenderOptions::from_env();
    if args.font.is_some() {
        opts.font_file = args.font.clone();
    }
    if kind == FormKind::Plan {
        let Some(code) = &args.plan else {
            return Err(Error::Invalid("规划主要指标监测表需要 --plan（规划编码）".into()));
        };
        let report = service::plans::report(store, code, Some(args.year), args.unit.as_deref())?;
        let w = jixiao::report::write_with(&report, format, &args.output, &opts, &Bar::new())?;
        return Ok(format!("wrote {} ({} indicators, {} bytes)", args.output.display(), report.plan.map_or(0, |f| f.rows.len()), w.bytes));
    }
    if args.plan.is_some() {
        return Err(Error::Invalid("--plan 只用于 plan（规划主要指标监测表）".into()));
    }
    let period = match &args.period {
        Some(p) => Period::parse(p)?,
        None => kind.default_period(args.year),
    };
    period.check_in_year(args.year)?;
    let req = ReportRequest { kind, period, unit: args.unit.as_deref(), project: args.project.as_deref(), format };
    let w = service::report::write_report_with(store, &req, &args.output, &opts, &Bar::new())?;
    Ok(format!("wrote {} ({} projects, {} bytes)", args.output.display(), w.projects, w.bytes))
}

fn print_evaluation(ev: &Evaluation) {
    out!("evaluation at {} ({} projects)", ev.period, ev.projects.len());
    for p in &ev.projects {
        let b = &p.budget_execution;
        out!("");
        out!("{}  {}", p.code, p.name);
        out!(
            "  budget {}  spent {}  rate {}  score {}  light {:?}{}",
            round(b.budget, 2), round(b.spent, 2), percent_text(b.rate), round(b.score, 2), b.light,
            if b.explanation_missing { "  [explanation missing]" } else { "" }
        );
        for i in &p.indicators {
            out!(
                "  {:<10} {:<24} target {:<18} actual {:<14} ratio {:<9} weight {:<6} score {:<6} {:?}{}",
                serde_json::to_value(i.status).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default(),
                i.level3,
                i.target,
                i.actual.as_deref().unwrap_or("—"),
                percent_text(i.completion_ratio),
                i.weight.map(|w| round(w, 2).to_string()).unwrap_or_else(|| "—".into()),
                round(i.score, 2),
                i.light,
                if i.explanation_missing { "  [explanation missing]" } else { "" }
            );
        }
        for w in &p.warnings {
            out!("  warning: {w}");
        }
        out!("  indicators {}  total {}  grade {}", round(p.indicator_score, 2), round(p.total_score, 2), p.grade);
    }
}
