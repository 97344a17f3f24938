//! Import of what officers receive: exchange JSON, workbooks, PDFs and text,
//! each read into an exchange [`File`] that the officer checks before it is
//! written. Nothing here touches the database.

pub mod layout;
