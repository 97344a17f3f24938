//! The one error type of the core. Messages are Chinese because they reach the
//! officer unchanged (the app shows them as they are; the CLI prints them).
//! It serializes as `{"kind": "...", "message": "..."}` so the UI gets a typed error;
//! a doubtful value adds its doubts, each as the core wrote it (`doubts: [{kind, message}]`).

use serde::Serialize;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad input from a person or a file: says what to fix.
    #[error("{0}")]
    Invalid(String),
    /// An import file broke a rule; nothing was written.
    #[error("导入失败，未写入任何数据：{0}")]
    Import(String),
    /// A value that checks but looks like a typo (plausibility.rs); saved only when confirmed.
    #[error("{}", describe_doubts(.0))]
    Doubtful(Vec<Doubt>),
    /// Something named does not exist.
    #[error("{0}")]
    NotFound(String),
    /// A database written by a newer program.
    #[error("数据库版本为 {found}，高于本程序支持的 {supported}：请使用新版本程序打开（数据库未被改动）")]
    TooNew { found: i64, supported: i64 },
    /// SQLite said no (converted from the driver's error in `crate::store`).
    /// The database file is damaged: nothing was written to it.
    #[error("数据库文件“{}”已损坏（{why}），未做任何改动。{}", path.display(), match backup {
        Some(b) => format!("最近的完好备份：{}，可在「备份与恢复」中恢复（命令行：jixiao restore {}）", b.display(), b.display()),
        None => "没有找到完好的备份".to_string(),
    })]
    Damaged { path: std::path::PathBuf, why: String, backup: Option<std::path::PathBuf> },
    /// The period was submitted (报送): its figures are locked.
    #[error("{0}")]
    Locked(String),
    #[error("数据库错误：{0}")]
    Db(String),
    #[error("数据库升级失败：{0}")]
    Migration(String),
    #[error("文件读写失败：{0}")]
    Io(#[from] std::io::Error),
    #[error("JSON 格式错误：{0}")]
    Json(#[from] serde_json::Error),
    /// No usable CJK font for a PDF: says what was looked for and how to fix it.
    #[error("{0}")]
    Font(String),
    /// A printed form could not be typeset or written.
    #[error("生成报表失败：{0}")]
    Report(String),
    /// The officer stopped long work before anything was written (`crate::progress`).
    #[error("已取消，未写入任何内容")]
    Cancelled,
}

/// What looks wrong about a value (`crate::plausibility` finds them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub enum DoubtKind {
    /// Cumulative spending above the full-year budget.
    OverBudget,
    /// A cumulative figure lower than the previous quarter's.
    BelowPrevious,
    /// A percentage over 100 for a 率.
    RateOver100,
    /// A value more than `plausibility::TIMES_TARGET` times its target.
    FarAboveTarget,
    /// An imported target that states no direction (≥, ≤, =): read as ≥.
    DirectionUnstated,
    /// A plan actual over 10× or under a tenth of its baseline or target.
    FarOffPath,
}

/// One reason a value looks like a typo, as a Chinese sentence naming the value
/// and what it was compared with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(export, export_to = "../ui/src/generated/"))]
pub struct Doubt {
    pub kind: DoubtKind,
    pub message: String,
}

impl std::fmt::Display for Doubt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// The doubts as one line: what `Error::Doubtful` says, an import's warnings.
pub fn describe_doubts(doubts: &[Doubt]) -> String {
    let reasons: Vec<&str> = doubts.iter().map(|d| d.message.as_str()).collect();
    format!("该数值可能填写有误：{}", reasons.join("；"))
}

/// The words of an overflow: a value beyond what a `Decimal` holds (about 7.9 × 10²⁸).
pub const TOO_LARGE: &str = "数值过大";

impl Error {
    /// Input whose value (or value × its unit's factor) is beyond what can be
    /// computed with; `what` is the text as the officer wrote it.
    pub fn too_large(what: &str) -> Error {
        Error::Invalid(format!("“{what}”{TOO_LARGE}，请检查数值和单位"))
    }

    pub fn kind(&self) -> &'static str {
        match self {
            Error::Invalid(_) => "invalid",
            Error::Import(_) => "import",
            Error::Doubtful(_) => "doubtful",
            Error::Damaged { .. } => "damaged",
            Error::Locked(_) => "locked",
            Error::NotFound(_) => "not_found",
            Error::TooNew { .. } => "too_new",
            Error::Db(_) | Error::Migration(_) => "database",
            Error::Io(_) => "io",
            Error::Json(_) => "json",
            Error::Font(_) => "font",
            Error::Report(_) => "report",
            Error::Cancelled => "cancelled",
        }
    }
}

impl Serialize for Error {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let doubts = match self {
            Error::Doubtful(d) => Some(d),
            _ => None,
        };
        let mut st = s.serialize_struct("Error", if doubts.is_some() { 3 } else { 2 })?;
        st.serialize_field("kind", self.kind())?;
        st.serialize_field("message", &self.to_string())?;
        if let Some(d) = doubts {
            st.serialize_field("doubts", d)?;
        }
        st.end()
    }
}

pub type Result<T> = std::result::Result<T, Error>;

/// Shorthand for an `Error::Invalid` with a formatted message.
#[macro_export]
macro_rules! invalid {
    ($($arg:tt)*) => { $crate::error::Error::Invalid(format!($($arg)*)) };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_doubtful_value_is_sent_with_each_doubt_and_other_errors_with_kind_and_message() {
        let doubts = vec![
            Doubt { kind: DoubtKind::OverBudget, message: "累计支出 900 万元超过全年预算 500 万元".into() },
            Doubt { kind: DoubtKind::BelowPrevious, message: "低于上一季度".into() },
        ];
        let e = Error::Doubtful(doubts);
        assert_eq!(e.to_string(), "该数值可能填写有误：累计支出 900 万元超过全年预算 500 万元；低于上一季度");
        assert_eq!(
            serde_json::to_value(&e).unwrap(),
            serde_json::json!({
                "kind": "doubtful",
                "message": "该数值可能填写有误：累计支出 900 万元超过全年预算 500 万元；低于上一季度",
                "doubts": [
                    {"kind": "over_budget", "message": "累计支出 900 万元超过全年预算 500 万元"},
                    {"kind": "below_previous", "message": "低于上一季度"},
                ],
            })
        );
        assert_eq!(serde_json::to_value(Error::Invalid("数值过大".into())).unwrap(), serde_json::json!({"kind": "invalid", "message": "数值过大"}));
    }
}
