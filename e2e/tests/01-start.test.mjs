import assert from 'node:assert/strict'
import { startApp, shot, byTest, bodyText } from '../harness.mjs'

describe('第一次启动', function () {
  let app
  before(async function () {
    app = await startApp()
  })
  after(async function () {
    if (app) await app.quit()
  })

  it('shows the shell in Chinese: menu and selectors', async function () {
    const text = await bodyText(app)
    for (const item of ['项目列表', '填报', '评价', '设置', '导入导出', '预算单位', '年度']) {
      assert.ok(text.includes(item), `the window shows ${item}`)
    }
    assert.equal(await app.getTitle(), '绩效目标管理')
    await shot(app, 'shell')
  })

  it('offers to load the sample data on an empty database', async function () {
    const button = await byTest(app, 'load-demo')
    assert.ok((await button.getText()).includes('载入示例数据'))
    assert.ok((await bodyText(app)).includes('从空白开始'))
    await shot(app, 'empty-database')
  })
})
