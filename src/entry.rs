//! What an officer enters, checked before anything is stored: amounts, dates, an
//! actual against its indicator's understood target, spending in the project's
//! money unit. The same checks for the grid, the CLI and an import; pure (the
//! service layer loads what they need and the store writes what they return).

use crate::error::{Error, Result};
use crate::model::{Actual, ActualInput, CheckedSpending, Indicator, Level, Likelihood, MoneyUnit, Period, ReasonCategory, SpendingInput};
use crate::scoring::{Settings, label_band};
use crate::target::Kind;
use crate::text::{normalize, number_prefix};
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// A number with an optional unit, as typed: `18`, `18次`, `1,694,000元`.
pub fn parse_amount(text: &str) -> Result<(Decimal, Option<String>)> {
    let s = normalize(text);
    if s.starts_with('-') && matches!(number_prefix(&s[1..]), Ok(Some(_)) | Err(_)) {
        return Err(Error::Invalid(format!("“{}”：数值不能为负数", text.trim())));
    }
    let not_number = || Error::Invalid(format!("“{}”不是数字", text.trim()));
    let (v, unit) = number_prefix(&s)?.ok_or_else(not_number)?;
    if crate::text::has_digit(unit) || unit.chars().any(|c| "≥≤<>=~—-,.;:".contains(c)) {
        return Err(not_number());
    }
    Ok((v, (!unit.is_empty()).then(|| unit.to_string())))
}

/// A plain number as typed, with the number syntax of targets (full-width
/// digits, spaces, thousands separators), no unit: budgets, plan amounts,
/// 分值. The one rule the importer and the 编辑 screen share.
pub fn parse_decimal(text: &str) -> Result<Decimal> {
    let s = normalize(text);
    match number_prefix(&s)? {
        Some((d, "")) => Ok(d),
        _ => Err(Error::Invalid(format!("“{}”不是数字", text.trim()))),
    }
}

/// An amount or 分值 typed on the 编辑 screen: blank is none; a number is
/// returned as the decimal text the records take; a sign is refused.
pub fn check_decimal(text: &str, label: &str) -> Result<Option<String>> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let s = normalize(text);
    if let Some(rest) = s.strip_prefix('-')
        && parse_decimal(rest).is_ok()
    {
        return Err(Error::Invalid(format!("{label}不能为负数")));
    }
    let d = parse_decimal(text).map_err(|e| Error::Invalid(format!("{label}{e}")))?;
    Ok(Some(d.to_string()))
}

/// `2023-12-25` (also `2023/12/25`, `2023.12.25`, `2023年12月25日`).
pub fn parse_date(text: &str) -> Result<NaiveDate> {
    let s = normalize(text).replace(['/', '.', '年', '月'], "-").replace('日', "");
    NaiveDate::parse_from_str(&s, "%Y-%m-%d")
        .map_err(|_| Error::Invalid(format!("日期“{}”无效，格式应为 YYYY-MM-DD，例如 2023-12-20", text.trim())))
}

/// A free text as stored: trimmed, and nothing when blank.
pub fn clean_text(s: &Option<String>) -> Option<String> {
    s.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_string)
}

/// Checks an actual typed for `ind` and returns the record to store.
/// Errors are in Chinese and say what to fix.
pub fn parse_actual(ind: &Indicator, period: Period, input: &ActualInput, settings: &Settings) -> Result<Actual> {
    check_actual(ind, period, input, settings).map_err(|(_, e)| e)
}

/// [`parse_actual`], naming the field at fault (`value`, `done_on`, `level`, `ratio`).
pub fn check_actual(ind: &Indicator, period: Period, input: &ActualInput, settings: &Settings) -> std::result::Result<Actual, (&'static str, Error)> {
    let kind = ind.target.kind;
    let texts = [("value", "完成值", &input.value), ("reason", "偏差原因", &input.reason), ("measures", "改进措施", &input.measures), ("forecast", "全年预计完成值", &input.forecast)];
    for (field, label, text) in texts {
        if let Some(t) = text {
            crate::text::check_length(label, t).map_err(|e| (field, e))?;
        }
    }
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
    Ok(Actual {
        id: 0,
        indicator_id: ind.id,
        period,
        value,
        value_unit,
        done_on,
        level: input.level,
        ratio: input.ratio,
        reason: clean_text(&input.reason),
        measures: clean_text(&input.measures),
        forecast: clean_text(&input.forecast),
        likelihood: input.likelihood,
        reason_category: input.reason_category,
        updated_at: String::new(),
    })
}

/// What one command changes of a stored actual (the CLI's options): the
/// achievement (value, date, level or "not done") as a whole, each text alone.
/// `None` keeps what is stored.
#[derive(Debug, Clone, Default)]
pub struct ActualChanges {
    pub value: Option<String>,
    pub done_on: Option<String>,
    pub level: Option<String>,
    pub ratio: Option<Decimal>,
    pub not_done: bool,
    pub reason: Option<String>,
    pub measures: Option<String>,
    pub forecast: Option<String>,
    pub likelihood: Option<String>,
    pub reason_category: Option<String>,
}

impl ActualChanges {
    /// The input to store: `stored` with these changes applied.
    pub fn apply(self, stored: Option<&Actual>) -> Result<ActualInput> {
        let mut input = stored.map(Actual::input).unwrap_or_default();
        if self.value.is_some() || self.done_on.is_some() || self.level.is_some() || self.not_done {
            input.value = self.value;
            input.done_on = self.done_on;
            input.level = self.level.as_deref().map(Level::parse).transpose()?;
            input.ratio = self.ratio;
            input.not_done = true;
        }
        input.reason = self.reason.or(input.reason);
        input.measures = self.measures.or(input.measures);
        input.forecast = self.forecast.or(input.forecast);
        if let Some(l) = self.likelihood {
            input.likelihood = Some(Likelihood::parse(&l)?);
        }
        if let Some(c) = self.reason_category {
            input.reason_category = Some(ReasonCategory::parse(&c)?);
        }
        Ok(input)
    }
}

/// Checks the money spent by the end of `period` for a project of `year` whose
/// amounts are in `money_unit`.
pub fn check_spending(year: i32, money_unit: MoneyUnit, period: Period, input: &SpendingInput) -> Result<CheckedSpending> {
    period.check_in_year(year)?;
    for (label, text) in [("支出金额", &input.amount), ("偏差原因", &input.reason), ("改进措施", &input.measures)] {
        if let Some(t) = text {
            crate::text::check_length(label, t)?;
        }
    }
    let amount = match input.amount.as_deref().filter(|a| !a.trim().is_empty()) {
        Some(text) => {
            let (v, unit) = parse_amount(text)?;
            Some(crate::units::convert(v, unit.as_deref().unwrap_or(""), money_unit.as_str())?)
        }
        None => None,
    };
    Ok(CheckedSpending { period, amount, reason: clean_text(&input.reason), measures: clean_text(&input.measures) })
}

/// A spending command's input: the new amount, and each text given or kept as stored.
pub fn spending_changes(stored: Option<&crate::model::Spending>, amount: Option<String>, reason: Option<String>, measures: Option<String>) -> SpendingInput {
    SpendingInput {
        amount,
        reason: reason.or_else(|| stored.and_then(|o| o.reason.clone())),
        measures: measures.or_else(|| stored.and_then(|o| o.measures.clone())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_typed_on_the_edit_screen() {
        assert_eq!(check_decimal(" １,２３4.50 ", "预算数").unwrap().as_deref(), Some("1234.50"));
        assert_eq!(check_decimal("  ", "预算数").unwrap(), None);
        assert_eq!(check_decimal("-5", "预算数").unwrap_err().to_string(), "预算数不能为负数");
        assert!(check_decimal("5万", "分值").unwrap_err().to_string().contains("不是数字"));
        assert!(check_decimal(&"9".repeat(60), "分值").unwrap_err().to_string().contains("数值过大"));
    }
}
