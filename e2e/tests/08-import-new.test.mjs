import assert from 'node:assert/strict'
import path from 'node:path'
import { startApp, shot, byTest, invokeIn, chooseInFileDialog, root, work, until, By } from '../harness.mjs'

// A sheet typed by hand goes into a new database: its unit (某市基层卫生服务中心,
// by name only) is not in the database, so the preview says it will be created
// and 确认导入 asks before creating it. (The sheet: `cargo test -p jixiao --test
// import_cli write_the_e2e_sheet -- --ignored`.)
const SHEET = path.join(root, 'e2e/fixtures/hand-typed-new-unit.xlsx')
const UNIT = '某市基层卫生服务中心'

describe('导入 a hand-typed sheet into a new database', function () {
  let app
  before(async function () {
    app = await startApp({ db: path.join(work, 'new-unit.sqlite3') })
  })
  after(async function () {
    if (app) await app.quit()
  })

  /** Clicks 确认导入 until its question is on screen (a click lost under load is clicked again). */
  async function askToConfirm() {
    for (let attempt = 0; ; attempt++) {
      try {
        // a question already on screen (a slow answer to an earlier click) is not clicked over
        if (!(await app.findElements(By.css('.new-units-dialog'))).length) await (await byTest(app, 'import-confirm')).click()
        const dialog = await app.wait(until.elementLocated(By.css('.new-units-dialog')), 5000)
        await app.wait(until.elementIsVisible(dialog), 5000)
        return dialog
      } catch (e) {
        if (attempt >= 3) throw e
      }
    }
  }

  it('previews the new unit, asks, then creates it with the project', async function () {
    assert.equal(await invokeIn(app, 'is_empty', {}), true, 'a new database')
    await (await byTest(app, 'menu-exchange')).click()
    await byTest(app, 'exchange')
    await (await byTest(app, 'import')).click()
    await chooseInFileDialog(SHEET)
    const note = await byTest(app, 'import-new-units', 30000)
    assert.ok((await note.getText()).includes(UNIT), 'the preview names the unit it will create')
    assert.deepEqual(await invokeIn(app, 'units', {}), [], 'a preview writes nothing')
    await shot(app, 'import-new-unit-preview')

    // 确认导入 asks; 取消 leaves everything as it was
    let dialog = await askToConfirm()
    assert.ok((await dialog.getText()).includes(UNIT))
    await shot(app, 'import-new-unit-ask')
    await (await dialog.findElement(By.xpath('.//button[contains(., "取消")]'))).click()
    await app.wait(until.stalenessOf(dialog), 15000)
    assert.deepEqual(await invokeIn(app, 'units', {}), [], 'nothing created on 取消')

    // asked again, 新建并导入: the unit and the project are there
    dialog = await askToConfirm()
    await (await dialog.findElement(By.xpath('.//button[contains(., "新建并导入")]'))).click()
    const result = await byTest(app, 'exchange-result', 30000)
    await app.wait(async () => (await result.getText()).includes('新建了单位'), 30000, 'the summary names the new unit')
    const units = await invokeIn(app, 'units', {})
    assert.deepEqual(units.map((u) => u.name), [UNIT])
    const projects = await invokeIn(app, 'projects', { year: 2025, unit: null })
    assert.deepEqual(projects.map((p) => [p.code, p.unit_code]), [['WS-2025-01', units[0].code]])
    await app.wait(async () => (await app.findElements(By.css('.new-units-dialog'))).length === 0, 15000, 'the question closes')
    await shot(app, 'import-new-unit-done')
  })
})
