import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { startApp, work } from '../harness.mjs'

// The window never waits for long work: the commands run off the main thread,
// and 导出 typesets a form after releasing the database, so the other screens
// can read it meanwhile. Before this, a command that reads the database waited
// (on the main thread, with the window frozen) until the PDF was written.
describe('a responsive window', function () {
  let app
  before(async function () {
    app = await startApp()
  })
  after(async function () {
    if (app) await app.quit()
  })

  it('reads the database while a whole bureau’s 自评表 is typeset', async function () {
    const pdf = path.join(work, '全部自评表.pdf')
    const r = await app.executeAsyncScript(
      `const done = arguments[arguments.length - 1];
       const invoke = window.__TAURI_INTERNALS__.invoke;
       const t0 = performance.now();
       const exported = invoke('report_export', { form: 'self-eval', period: '2023Q4', unit: null, project: null,
         format: 'pdf', path: arguments[0] }).then((w) => ({ w, at: performance.now() - t0 }));
       // a moment later, so that the export holds the database first
       setTimeout(() => {
         const read = invoke('years').then((years) => ({ years, at: performance.now() - t0 }));
         Promise.all([exported, read]).then(([e, y]) => done({ e, y }), (err) => done({ err }));
       }, 30);`,
      pdf,
    )
    assert.ok(!r.err, `commands: ${JSON.stringify(r.err)}`)
    assert.ok(r.e.w.projects >= 2, 'every project’s form')
    assert.ok(fs.statSync(pdf).size > 1000, 'the PDF written')
    assert.ok(r.y.years.includes(2023))
    assert.ok(
      r.y.at < r.e.at,
      `the years (${Math.round(r.y.at)} ms) came before the PDF was done (${Math.round(r.e.at)} ms)`,
    )
  })
})
