//! The 报表 screen's commands: the printed forms of issue 5 (自评表, 监控表,
//! 汇总表). Each command calls one core function of `jixiao::report`; the
//! preview is the very `Report` the PDF and xlsx writers typeset, so what the
//! screen shows is what the file contains.

use std::path::PathBuf;

use jixiao::report::{self, FormKind, Format, PageSetup, RenderOptions, ReportPage, Written};
use jixiao::{Period, Result};

use crate::commands::{AppState, guard, off_main_thread};

/// The form as the officer will file it: `form` is `self-eval` | `monitor` |
/// `summary`, `period` `YYYYQn`; without `project`, every project of `unit`
/// (or of the database), one form after another: the first
/// `report::PREVIEW_PROJECTS` of them (the window never holds a bureau's forms).
#[tauri::command]
pub async fn report_preview(
    state: tauri::State<'_, AppState>,
    form: FormKind,
    period: Period,
    unit: Option<String>,
    project: Option<String>,
) -> Result<ReportPage> {
    state
        .with_store(move |s| {
            jixiao::service::report::build_first(s, form, period, unit.as_deref(), project.as_deref(), report::PREVIEW_PROJECTS)
        })
        .await
}

/// Writes the form to `path` (chosen in the save dialog) as `format` (`pdf` |
/// `xlsx`), through a temporary file beside it. The PDF's fonts are the
/// system's CJK fonts, or the file `JIXIAO_FONT` names. The report is built
/// with the store locked and typeset after the lock is released, so the other
/// screens can read the database meanwhile.
#[tauri::command]
pub async fn report_export(
    state: tauri::State<'_, AppState>,
    form: FormKind,
    period: Period,
    unit: Option<String>,
    project: Option<String>,
    format: Format,
    path: PathBuf,
    webview: tauri::Webview,
    on_progress: Option<tauri::ipc::JavaScriptChannelId>,
) -> Result<Written> {
    let task = state.tasks.start(webview, on_progress);
    let store = state.lock_store().await?;
    off_main_thread(move || {
        jixiao::progress::checkpoint(&task, 0, 1, "正在计算评价")?;
        let built = jixiao::service::report::build(&store, form, period, unit.as_deref(), project.as_deref())?;
        drop(store); // released before typesetting
        report::write_with(&built, format, &path, &RenderOptions::from_env(), &task)
    })
    .await
}

/// 打印: the system's print dialog over this window's content (the screen's
/// print styles show only the forms), on the form's sheet (`FormKind::page`:
/// A4, portrait or landscape). Through the webview rather than `window.print()`
/// so that the sheet is set before the dialog opens, and so that the end-to-end
/// tests can drive it. Not `async`: GTK is driven from the main thread only
/// (the dialog runs its own loop there, so the window keeps drawing).
#[tauri::command]
pub fn report_print(window: tauri::WebviewWindow, form: FormKind) -> Result<()> {
    guard(|| {
        let page = form.page();
        print_dialog(&window, page).map_err(|e| jixiao::Error::Invalid(format!("无法打开打印对话框：{e}")))
    })
}

#[cfg(target_os = "linux")]
fn print_dialog(window: &tauri::WebviewWindow, page: PageSetup) -> tauri::Result<()> {
    use gtk::prelude::*;
    use webkit2gtk::PrintOperationExt;
    window.with_webview(move |webview| {
        let view = webview.inner();
        let setup = gtk::PageSetup::new();
        // Landscape as a wide sheet (297 × 210 mm) in portrait orientation:
        // WebKitGTK prints blank pages when the page setup's orientation is
        // landscape (seen with WebKitGTK 2.50, Skia); the printer rotates a
        // wide sheet as it does for any landscape PDF.
        let paper = if page.landscape {
            gtk::PaperSize::new_custom("jixiao-a4-landscape", "A4 横向", 297.0, 210.0, gtk::Unit::Mm)
        } else {
            gtk::PaperSize::new(Some(&gtk::PAPER_NAME_A4))
        };
        setup.set_paper_size(&paper);
        setup.set_orientation(gtk::PageOrientation::Portrait);
        setup.set_top_margin(f64::from(page.margin_top_mm), gtk::Unit::Mm);
        setup.set_bottom_margin(f64::from(page.margin_bottom_mm), gtk::Unit::Mm);
        setup.set_left_margin(f64::from(page.margin_x_mm), gtk::Unit::Mm);
        setup.set_right_margin(f64::from(page.margin_x_mm), gtk::Unit::Mm);
        let operation = webkit2gtk::PrintOperation::new(&view);
        operation.set_page_setup(&setup);
        let parent = view.toplevel().and_then(|w| w.downcast::<gtk::Window>().ok());
        operation.run_dialog(parent.as_ref());
    })
}

/// Elsewhere (WebView2, WKWebView) the page's `@page` rule sets the sheet.
#[cfg(not(target_os = "linux"))]
fn print_dialog(window: &tauri::WebviewWindow, _page: PageSetup) -> tauri::Result<()> {
    window.print()
}
