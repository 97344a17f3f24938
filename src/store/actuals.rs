//! Queries on `actuals`, and the checks an actual passes before it is stored
//! (the same checks for the grid, the CLI and an import).

use super::{Dec, Store, dec, now_text, undec};
use crate::error::{Error, Result};
use crate::model::{Actual, ActualInput, Indicator, Level, Likelihood, Period, ReasonCategory};
use crate::scoring::{Settings, label_band};
use crate::target::Kind;
use crate::text::{leading_number, normalize};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use rust_decimal::Decimal;
use std::collections::HashMap;

/// A number with an optional unit, as typed: `18`, `18次`, `1,694,000元`.
pub fn parse_amount(text: &str) -> Result<(Decimal, Option<String>)> {
    let s = normalize(text);
    if s.starts_with('-') && leading_number(&s[1..]).is_some() {
        return Err(Error::Invalid(format!("“{}”：数值不能为负数", text.trim())));
    }
    let not_number = || Error::Invalid(format!("“{}”不是数字", text.trim()));
    let (v, unit) = leading_number(&s).ok_or_else(not_number)?;
    if crate::text::has_digit(unit) || unit.chars().any(|c| "≥≤<>=~—-,.;:".contains(c)) {
        return Err(not_number());
    }
    Ok((v, (!unit.is_empty()).then(|| unit.to_string())))
}

/// `2023-12-25` (also `2023/12/25`, `2023.12.25`, `2023年12月25日`).
pub fn parse_date(text: &str) -> Result<NaiveDate> {
    let s = normalize(text).replace(['/', '.', '年', '月'], "-").replace('日', "");
    NaiveDate::parse_from_str(&s, "%Y-%m-%d")
        .map_err(|_| Error::Invalid(format!("日期“{}”无效，格式应为 YYYY-MM-DD，例如 2023-12-20", text.trim())))
}

/// Checks an actual typed for `ind` and returns the record to store.
/// Errors are in Chinese and say what to fix.
pub fn parse_actual(ind: &Indicator, period: Period, input: &ActualInput, settings: &Settings) -> Result<Actual> {
    check_actual(ind, period, input, settings).map_err(|(_, e)| e)
}

/// [`parse_actual`], naming the field at fault (`value`, `done_on`, `level`, `ratio`).
pub fn check_actual(ind: &Indicator, period: Period, input: &ActualInput, settings: &Settings) -> std::result::Result<Actual, (&'static str, Error)> {
    let kind = ind.target.kind;
    let value = input.value.as_deref().filter(|v| !v.trim().is_empty());
    let done_on = input.done_on.as_deref().filter(|v| !v.trim().is_empty());
    let wrong = |field: &'static str, what: &str| Err((field, Error::Invalid(format!("该指标{what}"))));
    if value.is_some() && matches!(kind, Kind::Date | Kind::Label) {
        return wrong("value", if kind == Kind::Date { "是时间指标，请填写完成日期" } else { "是定性指标，请选择 达成 / 部分达成 / 未达成" });
    }
    if done_on.is_some() && matches!(kind, Kind::Quantity | Kind::Label) {
        return wrong("done_on", "不是时间指标，请填写完成值");
    }
    if input.level.is_some() && matches!(kind, Kind::Quantity | Kind::Date) {
        return wrong("level", "不是定性指标，请填写完成值");
    }
    let (value, value_unit) = match value {
        Some(v) => {
            let (n, unit) = parse_amount(v).map_err(|e| ("value", e))?;
            if kind == Kind::Quantity {
                // a unit that cannot be compared is refused now, not at scoring time
                crate::units::convert(n, unit.as_deref().unwrap_or(""), ind.target.unit_str()).map_err(|e| ("value", e))?;
            }
            (Some(n), unit)
        }
        None => (None, None),
    };
    let done_on = done_on.map(parse_date).transpose().map_err(|e| ("done_on", e))?;
    if let Some(d) = done_on
        && !period.is_year_end()
        && d > period.end_date()
    {
        // a record of a quarter tells what was done by the quarter's end
        return Err(("done_on", Error::Invalid(format!("完成日期 {d} 晚于 {period} 的期末（{}），请在完成的季度填写", period.end_date()))));
    }
    if input.ratio.is_some() && input.level.is_none() {
        return Err(("ratio", Error::Invalid("填写得分比例前请先选择完成程度".into())));
    }
    if let (Some(level), Some(r)) = (input.level, input.ratio) {
        let (lo, hi, hi_inclusive) = label_band(settings, level);
        if r < lo || r > hi || (r == hi && !hi_inclusive) {
            let close = if hi_inclusive { "]" } else { ")" };
            return Err(("ratio", Error::Invalid(format!("“{}”的得分比例应在 [{lo}, {hi}{close} 之内，{r} 不在其中", level.as_str()))));
        }
    }
    let text = |s: &Option<String>| s.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_string);
    Ok(Actual {
        id: 0,
        indicator_id: ind.id,
        period,
        value,
        value_unit,
        done_on,
        level: input.level,
        ratio: input.ratio,
        reason: text(&input.reason),
        measures: text(&input.measures),
        forecast: text(&input.forecast),
        likelihood: input.likelihood,
        reason_category: input.reason_category,
        updated_at: String::new(),
    })
}

impl From<&Actual> for ActualInput {
    fn from(a: &Actual) -> Self {
        ActualInput {
            value: a.value.map(|v| format!("{v}{}", a.value_unit.as_deref().unwrap_or(""))),
            done_on: a.done_on.map(|d| d.to_string()),
            level: a.level,
            ratio: a.ratio,
            reason: a.reason.clone(),
            measures: a.measures.clone(),
            forecast: a.forecast.clone(),
            likelihood: a.likelihood,
            reason_category: a.reason_category,
            not_done: true,
        }
    }
}

const SELECT: &str = "SELECT id, indicator_id, period, value, value_unit, done_on, level, ratio, reason, measures, forecast,
    likelihood, reason_category, updated_at FROM actuals";

fn row(r: &rusqlite::Row) -> rusqlite::Result<Actual> {
    let bad = |i: usize, e: Error| rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e));
    let period: String = r.get(2)?;
    let done_on: Option<String> = r.get(5)?;
    let level: Option<String> = r.get(6)?;
    let likelihood: Option<String> = r.get(11)?;
    let category: Option<String> = r.get(12)?;
    Ok(Actual {
        id: r.get(0)?,
        indicator_id: r.get(1)?,
        period: Period::parse(&period).map_err(|e| bad(2, e))?,
        value: undec(r.get::<_, Option<Dec>>(3)?),
        value_unit: r.get(4)?,
        done_on: done_on.as_deref().map(parse_date).transpose().map_err(|e| bad(5, e))?,
        level: level.as_deref().map(Level::parse).transpose().map_err(|e| bad(6, e))?,
        ratio: undec(r.get::<_, Option<Dec>>(7)?),
        reason: r.get(8)?,
        measures: r.get(9)?,
        forecast: r.get(10)?,
        likelihood: likelihood.as_deref().map(Likelihood::parse).transpose().map_err(|e| bad(11, e))?,
        reason_category: category.as_deref().map(ReasonCategory::parse).transpose().map_err(|e| bad(12, e))?,
        updated_at: r.get(13)?,
    })
}

/// Writes the record of `a.period`; a record holding nothing at all is removed
/// unless `keep_empty` (a date target recorded as not done yet).
pub(crate) fn upsert_actual(conn: &Connection, a: &Actual, keep_empty: bool) -> Result<()> {
    let empty = !keep_empty
        && a.value.is_none() && a.done_on.is_none() && a.level.is_none() && a.reason.is_none()
        && a.measures.is_none() && a.forecast.is_none() && a.likelihood.is_none() && a.reason_category.is_none();
    if empty {
        conn.execute("DELETE FROM actuals WHERE indicator_id = ?1 AND period = ?2", params![a.indicator_id, a.period.to_string()])?;
        return Ok(());
    }
    conn.execute(
        "INSERT INTO actuals (indicator_id, period, value, value_unit, done_on, level, ratio, reason, measures, forecast,
            likelihood, reason_category, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
         ON CONFLICT (indicator_id, period) DO UPDATE SET value = excluded.value, value_unit = excluded.value_unit,
            done_on = excluded.done_on, level = excluded.level, ratio = excluded.ratio, reason = excluded.reason,
            measures = excluded.measures, forecast = excluded.forecast, likelihood = excluded.likelihood,
            reason_category = excluded.reason_category, updated_at = excluded.updated_at",
        params![
            a.indicator_id, a.period.to_string(), dec(a.value), a.value_unit, a.done_on.map(|d| d.to_string()),
            a.level.map(Level::as_str), dec(a.ratio), a.reason, a.measures, a.forecast, a.likelihood.map(Likelihood::as_str),
            a.reason_category.map(ReasonCategory::as_str), now_text()
        ],
    )?;
    Ok(())
}

impl Store {
    /// The actuals of a project's indicators for one period, by indicator id.
    pub fn actuals(&self, project_id: i64, period: Period) -> Result<HashMap<i64, Actual>> {
        let mut st = self.conn().prepare_cached(&format!(
            "{SELECT} WHERE period = ?2 AND indicator_id IN (SELECT id FROM indicators WHERE project_id = ?1)"
        ))?;
        let rows = st.query_map(params![project_id, period.to_string()], row)?;
        rows.map(|r| r.map(|a| (a.indicator_id, a)).map_err(Error::from)).collect()
    }

    /// Every actual of a project, every period.
    pub fn all_actuals(&self, project_id: i64) -> Result<Vec<Actual>> {
        let mut st = self.conn().prepare(&format!(
            "{SELECT} WHERE indicator_id IN (SELECT id FROM indicators WHERE project_id = ?1) ORDER BY period, indicator_id"
        ))?;
        let rows = st.query_map([project_id], row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn actual(&self, indicator_id: i64, period: Period) -> Result<Option<Actual>> {
        Ok(self
            .conn()
            .query_row(&format!("{SELECT} WHERE indicator_id = ?1 AND period = ?2"), params![indicator_id, period.to_string()], row)
            .optional()?)
    }

    /// Checks and saves an actual; returns the record as committed (`None` when
    /// the input was empty, without `not_done`, and the record was removed).
    pub fn set_actual(&mut self, indicator_id: i64, period: Period, input: &ActualInput) -> Result<Option<Actual>> {
        let a = self.checked_actual(indicator_id, period, input)?;
        self.write(|tx| upsert_actual(tx, &a, input.not_done))?;
        self.actual(indicator_id, period)
    }

    /// The checks of [`Store::set_actual`] without writing anything: for a value
    /// being typed (the grid shows the message before the cell is left).
    pub fn check_actual(&self, indicator_id: i64, period: Period, input: &ActualInput) -> Result<()> {
        self.checked_actual(indicator_id, period, input).map(|_| ())
    }

    /// The one place an actual for a stored indicator is checked: the period
    /// against the project's year, then [`parse_actual`].
    fn checked_actual(&self, indicator_id: i64, period: Period, input: &ActualInput) -> Result<Actual> {
        let ind = self.indicator(indicator_id)?;
        let project = self.project_by_id(ind.project_id)?;
        if period.year != project.year {
            return Err(Error::Invalid(format!("期间 {period} 不在项目的年度 {} 之内", project.year)));
        }
        let settings = self.settings()?;
        parse_actual(&ind, period, input, &settings).map_err(|e| Error::Invalid(format!("指标“{}”：{e}", ind.level3)))
    }
}
