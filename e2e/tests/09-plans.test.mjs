import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { execFileSync } from 'node:child_process'
import { startApp, shot, byTest, choose, clickUntil, invokeIn, chooseInFileDialog, printToFile, root, work, shotDir, until, By, Key } from '../harness.mjs'

// A plan's story: its 主要指标 table (a text file as the plan's PDF gives it)
// imported in a new database through the preview, three years typed in the
// 规划 grid (one value far off the path asked about, then saved anyway), the
// lights and the trajectory chart seen, the 规划主要指标监测表 shown in 报表 and
// exported as PDF and Excel.
const FILE = path.join(root, 'e2e/fixtures/plan-science-2021.txt')
const CODE = 'KJ-14'
const FIRMS = '高新技术企业数量'
const DEALS = '技术合同成交额'
const STAFF = '万名就业人员中研发人员'

describe('规划: a plan imported, typed, judged, charted and printed', function () {
  let app
  before(async function () {
    app = await startApp({ db: path.join(work, 'plans.sqlite3') })
  })
  after(async function () {
    if (app) await app.quit()
  })

  /** Clicks `name` until `appeared()` holds (a click lost under load is clicked again). */
  const clickTestUntil = (name, appeared, what) => clickUntil(app, () => byTest(app, name), appeared, what, { tries: 4, wait: 10000 })

  const sheet = () => invokeIn(app, 'plan_sheet', { code: CODE, year: 2023, unit: null })
  const gridRow = (name) => app.wait(until.elementLocated(By.css(`[data-test="plan-grid"] tr[data-indicator="${name}"]`)), 15000)
  async function actualOf(name, year) {
    const s = await sheet()
    return s.rows.find((r) => r.indicator.name === name)?.actuals.find((a) => a.year === year)?.value ?? null
  }

  /** Types `text` into the year's cell of the row `name` and leaves it with Enter (which saves, as in 填报). */
  async function typeYear(name, year, text) {
    const input = await (await gridRow(name)).findElement(By.css(`td[data-year="${year}"] input`))
    await input.click()
    const old = (await input.getAttribute('value')) ?? ''
    await input.sendKeys(Key.END, ...Array(old.length).fill(Key.BACK_SPACE), text, Key.ENTER)
  }

  async function typeSaved(name, year, text) {
    await typeYear(name, year, text)
    await app.wait(async () => (await actualOf(name, year)) === text, 20000, `${name} ${year} = ${text} was not saved`)
  }

  it('imports the plan file through the preview, named by the officer', async function () {
    await (await byTest(app, 'menu-plans')).click()
    await byTest(app, 'plans-empty')
    await (await byTest(app, 'plan-import')).click()
    await chooseInFileDialog(FILE)
    const dialog = await byTest(app, 'plan-preview', 30000)
    await app.wait(until.elementIsVisible(dialog), 15000)
    const rows = await app.wait(async () => {
      const r = await app.findElements(By.css('[data-test="plan-preview-table"] tbody tr'))
      return r.length === 7 ? r : null
    }, 15000, 'the preview lists the 7 indicators')
    assert.ok((await rows[0].getText()).includes('研发经费投入年均增长'))
    // the kind, direction and comparison are there to correct
    assert.equal((await app.findElements(By.css('[data-test="plan-preview-kind"]'))).length, 7)
    assert.deepEqual(await invokeIn(app, 'plan_list', { year: null }), [], 'a preview writes nothing')
    const code = await app.findElement(By.css('input[data-test="plan-preview-code"], [data-test="plan-preview-code"] input'))
    await code.click()
    const named = (await code.getAttribute('value')) ?? ''
    await code.sendKeys(Key.END, ...Array(named.length).fill(Key.BACK_SPACE))
    await code.sendKeys(CODE)
    await app.wait(async () => (await code.getAttribute('value')) === CODE, 10000, 'the code typed')
    await shot(app, 'plans-preview')
    await clickTestUntil('plan-import-confirm', async () => (await app.findElements(By.css(`[data-test="plan-${CODE}"]`))).length > 0, 'the import')
    const plans = await invokeIn(app, 'plan_list', { year: null })
    assert.deepEqual(plans.map((p) => [p.plan.code, p.indicators]), [[CODE, 7]])
    await gridRow(FIRMS)
  })

  it('takes three years typed in the grid; a value far off the path is asked about, then saved', async function () {
    for (const [y, v] of [[2021, '5096'], [2022, '5796'], [2023, '6496']]) await typeSaved(FIRMS, y, v)
    for (const [y, v] of [[2021, '300'], [2022, '320'], [2023, '340']]) await typeSaved(DEALS, y, v)
    // ten times the target: the core doubts it, the window asks, 确定 saves it with force
    await typeYear(STAFF, 2021, '1100')
    const ask = await app.wait(until.elementLocated(By.css('.doubt-dialog')), 20000)
    await app.wait(until.elementIsVisible(ask), 10000)
    assert.ok((await ask.getText()).includes('可能填写有误'))
    await shot(app, 'plans-doubt')
    assert.equal(await actualOf(STAFF, 2021), null, 'nothing saved before the answer')
    await (await ask.findElement(By.xpath('.//button[contains(., "确定")]'))).click()
    await app.wait(async () => (await actualOf(STAFF, 2021)) === '1100', 20000, 'saved after 确定')
    // a word is no number: the cell says so in Chinese, nothing is saved
    await typeYear(STAFF, 2022, '很多')
    const err = await app.wait(until.elementLocated(By.css(`[data-test="plan-grid"] tr[data-indicator="${STAFF}"] [data-test="plan-cell-error"]`)), 20000)
    assert.match(await err.getText(), /[\u4e00-\u9fff]/)
    assert.equal(await actualOf(STAFF, 2022), null)
  })

  it('shows each row’s light and status in the year chosen, and the chart of an indicator', async function () {
    await choose(app, await byTest(app, 'plan-year'), '2023年')
    const status = async (name) => {
      const cell = await (await gridRow(name)).findElement(By.css('[data-test="plan-status"]'))
      return [await cell.getAttribute('data-light'), (await cell.getText()).trim()]
    }
    await app.wait(async () => (await status(FIRMS))[1] === '基本符合预期', 20000, 'the firms are on track in 2023')
    assert.deepEqual(await status(FIRMS), ['green', '基本符合预期'])
    assert.deepEqual(await status(DEALS), ['yellow', '进度滞后'])
    const expected = await (await gridRow(FIRMS)).findElement(By.css('[data-test="plan-expected"]'))
    assert.equal((await expected.getText()).trim(), '6558.40', 'the core’s expected value of 2023')
    const counts = await (await byTest(app, 'plan-counts')).getText()
    assert.ok(counts.includes('基本符合预期') && counts.includes('进度滞后'), counts)

    // the chart of the firms: drawn on its canvas (pixels painted, not an empty box)
    const link = await (await gridRow(FIRMS)).findElement(By.css('[data-test="plan-chart-link"]'))
    await link.click()
    await app.wait(async () => (await (await byTest(app, 'plan-chart-card')).getText()).includes(FIRMS), 15000, 'the chart is the firms’')
    await app.wait(until.elementLocated(By.css('[data-test="plan-chart"][data-drawn="yes"] canvas')), 15000)
    const painted = async () =>
      app.executeScript(`const c = document.querySelector('[data-test="plan-chart"] canvas');
        if (!c || !c.width) return 0;
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
        return n`)
    await app.wait(async () => (await painted()) > 2000, 15000, 'the chart’s canvas is painted')
    const card = await byTest(app, 'plan-chart-card')
    await app.executeScript('arguments[0].scrollIntoView({block: "center"})', card)
    await shot(app, 'plans-grid-chart')
    // the chart itself as its canvas drew it (on white), for a person to look at
    const png = await app.executeScript(`const c = document.querySelector('[data-test="plan-chart"] canvas');
      const w = document.createElement('canvas'); w.width = c.width; w.height = c.height;
      const g = w.getContext('2d'); g.fillStyle = '#fff'; g.fillRect(0, 0, w.width, w.height); g.drawImage(c, 0, 0);
      return w.toDataURL('image/png').split(',')[1]`)
    fs.writeFileSync(path.join(shotDir, 'plans-chart.png'), png, 'base64')
  })

  it('prints the 规划主要指标监测表 in 报表 and exports it as PDF and Excel', async function () {
    const onReports = async () => (await app.findElements(By.css('[data-test="reports"], [data-test="welcome"]'))).length > 0
    await clickTestUntil('plan-to-report', onReports, 'the 报表 screen')
    // a database with plans but no project yet may greet the officer first: 从空白开始
    if ((await app.findElements(By.css('[data-test="welcome"]'))).length) {
      await clickTestUntil('start-empty', async () => (await app.findElements(By.css('[data-test="reports"]'))).length > 0, 'the 报表 screen')
    }
    await app.wait(async () => (await (await byTest(app, 'report-plan-table')).getText()).includes('6496'), 20000)
    const paper = await (await byTest(app, 'report-paper')).getText()
    for (const s of ['规划主要指标监测表', '（2023 年度）', FIRMS, '6558.40', '基本符合预期', '进度滞后', '填报人']) {
      assert.ok(paper.includes(s), `the form shows ${s}`)
    }
    await shot(app, 'plans-report')
    // printed as it is filed: through the print dialog, on A4 landscape, only the form
    const printed = await printToFile(app)
    assert.match(printed.info, /Page size:\s+842(\.\d+)? x 595(\.\d+)? pts \(A4\)/, 'A4 landscape')
    for (const s of ['规划主要指标监测表', FIRMS, '6496', '6558.40', '进度滞后', '填报人']) {
      assert.ok(printed.text.includes(s), `the printed form contains ${s}`)
    }
    assert.ok(!printed.text.includes('导出PDF'), 'only the form is printed, not the screen around it')
    for (const format of ['pdf', 'xlsx']) {
      const out = path.join(work, `plan-form.${format}`)
      const w = await invokeIn(app, 'plan_report_export', { code: CODE, year: 2023, unit: null, format, path: out })
      assert.ok(w.bytes > 1000 && fs.statSync(out).size === w.bytes, `${format} written`)
    }
    // pdftotext drops the spaces between CJK glyphs (and wraps a long word): compared without white space
    const text = execFileSync('pdftotext', [path.join(work, 'plan-form.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '')
    for (const s of ['规划主要指标监测表', FIRMS, '6496', '6558.40', '进度滞后', '第1页共1页']) {
      assert.ok(text.includes(s), `the PDF contains ${s}`)
    }
  })
})
