import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { appBinary, byTest, By, chooseInFileDialog, invokeIn, shot, startApp, work } from '../harness.mjs'

// A long import shows its progress (issue 17): a bureau's exchange file of
// 1,500 projects is read into the preview behind a progress dialog saying what
// is being done and done/total, with 取消 while nothing is written; 取消 stops
// the reading; the preview then shows its first 50 projects and says how many
// there are; 确认导入 shows the writing's progress (no 取消 once writing began)
// and imports every project. The file is made by the CLI (`jixiao demo
// --synthetic`, then `export`: `make cli-synthetic`), the app runs on a
// database of its own with the sample bureau. Every wait is for a state,
// never a fixed time.

const N = 1500
const YEAR = 2026
const cli = process.env.JIXIAO_CLI ?? path.join(path.dirname(appBinary), 'jixiao')

describe('导入的进度', function () {
  this.timeout(600000)
  let app, file, db
  before(async function () {
    const made = path.join(work, 'progress-bureau.sqlite3')
    file = path.join(work, `bureau-${N}.json`)
    execFileSync(cli, ['--db', made, 'demo', '--synthetic', String(N), '--seed', '5', '--year', String(YEAR)], { stdio: 'ignore' })
    execFileSync(cli, ['--db', made, 'export', '-o', file], { stdio: 'ignore' })
    db = path.join(work, 'progress.sqlite3')
    execFileSync(cli, ['--db', db, 'demo'], { stdio: 'ignore' })
    app = await startApp({ db })
  })
  after(async function () {
    if (app) await app.quit()
  })

  /** The progress dialog's count (`done/total`) once it shows one, else null. */
  async function shownCount() {
    for (const el of await app.findElements(By.css('[data-test="task-count"]'))) {
      if (await el.isDisplayed()) {
        const t = (await el.getText()).trim()
        if (/^\d+\/\d+$/.test(t)) return t
      }
    }
    return null
  }
  async function displayed(name) {
    for (const el of await app.findElements(By.css(`[data-test="${name}"]`))) if (await el.isDisplayed()) return el
    return null
  }
  async function choose() {
    await (await byTest(app, 'import')).click()
    await chooseInFileDialog(file)
  }

  it('reading a large file shows what is being done, done/total and 取消, then the preview’s first 50 projects', async function () {
    await (await byTest(app, 'menu-exchange')).click()
    await byTest(app, 'exchange')
    await choose()
    const count = await app.wait(shownCount, 60000, 'the progress dialog shows done/total')
    assert.match(count, new RegExp(`^\\d+/(1|${2 * N})$`))
    const doing = await (await byTest(app, 'task-doing')).getText()
    assert.match(doing, /^(正在读取文件|正在检查第 \d+\/1500 个项目|正在审核第 \d+\/1500 个项目)$/, doing)
    // reading writes nothing: it may be stopped (取消 itself: tests/progress.rs,
    // the reading of a release build being too quick to click reliably)
    assert.ok(await displayed('task-cancel'), '取消 while reading')
    await shot(app, 'import-progress')
    const preview = await byTest(app, 'import-preview', 180000)
    await app.wait(async () => !(await displayed('task-progress')), 30000, 'the dialog goes')
    const note = await byTest(app, 'import-page-note')
    assert.equal((await note.getText()).trim(), `共 ${N} 个项目，预览显示前 50 个`)
    assert.equal((await preview.findElements(By.css('[data-test="import-project"]'))).length, 50)
    await shot(app, 'import-preview-page')
  })

  it('确认导入 shows the writing’s progress without 取消, and imports every project', async function () {
    await (await byTest(app, 'import-confirm')).click()
    // until the import is done: whenever the dialog says it is writing, 取消 is gone
    let sawWriting = false
    const done = async () => {
      const result = await app.findElements(By.css('[data-test="exchange-result"]'))
      return result.length > 0 && (await result[0].getText()).includes('导入完成')
    }
    await app.wait(async () => {
      if (await displayed('task-writing')) {
        if (!sawWriting) await shot(app, 'import-writing')
        sawWriting = true
        assert.equal(await displayed('task-cancel'), null, 'no 取消 once writing began')
      }
      return done()
    }, 300000, 'the import is done')
    console.log(`      (the writing's progress was ${sawWriting ? '' : 'not '}seen)`)
    const projects = await invokeIn(app, 'projects', { year: YEAR, unit: null })
    assert.equal(projects.length, N)
  })
})
