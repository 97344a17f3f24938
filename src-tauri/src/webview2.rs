//! The WebView2 runtime, which draws the app's window on Windows: checked
//! before the window is made. Where it is missing, the officer is told in
//! Chinese what to do on an offline PC (the runtime's offline installer from
//! the IT department) instead of WebView2's own English box with a download
//! link. The installer (`windows/jixiao.nsi`) checks too, with the same words.

/// What the officer reads when the runtime is missing.
#[cfg_attr(not(windows), allow(dead_code))]
pub const MISSING: &str = include_str!("../windows/webview2-missing.txt");

/// Whether the runtime is there; when it is not, says so in a message box.
#[cfg(windows)]
pub fn runtime_present() -> bool {
    if tauri::webview_version().is_ok() {
        return true;
    }
    message_box("绩效目标管理 — 缺少 WebView2 运行时", MISSING);
    false
}

#[cfg(windows)]
fn message_box(caption: &str, text: &str) {
    use windows_sys::Win32::UI::WindowsAndMessaging::{MB_ICONERROR, MB_OK, MessageBoxW};
    let wide = |s: &str| s.encode_utf16().chain(std::iter::once(0)).collect::<Vec<u16>>();
    let (text, caption) = (wide(text), wide(caption));
    // SAFETY: both strings are NUL-terminated UTF-16 that outlive the call; no owner window.
    unsafe {
        MessageBoxW(std::ptr::null_mut(), text.as_ptr(), caption.as_ptr(), MB_OK | MB_ICONERROR);
    }
}

#[cfg(test)]
mod tests {
    /// The words an offline office PC needs: no link to follow, the IT
    /// department and the offline installer named.
    #[test]
    fn the_message_is_chinese_and_offline() {
        let m = super::MISSING;
        assert!(!m.contains("http") && !m.contains("www."), "{m}");
        assert!(m.contains("信息技术部门") && m.contains("离线安装程序") && m.contains("WebView2"), "{m}");
    }
}
