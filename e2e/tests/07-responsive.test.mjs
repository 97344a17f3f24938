import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { startApp, work } from '../harness.mjs'

// The window never waits for long work: the commands run off the main thread,
// and 导出 typesets a form after releasing the database, so the other screens
// can read it meanwhile. Before this, a command that reads the database waited
// (on the main thread, with the window frozen) until the PDF was written.
// How many exports at once: enough that their typesetting outlasts the read on a
// quiet machine too (8 did not: on a machine at load 0.3 the read and the last
// PDF came back in the same millisecond).
const EXPORTS = 24

describe('a responsive window', function () {
  let app
  before(async function () {
    app = await startApp()
  })
  after(async function () {
    if (app) await app.quit()
  })

  it('reads the database while a whole bureau’s 自评表 is typeset', async function () {
    // many exports of every project’s form at once: each builds under the lock and
    // typesets after releasing it, so a read asked a moment later answers while
    // they are still typesetting. On the main thread (before), it waited for all of them.
    const pdfs = Array.from({ length: EXPORTS }, (_, n) => path.join(work, `全部自评表-${n + 1}.pdf`))
    const r = await app.executeAsyncScript(
      `const done = arguments[arguments.length - 1];
       const invoke = window.__TAURI_INTERNALS__.invoke;
       const t0 = performance.now();
       const exported = arguments[0].map((p) => invoke('report_export', { form: 'self-eval', period: '2023Q4', unit: null, project: null,
         format: 'pdf', path: p }).then((w) => ({ w, at: performance.now() - t0 })));
       setTimeout(() => {
         const read = invoke('years').then((years) => ({ years, at: performance.now() - t0 }));
         Promise.all([Promise.all(exported), read]).then(([e, y]) => done({ e, y }), (err) => done({ err }));
       }, 30);`,
      pdfs,
    )
    assert.ok(!r.err, `commands: ${JSON.stringify(r.err)}`)
    for (const [i, pdf] of pdfs.entries()) {
      assert.ok(r.e[i].w.projects >= 2, 'every project’s form')
      assert.ok(fs.statSync(pdf).size > 1000, 'the PDF written')
    }
    assert.ok(r.y.years.includes(2023))
    const last = Math.max(...r.e.map((e) => e.at))
    assert.ok(r.y.at < last, `the years (${Math.round(r.y.at)} ms) came before the last PDF was done (${Math.round(last)} ms)`)
  })
})
