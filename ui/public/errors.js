// Loaded before the app: if the UI fails to start, say so instead of showing a blank window.
(function () {
  function show(msg) {
    var box = document.getElementById('fatal-error')
    if (!box) {
      box = document.createElement('pre')
      box.id = 'fatal-error'
      box.setAttribute('data-test', 'fatal-error')
      box.style.cssText = 'position:fixed;left:0;right:0;bottom:0;margin:0;padding:12px 16px;max-height:40%;overflow:auto;background:#fdecea;color:#a4261d;font:13px monospace;border-top:2px solid #d93026;white-space:pre-wrap;z-index:99999'
      document.body.appendChild(box)
    }
    box.textContent += '界面出错：' + msg + '\n'
  }
  window.addEventListener('error', function (e) {
    show((e.message || 'error') + (e.filename ? ' (' + e.filename + ':' + e.lineno + ')' : ''))
  })
  window.addEventListener('unhandledrejection', function (e) {
    show(String(e.reason && (e.reason.stack || e.reason.message) || e.reason))
  })
})()
