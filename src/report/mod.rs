//! The printed forms of reports.md: 项目支出绩效自评表, 项目支出绩效目标执行监控表,
//! the unit summary (汇总表), and review.md's 绩效目标审核意见表.
//!
//! - [`model`]: the forms as data ([`Report`], [`FormKind`], [`PageSetup`]), which
//!   serialize to the JSON the Typst template and the app read, numbers already
//!   written for display (`crate::display`).
//! - [`build()`]: pure, an [`Evaluation`](crate::scoring::Evaluation) (the numbers
//!   `jixiao evaluate` shows, never recomputed) plus each project's
//!   [`ProjectSource`] in, a [`Report`] out; the project forms are built there,
//!   their row layout (merged level cells) in `layout`, the 汇总表 in `summary`.
//! - [`review_report()`]: the 审核意见表s (`crate::review::form`) as a report.
//! - [`plan_report()`]: a plan's 规划主要指标监测表 from its judged rows.
//! - [`render()`] / [`write()`]: a report as the bytes, or the file, of a PDF
//!   (`pdf`, Typst as a library) or an xlsx workbook (`xlsx`).
//!
//! Reading the store for a report is `crate::service::report`.

mod build;
mod layout;
pub mod model;
mod pdf;
mod plan;
mod render;
mod review;
mod summary;
mod xlsx;

pub use build::{ProjectSource, build};
pub use model::*;
pub use pdf::{FontSource, find_fonts, render_pdf};
pub use render::{FORMS_PER_COMPILE, Format, RenderOptions, Written, render, render_with, write, write_with};
pub use plan::{PlanSource, plan_report};
pub use review::review_report;
pub use xlsx::render_xlsx;
pub(crate) use xlsx::sheet_name;
