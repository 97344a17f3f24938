//! The one error type of the core. Messages are Chinese because they reach the
//! officer unchanged (the app shows them as they are; the CLI prints them).
//! It serializes as `{"kind": "...", "message": "..."}` so the UI gets a typed error.

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
    #[error("{0}")]
    Doubtful(String),
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
        }
    }
}

impl Serialize for Error {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Error", 2)?;
        st.serialize_field("kind", self.kind())?;
        st.serialize_field("message", &self.to_string())?;
        st.end()
    }
}

pub type Result<T> = std::result::Result<T, Error>;

/// Shorthand for an `Error::Invalid` with a formatted message.
#[macro_export]
macro_rules! invalid {
    ($($arg:tt)*) => { $crate::error::Error::Invalid(format!($($arg)*)) };
}
