//! jixiao core: the model of 绩效目标 work, the target parser, scoring, the
//! SQLite store, the exchange format and the reports. No Tauri in here: the CLI
//! (`src/main.rs`) and the desktop app (`src-tauri/`) are thin shells over it.

pub mod error;
pub mod target;
pub mod text;
pub mod units;

pub use error::{Error, Result};
pub mod model;
pub mod scoring;
pub mod store;

pub use model::Period;
pub use store::Store;
