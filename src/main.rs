//! `jixiao`: the command line over the core. Each subcommand parses its
//! arguments, calls the core, and prints JSON (`--json`) or a short summary.

use clap::{Args, Parser, Subcommand};
use jixiao::display::percent_text;
use jixiao::entry::ActualChanges;
use jixiao::report::{FormKind, Format, RenderOptions};
use jixiao::service::report::ReportRequest;
use jixiao::scoring::{Evaluation, round};
use jixiao::service;
use jixiao::{Error, Period, Result, Store};
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
    /// Import an exchange file (format v1): all of it, or nothing
    Import {
        file: PathBuf,
        /// json (exchange format) | xlsx (template or a budget system's flat export)
        /// | text (a budget PDF's text, or prose) | pdf; guessed from the file when not given
        #[arg(long)]
        format: Option<String>,
        /// The budget year, where the file does not say
        #[arg(long)]
        year: Option<i32>,
        /// The unit's code, for projects whose file names none
        #[arg(long)]
        unit: Option<String>,
        /// The project's code, for prose (default: its name)
        #[arg(long)]
        code: Option<String>,
        /// Print what would be imported (exchange JSON) and write nothing
        #[arg(long)]
        dry_run: bool,
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
        /// The year, where the text does not say
        #[arg(long)]
        year: Option<i32>,
        /// The unit's code, for prose (tables name their unit)
        #[arg(long)]
        unit: Option<String>,
        /// The project's code, for prose (default: its name)
        #[arg(long)]
        code: Option<String>,
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
    /// List projects
    Projects {
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        unit: Option<String>,
        #[arg(long)]
        json: bool,
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
    /// Scoring settings
    Settings {
        #[command(subcommand)]
        command: SettingsCommand,
    },
    /// Load the sample bureau into an empty database, or with --synthetic a
    /// generated bureau of N projects over 50 units (deterministic for a seed)
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

/// `jixiao report self-eval|monitor|summary|review --year Y … --format pdf|xlsx -o FILE`
#[derive(Debug, Args)]
struct ReportArgs {
    /// self-eval (自评表) | monitor (监控表) | summary (汇总表) | review (审核意见表)
    form: String,
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

fn print_json<T: Serialize>(v: &T) -> Result<()> {
    out!("{}", serde_json::to_string_pretty(v)?);
    Ok(())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
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
    match cli.command {
        Command::Init => {
            let store = open(&cli.db)?;
            out!("database ready: {} (schema version {})", store.path().map(|p| p.display().to_string()).unwrap_or_default(), jixiao::store::schema_version());
        }
        Command::Target { command: TargetCommand::Parse { year, texts } } => {
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
        }
        Command::Import { file, format, year, unit, code, dry_run, json } => {
            let format = format.as_deref().map(jixiao::import::Format::parse).transpose()?;
            let opts = jixiao::import::ImportOptions { year, unit, code };
            let parsed = jixiao::import::read_file(&file, format, &opts)?;
            if dry_run {
                out!("{}", serde_json::to_string_pretty(&parsed)?);
                return Ok(());
            }
            let mut store = open(&cli.db)?;
            let s = service::exchange::import(&mut store, &parsed)?;
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
                if let Some(b) = &s.backup {
                    out!("backup before import: {}", b.display());
                }
                for w in &s.warnings {
                    out!("warning: {w}");
                }
            }
        }
        Command::Template { output, projects } => {
            jixiao::import::template::write_template(&output, projects)?;
            out!("wrote a blank 绩效目标表 workbook with {projects} project sheet(s) to {} (fill it in, then: jixiao import {})", output.display(), output.display());
        }
        Command::ImportText { file, year, unit, code, output, json } => {
            let opts = jixiao::import::ImportOptions { year, unit, code };
            let parsed = jixiao::import::read_file(&file, Some(jixiao::import::Format::Text), &opts)?;
            let indicators: usize = parsed.projects.iter().map(|p| p.indicators.len()).sum();
            match output {
                Some(out) => {
                    jixiao::fsutil::write_atomically(&out, (serde_json::to_string_pretty(&parsed)? + "\n").as_bytes())?;
                    out!("read {} projects, {} indicators into {} (check it, then: jixiao import {})", parsed.projects.len(), indicators, out.display(), out.display());
                }
                None => {
                    let mut store = open(&cli.db)?;
                    let s = service::exchange::import(&mut store, &parsed)?;
                    if json { print_json(&s)? } else { out!("imported {} projects, {} indicators from the text", s.projects, s.indicators) }
                }
            }
        }
        Command::Export { output, year } => {
            let store = open(&cli.db)?;
            let f = service::exchange::export_file(&store, year, &output)?;
            out!("exported {} projects to {}", f.projects.len(), output.display());
        }
        Command::Projects { year, unit, json } => {
            let store = open(&cli.db)?;
            let ps = store.projects(year, unit.as_deref())?;
            if json {
                print_json(&ps)?;
            } else {
                for p in ps {
                    out!("{}  {}  {}  {}", p.year, p.code, p.unit_code, p.name);
                }
            }
        }
        Command::Actual { command: ActualCommand::Set { which, indicator, value, done_on, level, ratio, not_done, reason, measures, forecast, likelihood, reason_category, force, json } } => {
            let mut store = open(&cli.db)?;
            let period = Period::parse(&which.period)?;
            let changes = ActualChanges { value, done_on, level, ratio, not_done, reason, measures, forecast, likelihood, reason_category };
            let saved = service::update_actual(&mut store, which.year, &which.project, &indicator, period, changes, force).map_err(with_force_hint)?;
            let (project, ind, stored) = (saved.project, saved.indicator.expect("an actual has its indicator"), saved.record);
            #[derive(Serialize)]
            struct Out<'a> {
                project: &'a str,
                indicator: &'a str,
                #[serde(flatten)]
                actual: &'a Option<jixiao::model::Actual>,
            }
            if json {
                print_json(&Out { project: &project.code, indicator: &ind.level3, actual: &stored })?;
            } else {
                let shown = stored.as_ref().map(|a| {
                    a.value_text(ind.target.unit_str())
                        .or(a.done_on.map(|d| d.to_string()))
                        .or(a.level.map(|l| l.as_str().to_string()))
                        .unwrap_or_else(|| "(texts only)".into())
                });
                out!("saved {} {} {}: {}", project.code, ind.level3, period, shown.unwrap_or_else(|| "(cleared)".into()));
            }
        }
        Command::Spending { command: SpendingCommand::Set { which, amount, reason, measures, force, json } } => {
            let mut store = open(&cli.db)?;
            let period = Period::parse(&which.period)?;
            let saved = service::update_spending(&mut store, which.year, &which.project, period, Some(amount), reason, measures, force).map_err(with_force_hint)?;
            let (project, stored) = (saved.project, saved.record);
            if json {
                print_json(&stored)?;
            } else if let Some(s) = stored {
                out!("saved {} {}: spent {} {}", project.code, period, s.amount, project.money_unit.as_str());
            }
        }
        Command::Evaluate { year, project, unit, period, json } => {
            let store = open(&cli.db)?;
            let period = match period {
                Some(p) => Period::parse(&p)?,
                None => Period::year_end(year),
            };
            period.check_in_year(year)?;
            let ev = service::evaluate(&store, period, unit.as_deref(), project.as_deref())?;
            if json { print_json(&ev)? } else { print_evaluation(&ev) }
        }
        Command::Settings { command } => {
            let mut store = open(&cli.db)?;
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
        }
        Command::Report(args) => {
            let store = open(&cli.db)?;
            out!("{}", report(&store, &args)?);
        }
        Command::Review(args) => review(&cli.db, args)?,
        Command::Backup { output } => {
            let store = open(&cli.db)?;
            service::safekeeping::backup_to(&store, &output)?;
            out!("backed up to {}", output.display());
        }
        Command::Backups { json } => {
            let store = open(&cli.db)?;
            let list = service::safekeeping::backups(&store)?;
            if json {
                print_json(&list)?;
            } else {
                for b in list {
                    let projects = b.projects.map_or_else(|| "unreadable".to_string(), |n| format!("{n} projects"));
                    out!("{}  {:<17} {:>10} bytes  {projects}  {}", b.taken_at, b.why, b.bytes, b.path.display());
                }
            }
        }
        Command::Restore { file } => match open(&cli.db) {
            Ok(store) => {
                let (_store, before) = service::safekeeping::restore(store, &file)?;
                out!("restored from {}", file.display());
                if let Some(b) = before {
                    out!("the database before the restore: {}", b.display());
                }
            }
            // a damaged database cannot be backed up: it is set aside as it is
            Err(jixiao::Error::Damaged { path, .. }) => {
                let (_store, aside) = service::safekeeping::restore_damaged(&path, &file)?;
                out!("restored from {}", file.display());
                out!("the damaged database was set aside: {}", aside.display());
            }
            Err(e) => return Err(e),
        },
        Command::Submit { scope } => {
            let mut store = open(&cli.db)?;
            let period = scope.period()?;
            let ps = service::safekeeping::submit(&mut store, period, scope.project.as_deref(), scope.unit.as_deref())?;
            out!("submitted {period} of {} projects: their figures are locked", ps.len());
        }
        Command::Unlock { scope, reason } => {
            let mut store = open(&cli.db)?;
            let period = scope.period()?;
            let n = service::safekeeping::unlock(&mut store, period, scope.project.as_deref(), scope.unit.as_deref(), &reason)?;
            out!("unlocked {period} of {n} projects");
        }
        Command::History { year, project, json } => {
            let store = open(&cli.db)?;
            let p = store.project(year, &project)?;
            let h = service::safekeeping::project_history(&store, p.id)?;
            if json {
                print_json(&h)?;
            } else {
                for e in h {
                    let about = [e.indicator.as_deref(), e.period.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" ");
                    out!("{}  {:<8} {}{} {about}  {}", e.at, e.who, e.what, e.action, e.changes.join("；"));
                }
            }
        }
        Command::Demo { synthetic: Some(projects), seed, year, output, json } => {
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
                let mut store = open(&cli.db)?;
                let s = service::synthetic::load_synthetic(&mut store, &opts)?;
                if json {
                    print_json(&s)?;
                } else {
                    out!("loaded a synthetic bureau (seed {seed}): {} units, {} projects of {year}, {} indicators, {} actuals, {} spending records", s.units, s.projects, s.indicators, s.actuals, s.spending);
                }
            }
        }
        Command::Demo { synthetic: None, json, .. } => {
            let mut store = open(&cli.db)?;
            let s = service::demo::load_demo(&mut store)?;
            if json {
                print_json(&s)?;
            } else {
                out!("loaded the sample bureau: {} projects, {} indicators, {} actuals, {} spending records", s.projects, s.indicators, s.actuals, s.spending);
            }
        }
    }
    Ok(())
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

/// A write refused for its doubts says how to save it anyway.
fn with_force_hint(e: Error) -> Error {
    match e {
        Error::Doubtful(m) => Error::Doubtful(format!("{m} (not saved; add --force to save it anyway)")),
        e => e,
    }
}

/// Writes the report; returns the line to print.
fn report(store: &Store, args: &ReportArgs) -> Result<String> {
    let kind = FormKind::parse(&args.form)?;
    let format = Format::parse(&args.format)?;
    let period = match &args.period {
        Some(p) => Period::parse(p)?,
        None => kind.default_period(args.year),
    };
    period.check_in_year(args.year)?;
    let mut opts = RenderOptions::from_env();
    if args.font.is_some() {
        opts.font_file = args.font.clone();
    }
    let req = ReportRequest { kind, period, unit: args.unit.as_deref(), project: args.project.as_deref(), format };
    let w = service::report::write_report(store, &req, &args.output, &opts)?;
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
