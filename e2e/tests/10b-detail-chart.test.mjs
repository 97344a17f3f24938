import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { startApp, shot, byTest, goTo, waitForText, invokeIn, chooseInFileDialog, work, By } from '../harness.mjs'

// 项目详情's charts (issue 17): the spending curve against the plan and each
// quantity indicator's cumulative actual by quarter against its target and
// 序时进度. Each chart's canvas is drawn, the figures it is drawn from are the
// core's (`money_quarters`, `indicator_series`), and 保存图片 writes a PNG.
// Needs the sample bureau (01, 02 load it).

const PROJECT = '大数据发展专项业务费'

/** Non-white pixels of the canvas inside `[data-test=chart-KEY]` (0 when there is none yet). */
async function inkOf(app, key) {
  return app.executeScript(
    `const c = document.querySelector('[data-test="chart-' + arguments[0] + '"] canvas')
     if (!c || !c.width || !c.height) return 0
     const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data
     let n = 0
     for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0 && (d[i] < 240 || d[i + 1] < 240 || d[i + 2] < 240)) n++
     return n`,
    key,
  )
}

/** A decimal of the core as the chart draws it: a number, or null for none. */
const n = (d) => (d === null || d === undefined ? null : Number(d))

/** The PNG's width and height (its IHDR chunk). */
function pngSize(file) {
  const b = fs.readFileSync(file)
  assert.deepEqual([...b.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG file')
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) }
}

describe('项目详情: the project’s path in charts', function () {
  let app
  let project
  before(async function () {
    app = await startApp()
  })
  after(async function () {
    if (app) await app.quit()
  })

  it('draws the spending and each quantity indicator from the core’s figures', async function () {
    await goTo(app, { year: 2023, quarter: 4, menu: 'projects' })
    const name = await app.wait(async () => {
      for (const el of await app.findElements(By.xpath(`//span[contains(@class,'name') and contains(., '${PROJECT}')]`))) {
        if (await el.isDisplayed()) return el
      }
      return false
    }, 30000, 'the project in the list')
    await name.click()
    await byTest(app, 'project-detail')
    await waitForText(app, '进度图')
    project = (await invokeIn(app, 'projects', { year: 2023, unit: null })).find((p) => p.name === PROJECT)
    assert.ok(project?.id, 'the project')
    const series = await invokeIn(app, 'indicator_series', { projectId: project.id })
    const quarters = await invokeIn(app, 'money_quarters', { projectId: project.id })
    assert.ok(series.length > 0, 'the project has quantity indicators')
    assert.ok(series.some((s) => s.points.some((p) => p.actual !== null)), 'with actuals entered')

    const keys = ['money', ...series.map((s) => `indicator-${s.indicator_id}`)]
    // every chart is on the page, its canvas drawn (not blank)
    for (const key of keys) {
      await byTest(app, `chart-${key}`)
      await app.wait(async () => (await inkOf(app, key)) > 500, 20000, `the canvas of chart ${key} is drawn`)
    }
    // the figures each chart is drawn from are the core's
    const figures = async (key) => JSON.parse(await (await byTest(app, `chart-${key}`)).getAttribute('data-figures'))
    assert.deepEqual(await figures('money'), [
      quarters.map((q) => (q.spending ? n(q.execution.spent) : null)),
      quarters.map((q) => n(q.execution.planned)),
    ])
    for (const s of series) {
      const want = [s.points.map((p) => n(p.actual))]
      if (s.points.some((p) => p.expected !== null)) want.push(s.points.map((p) => n(p.expected)))
      assert.deepEqual(await figures(`indicator-${s.indicator_id}`), want, s.level3)
    }
    // the charts name what they show, as the page says it
    const cards = await byTest(app, 'project-charts')
    await app.executeScript('arguments[0].scrollIntoView({ block: "start" })', cards)
    await shot(app, 'project-detail-charts')
  })

  it('saves a chart as a PNG picture', async function () {
    const file = path.join(work, 'detail-chart.png')
    fs.rmSync(file, { force: true })
    await (await byTest(app, 'save-chart-money')).click()
    await chooseInFileDialog(file, { title: '保存图表图片', save: true })
    await app.wait(async () => fs.existsSync(file) && fs.statSync(file).size > 0, 20000, 'the picture is written')
    await waitForText(app, '图片已保存')
    const size = pngSize(file)
    // twice the canvas as drawn on screen
    const canvas = await app.findElement(By.css('[data-test="chart-money"] canvas'))
    const shown = await app.executeScript('const r = arguments[0].getBoundingClientRect(); return [Math.round(r.width), Math.round(r.height)]', canvas)
    assert.deepEqual([size.width, size.height], [shown[0] * 2, shown[1] * 2])
  })
})
