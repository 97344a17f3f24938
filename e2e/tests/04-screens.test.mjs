import assert from 'node:assert/strict'
import { startApp, shot, byTest, goTo, waitForText, bodyText, By } from '../harness.mjs'

describe('评价、设置、导入导出', function () {
  let app
  before(async function () {
    app = await startApp()
  })
  after(async function () {
    if (app) await app.quit()
  })

  it('评价 shows scores, grade and the indicator table at year end', async function () {
    await goTo(app, { year: 2023, quarter: 4, menu: 'evaluation' })
    await byTest(app, 'evaluation-total')
    const total = await (await byTest(app, 'evaluation-total')).getText()
    assert.match(total, /\d+\.\d{2}\s*[优良中差]/)
    assert.ok((await bodyText(app)).includes('自评说明'))
    await shot(app, 'evaluation')
  })

  it('设置 lists every scoring setting with its default', async function () {
    await goTo(app, { menu: 'settings' })
    await waitForText(app, '预算执行率分值')
    const rows = await app.findElements(By.css('[data-test="settings"] tbody tr'))
    assert.ok(rows.length >= 10, `${rows.length} settings`)
    await shot(app, 'settings')
  })

  it('导入导出 offers both directions', async function () {
    await goTo(app, { menu: 'exchange' })
    await byTest(app, 'import')
    await byTest(app, 'export')
    await shot(app, 'exchange')
  })
})
