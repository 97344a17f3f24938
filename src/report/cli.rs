//! The `jixiao report` subcommand's arguments and its one call into the core,
//! kept here so the CLI's `main.rs` only names them.

use super::{FormKind, Format, RenderOptions, ReportRequest, write_report};
use crate::error::{Error, Result};
use crate::model::Period;
use crate::store::Store;
use std::path::PathBuf;

/// `jixiao report self-eval|monitor|summary --year Y … --format pdf|xlsx -o FILE`
#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// self-eval (自评表) | monitor (监控表) | summary (汇总表)
    pub form: String,
    #[arg(long)]
    pub year: i32,
    /// Only this unit's projects
    #[arg(long)]
    pub unit: Option<String>,
    /// Only this project (its code)
    #[arg(long)]
    pub project: Option<String>,
    /// YYYYQn (default: YQ4; for monitor YQ2)
    #[arg(long)]
    pub period: Option<String>,
    /// pdf | xlsx
    #[arg(long, default_value = "pdf")]
    pub format: String,
    #[arg(short, long)]
    pub output: PathBuf,
    /// A font file for the PDF (default: $JIXIAO_FONT, else the system's CJK fonts)
    #[arg(long)]
    pub font: Option<PathBuf>,
}

/// Writes the report; returns the line the CLI prints.
pub fn run_cli(store: &Store, args: &ReportArgs) -> Result<String> {
    let kind = FormKind::parse(&args.form)?;
    let format = Format::parse(&args.format)?;
    let period = match &args.period {
        Some(p) => Period::parse(p)?,
        None => kind.default_period(args.year),
    };
    if period.year != args.year {
        return Err(Error::Invalid(format!("期间 {period} 不在 {} 年度内", args.year)));
    }
    let mut opts = RenderOptions::from_env();
    if args.font.is_some() {
        opts.font_file = args.font.clone();
    }
    let req = ReportRequest { kind, period, unit: args.unit.as_deref(), project: args.project.as_deref(), format };
    let w = write_report(store, &req, &args.output, &opts)?;
    Ok(format!("wrote {} ({} projects, {} bytes)", args.output.display(), w.projects, w.bytes))
}
