import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { execFileSync } from 'node:child_process'
import { startApp, choose, shot, byTest, goTo, invokeIn, waitForText, appBinary, printToFile, darkShare, shotDir, work, until, By } from '../harness.mjs'

// 总览 on the sample bureau (loaded by 02, written to by the files after it):
// the first screen of a database with projects; its charts drawn on their
// canvases; the figures beside them as `jixiao overview --json` gives them on
// the same database; a project behind a click away from its 项目详情; a chart
// saved as a PNG through the core.

const cli = process.env.JIXIAO_CLI ?? path.join(path.dirname(appBinary), 'jixiao')
const YEAR = 2023
const CHARTS = ['lights', 'money', 'units', 'grades']

/** The CLI's 总览 of the run's database, now. */
function cliOverview(year, unit) {
  const args = ['--db', process.env.JIXIAO_DB, 'overview', '--year', String(year), '--json']
  if (unit) args.push('--unit', unit)
  return JSON.parse(execFileSync(cli, args, { encoding: 'utf8' }))
}

/** Waits until the 总览 is drawn for `year` (every chart on its canvas). */
async function drawn(app, year) {
  await app.wait(async () => {
    const v = await app.findElements(By.css('[data-test="overview"][data-drawn="yes"]'))
    return v.length > 0 && (await v[0].getText()).includes(`${year}年 绩效目标总览`)
  }, 60000, `the 总览 of ${year} drawn`)
}

const text = async (app, test) => (await (await byTest(app, test)).getText()).trim()

describe('总览', function () {
  let app
  before(async function () {
    app = await startApp()
  })
  after(async function () {
    if (app) await app.quit()
  })

  it('is the first screen, its charts drawn, its figures those of `jixiao overview`', async function () {
    await byTest(app, 'overview', 30000)
    const active = await app.findElement(By.css('[data-test="menu"] .el-menu-item.is-active'))
    assert.equal((await active.getText()).trim(), '总览', 'the menu’s first item, chosen')
    await goTo(app, { year: YEAR })
    await drawn(app, YEAR)
    // each chart: a canvas with something drawn on it (pixels other than the background)
    for (const c of CHARTS) {
      const inked = await app.executeScript(
        `const c = document.querySelector('[data-test="overview-${c}-canvas"] canvas');
         if (!c || !c.width || !c.height) return 0;
         const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
         let n = 0; for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0 && (d[i] < 200 || d[i + 1] < 200 || d[i + 2] < 200)) n++;
         return n`,
      )
      assert.ok(inked > 500, `the ${c} chart is drawn (${inked} inked pixels)`)
    }
    const mark = await app.executeScript("return performance.getEntriesByName('overview-drawn').length")
    assert.ok(mark > 0, 'the page marked overview-drawn')

    const o = cliOverview(YEAR, null)
    assert.ok(o.projects > 0 && o.period, JSON.stringify(o))
    assert.equal(await text(app, 'ov-projects'), String(o.projects))
    const q = o.quarters.find((x) => x.period === o.period)
    for (const l of ['red', 'yellow', 'green', 'blue', 'none']) {
      assert.equal(await text(app, `ov-light-${l}`), String(q.lights[l]), `${l} lights in ${o.period}`)
    }
    assert.equal((await text(app, 'ov-spent')).replaceAll(',', ''), q.spent)
    assert.equal((await text(app, 'ov-budget')).replaceAll(',', ''), o.quarters[3].budget)
    assert.equal(await text(app, 'ov-rate'), `${q.rate_percent}%`)
    const behind = await app.findElements(By.css('[data-test="overview-behind"] tbody tr'))
    assert.equal(behind.length, o.behind.length, 'the projects behind')
    for (const [i, b] of o.behind.entries()) {
      const row = await behind[i].getText()
      assert.ok(row.includes(b.name) && row.includes(b.code), `${row} is ${b.code}`)
    }
    await shot(app, 'overview')
  })

  it('follows the unit chosen in the header', async function () {
    const all = cliOverview(YEAR, null)
    const unit = all.units[0]
    const one = cliOverview(YEAR, unit.code)
    await choose(app, await byTest(app, 'unit-select'), unit.name, { exact: true })
    await app.wait(async () => (await text(app, 'ov-projects')) === String(one.projects) && (await text(app, 'overview')).includes(unit.name), 30000, 'the unit’s 总览')
    await drawn(app, YEAR)
    await shot(app, 'overview-unit')
    await choose(app, await byTest(app, 'unit-select'), '全部单位', { exact: true })
    await app.wait(async () => (await text(app, 'ov-projects')) === String(all.projects), 30000, 'all units again')
  })

  it('saves a chart as a PNG picture through the core', async function () {
    const file = path.join(work, 'overview-lights.png')
    const bytes = await app.executeScript(
      `const c = document.querySelector('[data-test="overview-lights-canvas"] canvas');
       const b = atob(c.toDataURL('image/png').split(',')[1]);
       return Array.from(b, (ch) => ch.charCodeAt(0))`,
    )
    await invokeIn(app, 'save_png', { path: file, bytes })
    const png = fs.readFileSync(file)
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    assert.equal(png.length, bytes.length)
    // not a PNG: refused, nothing written
    const bad = path.join(work, 'not-a-picture.png')
    await assert.rejects(invokeIn(app, 'save_png', { path: bad, bytes: [1, 2, 3] }))
    assert.ok(!fs.existsSync(bad))
  })

  it('prints on A4 landscape, the 总览 alone', async function () {
    await goTo(app, { year: YEAR })
    await drawn(app, YEAR)
    const printed = await printToFile(app, 'overview-print')
    assert.match(printed.info, /Page size:\s+842(\.\d+)? x 595(\.\d+)? pts \(A4\)/, 'A4 landscape')
    fs.copyFileSync(path.join(work, 'output.pdf'), path.join(shotDir, 'overview-print.pdf'))
    // the charts print as pictures of themselves: WebKitGTK printed their canvases as black
    // boxes (45% of the first page near black; a drawn 总览 has a few per cent)
    const dark = darkShare(path.join(work, 'output.pdf'), 1)
    assert.ok(dark < 0.05, `the printed 总览's first page is not blacked out (${(dark * 100).toFixed(1)}% near black)`)
    // the four charts' pictures whole on the first sheet (a picture cut by the page's end is
    // listed on both sheets)
    const pictures = execFileSync('pdfimages', ['-list', path.join(work, 'output.pdf')], { encoding: 'utf8' })
      .split('\n').slice(2).map((l) => l.trim().split(/\s+/)).filter((f) => f[2] === 'image' && Number(f[3]) >= 500)
    assert.deepEqual(pictures.map((f) => f[0]), ['1', '1', '1', '1'], `the charts' pictures by sheet: ${pictures.map((f) => f[0])}`)
    const o = cliOverview(YEAR, null)
    for (const s of [`${YEAR}年绩效目标总览`, '指标预警', String(o.projects)]) {
      assert.ok(printed.text.includes(s), `the printed 总览 contains ${s}`)
    }
    for (const s of ['打印（A4横向）', '设置', '备份与恢复']) {
      assert.ok(!printed.text.includes(s), `only the 总览 is printed, not ${s}`)
    }
  })

  it('opens a project behind in 项目详情 on a click', async function () {
    const o = cliOverview(YEAR, null)
    assert.ok(o.behind.length > 0, 'the sample has a project behind')
    const first = o.behind[0]
    // the project's name, a link in its row
    const link = await (await byTest(app, `behind-${first.code}`)).findElement(By.css('a.link'))
    await app.executeScript('arguments[0].scrollIntoView({ block: "center" })', link)
    await link.click()
    await byTest(app, 'project-detail', 30000)
    await waitForText(app, first.code, 30000)
    await app.wait(until.elementLocated(By.css('[data-test="indicator-table"]')), 30000)
    await shot(app, 'overview-opened-project')
  })
})
