import assert from 'node:assert/strict'
import { startApp, shot, byTest, bodyText, waitForText, goTo, By } from '../harness.mjs'

describe('示例数据', function () {
  let app
  before(async function () {
    app = await startApp()
  })
  after(async function () {
    if (app) await app.quit()
  })

  it('loads the sample bureau and lists its projects', async function () {
    await (await byTest(app, 'load-demo')).click()
    // a database with projects opens on 总览; the list is the menu's next item
    await byTest(app, 'overview')
    await goTo(app, { year: 2023, menu: 'projects' })
    await byTest(app, 'project-list')
    await waitForText(app, '大数据发展专项业务费')
    const rows = await app.findElements(By.css('[data-test="project-list"] .el-table__body tr'))
    assert.ok(rows.length >= 2, `the list shows the sample projects (${rows.length})`)
    const text = await bodyText(app)
    assert.match(text, /[优良中差]/, 'each project has a grade')
    await shot(app, 'project-list')
  })

  it('opens a project: header, spending plan and the merged indicator table', async function () {
    const name = await app.findElement(By.xpath("//span[contains(@class,'name') and contains(., '大数据发展专项业务费')]"))
    await name.click()
    await byTest(app, 'project-detail')
    await waitForText(app, '绩效目标表')
    const table = await byTest(app, 'indicator-table')
    const merged = await table.findElements(By.css('td.merged[rowspan]'))
    assert.ok(merged.length > 0, 'level-1/level-2 cells are merged')
    const text = await table.getText()
    assert.ok(text.includes('提供法律意见次数'), 'the indicator is listed')
    assert.ok(text.includes('≥ 20 次'), 'the target is shown as understood')
    await shot(app, 'project-detail')
  })
})
