//! What an officer enters, checked before anything is stored: amounts, dates, an
//! actual against its indicator's understood target, spending in the project's
//! money unit. The same checks for the grid, the CLI and an import; pure (the
//! service layer loads what they need and the store writes what they return).

use crate::error::{Error, Result};
use crate::model::{
    Actual, ActualInput, Budget, CheckedSpending, EvaluationTexts, FieldError, Indicator, Level, Likelihood, MoneyUnit, Period, PlanPoint, ProjectInput,
    ReasonCategory, SpendingInput,
};
use crate::scoring::{Settings, label_band};
use crate::target::Kind;
use crate::text::{normalize, number_prefix};
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

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
    // budgets, plan amounts and 分值 are never negative: say so rather than "not a number"
    if let Some(rest) = s.strip_prefix('-')
        && matches!(number_prefix(rest), Ok(Some((_, ""))))
    {
        return Err(Error::Invalid("不能为负数".into()));
    }
    match number_prefix(&s)? {
        Some((d, "")) => Ok(d),
        _ => Err(Error::Invalid(format!("“{}”不是数字", text.trim()))),
    }
}

/// An amount or 分值 typed on the 编辑 screen: blank is none; a number is
/// returned as the decimal text the records take; a sign is refused.
pub fn check_decimal(text: &str, label: &str) -> Result<Option<String>> {
    Ok(read_decimal(text, label)?.map(|d| d.to_string()))
}

/// [`check_decimal`]'s number itself.
fn read_decimal(text: &str, label: &str) -> Result<Option<Decimal>> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    Ok(Some(parse_decimal(text).map_err(|e| Error::Invalid(format!("{label}{e}")))?))
}

/// The 编辑 screen's project header as typed: every field a string.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct ProjectDraft {
    pub year: String,
    pub code: String,
    pub name: String,
    pub unit_code: String,
    pub money_unit: MoneyUnit,
    pub total: String,
    pub fiscal: String,
    pub other: String,
    pub adjusted: String,
    /// Each checkpoint of the spending plan: its month and the amount typed.
    pub plan: Vec<PlanDraft>,
    pub fund_use: String,
    pub goal: String,
    /// Kept as they are (the 评价 screen edits them).
    pub texts: EvaluationTexts,
}

/// One checkpoint of a [`ProjectDraft`]'s spending plan, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct PlanDraft {
    pub month: u32,
    pub amount: String,
}

/// What [`check_project`] found: the project to save when nothing is wrong,
/// and every field's error otherwise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct ProjectCheck {
    pub input: Option<ProjectInput>,
    pub errors: Vec<FieldError>,
}

/// The project header as typed, checked whole: each field read (the year,
/// every amount with the rule of [`check_decimal`]), then the rules every
/// project obeys (`ProjectInput::problems`). Every field's error at once.
pub fn check_project(d: &ProjectDraft) -> ProjectCheck {
    let mut errors = Vec::new();
    let mut error = |field: &str, message: String| errors.push(FieldError { field: field.to_string(), message });
    let year = d.year.trim();
    let year = if year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()) { year.parse::<i32>().ok() } else { None };
    if year.is_none() {
        error("year", format!("年度“{}”应为四位数字，例如 2024", d.year.trim()));
    }
    if d.name.trim().is_empty() {
        error("name", "请填写项目名称".into());
    }
    if d.unit_code.trim().is_empty() {
        error("unit_code", "请选择预算单位（没有时先“新增单位”）".into());
    }
    let mut amount = |field: &str, text: &str, label: &str| match read_decimal(text, label) {
        Ok(v) => v,
        Err(e) => {
            error(field, e.to_string());
            None
        }
    };
    let budget = Budget {
        total: amount("budget.total", &d.total, "预算数"),
        fiscal: amount("budget.fiscal", &d.fiscal, "财政资金"),
        other: amount("budget.other", &d.other, "其他资金"),
        adjusted: amount("budget.adjusted", &d.adjusted, "调整后预算数"),
    };
    let mut plan: Vec<PlanPoint> = d
        .plan
        .iter()
        .map(|p| PlanPoint { month: p.month, amount: amount(&format!("spending_plan.{}", p.month), &p.amount, &format!("{}月底计划支出", p.month)) })
        .collect();
    plan.sort_by_key(|p| p.month);
    let text = |t: &str| Some(t.trim()).filter(|t| !t.is_empty()).map(str::to_string);
    let input = ProjectInput {
        year: year.unwrap_or_default(),
        code: d.code.trim().to_string(),
        name: d.name.trim().to_string(),
        unit_code: d.unit_code.trim().to_string(),
        money_unit: d.money_unit,
        budget,
        fund_use: text(&d.fund_use),
        goal: text(&d.goal),
        spending_plan: plan,
        texts: d.texts.clone(),
    };
    // the rules of every project, each about a field not already wrong as typed
    for p in input.problems() {
        if !errors.iter().any(|e| e.field == p.field) {
            errors.push(p);
        }
    }
    ProjectCheck { input: errors.is_empty().then_some(input), errors }
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
        && (d.year() < period.year.saturating_sub(1) || d.year() > period.year.saturating_add(1))
    {
        // a typo such as 1899 or 2203 would otherwise score as on time
        return Err(("done_on", Error::Invalid(format!("完成日期 {d} 不在 {} 年度前后一年内，请检查年份", period.year))));
    }
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
    /// Erase the record: explicit, never the effect of an empty value.
    pub clear: bool,
    pub reason: Option<String>,
    pub measures: Option<String>,
    pub forecast: Option<String>,
    pub likelihood: Option<String>,
    pub reason_category: Option<String>,
}

impl ActualChanges {
    /// The input to store: `stored` with these changes applied. An empty
    /// value, date or level is refused: erasing what was saved takes `clear`.
    pub fn apply(self, stored: Option<&Actual>) -> Result<ActualInput> {
        if self.clear {
            return Ok(ActualInput::default());
        }
        for (field, given) in [("完成值", &self.value), ("完成日期", &self.done_on), ("完成程度", &self.level)] {
            if given.as_deref().is_some_and(|v| v.trim().is_empty()) {
                return Err(Error::Invalid(format!("{field}为空：要清除已保存的记录，请使用 --clear")));
            }
        }
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

    fn draft() -> ProjectDraft {
        ProjectDraft {
            year: "2024".into(),
            code: " P-1 ".into(),
            name: "城市云脑".into(),
            unit_code: "101".into(),
            money_unit: MoneyUnit::WanYuan,
            total: "1,200".into(),
            fiscal: "1000".into(),
            other: "200".into(),
            adjusted: "".into(),
            plan: vec![PlanDraft { month: 6, amount: "600".into() }, PlanDraft { month: 3, amount: "".into() }],
            fund_use: "  ".into(),
            goal: "建成".into(),
            texts: EvaluationTexts::default(),
        }
    }

    #[test]
    fn a_project_header_as_typed_becomes_the_input_to_save() {
        let c = check_project(&draft());
        assert_eq!(c.errors, vec![]);
        let input = c.input.unwrap();
        assert_eq!((input.year, input.code.as_str(), input.budget.total, input.budget.adjusted), (2024, "P-1", Some(Decimal::from(1200)), None));
        assert_eq!(input.spending_plan.iter().map(|p| (p.month, p.amount)).collect::<Vec<_>>(), vec![(3, None), (6, Some(Decimal::from(600)))]);
        assert_eq!((input.fund_use, input.goal.as_deref()), (None, Some("建成")));
    }

    #[test]
    fn a_project_header_gets_every_field_error_at_once() {
        let mut d = draft();
        d.year = "24".into();
        d.code = " ".into();
        d.name = "".into();
        d.total = "一千".into();
        d.other = "-5".into();
        d.plan[0].amount = "6O0".into();
        let c = check_project(&d);
        assert!(c.input.is_none());
        let fields: Vec<&str> = c.errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["year", "name", "budget.total", "budget.other", "spending_plan.6", "code"]);
        assert_eq!(c.errors[0].message, "年度“24”应为四位数字，例如 2024");
        assert_eq!(c.errors[3].message, "其他资金不能为负数");
        assert_eq!(c.errors[5].message, "项目编码不能为空", "the rule of every project (ProjectInput::check), once");
        // a year that reads but breaks the project's rule: the same words as an import
        let mut d = draft();
        d.year = "1999".into();
        let c = check_project(&d);
        assert_eq!(c.errors.len(), 1);
        assert_eq!((c.errors[0].field.as_str(), c.errors[0].message.as_str()), ("year", "项目“P-1”：年度 1999 不在 2000—2100 之间"));
    }
}
