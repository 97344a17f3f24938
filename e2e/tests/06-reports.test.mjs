import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { startApp, shot, byTest, choose, goTo, waitForText, work, printToFile, until, By } from '../harness.mjs'

// The 报表 screen on the sample bureau. The save dialog is native and can't be
// driven over WebDriver; the export is tested by invoking the same command the
// 导出 buttons call (report_export) with a path, as the dialog would hand it over.
describe('报表', function () {
  let app
  before(async function () {
    app = await startApp()
  })
  after(async function () {
    if (app) await app.quit()
  })

  async function papers() {
    return app.findElements(By.css('[data-test="report-paper"]'))
  }

  // the colour class of a lamp and the word printed beside it
  const LIGHTS = { red: '红', yellow: '黄', green: '绿', blue: '蓝', grey: '未填' }

  /** The 预警 cell of a form's row: its word and the colour of its mark. */
  async function lamp(row) {
    const mark = await row.findElement(By.css('td > i.lamp'))
    const cell = await mark.findElement(By.xpath('..'))
    const colours = (await mark.getAttribute('class')).split(/\s+/).filter((c) => c in LIGHTS)
    return { word: (await cell.getText()).trim(), colour: colours.join(' ') }
  }

  it('previews a project’s 自评表 with its score, grade and targets as written', async function () {
    await goTo(app, { year: 2023, menu: 'reports' })
    await byTest(app, 'reports')
    await choose(app, await byTest(app, 'report-project'), '大数据发展专项业务费')
    await app.wait(async () => (await papers()).length === 1, 15000, 'one form in the preview')
    const paper = (await papers())[0]
    await app.wait(async () => (await paper.getText()).includes('大数据发展专项业务费'), 15000)
    const text = await paper.getText()
    assert.ok(text.includes('项目支出绩效自评表'), 'the form’s title')
    assert.ok(text.includes('（2023 年度）'), 'the year')
    assert.equal(await (await byTest(app, 'report-total')).getText(), '93.02')
    assert.equal(await (await byTest(app, 'report-grade')).getText(), '优')
    const row = await paper.findElement(By.css('tr[data-indicator="提供法律意见次数"]'))
    assert.ok((await row.getText()).includes('≥20次'), 'the target as written')
    assert.ok(text.includes('项目负责人') && text.includes('注：评分设置'), 'signature lines and the settings footnote')
    await shot(app, 'report-self-eval')
  })

  it('puts a whole unit’s 自评表 one project after another', async function () {
    await choose(app, await byTest(app, 'report-project'), '全部项目')
    await app.wait(async () => (await papers()).length >= 2, 15000, 'a form per project')
    await shot(app, 'report-self-eval-all')
  })

  it('shows the 监控表 with lights in words and the 汇总表 with totals', async function () {
    await choose(app, await byTest(app, 'report-form'), '监控表')
    await choose(app, await byTest(app, 'report-project'), '大数据发展专项业务费')
    await waitForText(app, '截至 2023 年 6 月 30 日')
    // the whole unit's 监控表 shows first (the project was still 全部项目): read
    // the lights only once the one chosen project's form has replaced it
    await app.wait(
      async () => {
        const shown = await papers()
        return shown.length === 1 && (await shown[0].getText()).includes('大数据发展专项业务费') && (await shown[0].getText()).includes('截至 2023 年 6 月 30 日')
      },
      15000,
      'the chosen project’s 监控表 alone',
    )
    const paper = (await papers())[0]
    assert.match(await paper.getText(), /预警/)
    // the lights in their 预警 cells (the footnote names 红灯 whatever the cells show):
    // the money's, and each indicator's, in words and in colour, as the core scores
    // the sample at 2023Q2
    const money = await paper.findElement(By.xpath(".//tr[th[contains(., '项目资金')]]/following-sibling::tr[1]"))
    assert.deepEqual(await lamp(money), { word: '绿', colour: 'green' }, 'the money’s light')
    const expected = {
      提供法律意见次数: { word: '绿', colour: 'green' },
      完成数字青岛规划编制数量: { word: '红', colour: 'red' },
      完成智慧城市建设和数字青岛规划执行情况评估数量: { word: '蓝', colour: 'blue' },
      服务对象满意度指标: { word: '未填', colour: 'grey' },
    }
    for (const [name, light] of Object.entries(expected)) {
      const row = await paper.findElement(By.css(`tr[data-indicator="${name}"]`))
      assert.deepEqual(await lamp(row), light, `the light of ${name}`)
    }
    const rows = await paper.findElements(By.css('tr[data-indicator]'))
    assert.equal(rows.length, 10, 'a row per indicator')
    for (const row of rows) {
      const { word, colour } = await lamp(row)
      const name = await row.getAttribute('data-indicator')
      assert.ok(LIGHTS[colour] === word, `${name}: a light in words and colour (${word}, ${colour})`)
    }
    await shot(app, 'report-monitor')
    await choose(app, await byTest(app, 'report-form'), '汇总表')
    await waitForText(app, '合计')
    assert.ok((await (await papers())[0].getText()).includes('大数据发展专项业务费'))
    await shot(app, 'report-summary')
  })

  it('exports PDF and Excel through the export command', async function () {
    const pdf = path.join(work, '自评表.pdf')
    const xlsx = path.join(work, '自评表.xlsx')
    // the project's code, from the preview of 汇总表 above
    const codeCell = await app.findElement(By.xpath("//tr[td[contains(., '大数据发展专项业务费')]]/td[2]"))
    const code = await codeCell.getText()
    assert.ok(code.length > 0, 'the project code')
    for (const [format, file] of [['pdf', pdf], ['xlsx', xlsx]]) {
      const r = await app.executeAsyncScript(
        `const done = arguments[arguments.length - 1];
         window.__TAURI_INTERNALS__.invoke('report_export', { form: 'self-eval', period: '2023Q4', unit: null,
           project: arguments[0], format: arguments[1], path: arguments[2] })
           .then((w) => done({ ok: w }), (e) => done({ err: e }))`,
        code,
        format,
        file,
      )
      assert.ok(r.ok, `report_export ${format}: ${JSON.stringify(r.err)}`)
      assert.equal(r.ok.projects, 1)
      assert.ok(fs.statSync(file).size > 1000, `${file} written`)
    }
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' })
    for (const s of ['项目支出绩效自评表', '大数据发展专项业务费', '93.02', '≥20次']) {
      assert.ok(text.includes(s), `the PDF contains ${s}`)
    }
    assert.match(text, /第\s*1\s*页\s*共\s*1\s*页/, 'the page footer')
    assert.equal(fs.readFileSync(xlsx).subarray(0, 2).toString(), 'PK', 'an xlsx (zip) file')
  })

  it('prints a 自评表 through the print dialog on A4 portrait', async function () {
    await choose(app, await byTest(app, 'report-form'), '自评表')
    await choose(app, await byTest(app, 'report-project'), '大数据发展专项业务费')
    await app.wait(async () => (await papers()).length === 1, 15000, 'one form in the preview')
    const { info, text } = await printToFile(app)
    assert.match(info, /Page size:\s+595(\.\d+)? x 842(\.\d+)? pts \(A4\)/)
    for (const s of ['项目支出绩效自评表', '大数据发展专项业务费', '93.02', '≥20次', '项目负责人']) {
      assert.ok(text.includes(s), `the printed form contains ${s}`)
    }
    assert.ok(!text.includes('导出PDF'), 'only the form is printed, not the screen around it')
  })

  it('prints a 监控表 on A4 landscape, and the window still answers', async function () {
    await choose(app, await byTest(app, 'report-form'), '监控表')
    await waitForText(app, '截至 2023 年')
    const { info, text } = await printToFile(app)
    assert.match(info, /Page size:\s+842(\.\d+)? x 595(\.\d+)? pts \(A4\)/)
    assert.ok(text.includes('项目支出绩效目标执行监控表'))
    await choose(app, await byTest(app, 'report-form'), '汇总表')
    await waitForText(app, '合计')
  })

  it('shows the 绩效目标审核意见表 by criterion, with its conclusion and signature lines, and exports it', async function () {
    await choose(app, await byTest(app, 'report-form'), '审核意见表')
    await choose(app, await byTest(app, 'report-project'), '大数据发展专项业务费')
    await app.wait(
      async () => {
        const shown = await papers()
        if (shown.length !== 1) return false
        const t = await shown[0].getText()
        return t.includes('绩效目标审核意见表') && t.includes('大数据发展专项业务费')
      },
      15000,
      'the chosen project’s 审核意见表 alone',
    )
    const paper = (await papers())[0]
    const text = await paper.getText()
    assert.ok(text.includes('（2023 年度）'))
    // the published table: one 提示 under 完整性, nothing under the three others, 优
    const sections = await paper.findElements(By.css('table[data-criterion]'))
    assert.deepEqual(await Promise.all(sections.map((t) => t.getAttribute('data-criterion'))), ['完整性', '相关性', '适当性', '可行性'])
    const basis = await sections[0].findElement(By.css('tr[data-rule="basis-category"]'))
    assert.match(await basis.getText(), /提示.*“历史指标”应为“历史标准”/)
    assert.equal((await paper.findElements(By.css('[data-test="review-none"]'))).length, 3, '未发现问题 under the three others')
    assert.equal(await (await byTest(app, 'review-conclusion')).getText(), '优')
    assert.ok(text.includes('按原表进入预算编审流程'), 'what the conclusion means')
    const signLine = await paper.findElement(By.css('[data-test="report-signatures"]'))
    const signs = await signLine.getText()
    for (const s of ['审核人', '复核人', '审核日期']) assert.ok(signs.includes(s), `the signature line ${s}`)
    const period = await byTest(app, 'report-period')
    assert.ok((await period.findElements(By.css('.is-disabled'))).length > 0, 'the year only, no quarter')
    await shot(app, 'report-review')
    await app.executeScript('arguments[0].scrollIntoView({ block: "center" })', signLine)
    await shot(app, 'report-review-end')

    const file = path.join(work, '审核意见表.pdf')
    const code = '37020023P88002811135Y'
    const r = await app.executeAsyncScript(
      `const done = arguments[arguments.length - 1];
       window.__TAURI_INTERNALS__.invoke('report_export', { form: 'review', period: '2023Q4', unit: null,
         project: arguments[0], format: 'pdf', path: arguments[1] })
         .then((w) => done({ ok: w }), (e) => done({ err: e }))`,
      code,
      file,
    )
    assert.ok(r.ok, `report_export review: ${JSON.stringify(r.err)}`)
    assert.equal(r.ok.projects, 1)
    const pdf = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
    for (const s of ['绩效目标审核意见表', '大数据发展专项业务费', '“历史指标”应为“历史标准”', '未发现问题', '按原表进入预算编审流程', '审核人']) {
      assert.ok(pdf.includes(s), `the PDF contains ${s}`)
    }
    // and printed, on A4 portrait, only the form
    const printed = await printToFile(app)
    assert.match(printed.info, /Page size:\s+595(\.\d+)? x 842(\.\d+)? pts \(A4\)/)
    // (见 comes out of WebKit's PDF as the radical ⻅, which NFKC leaves as it is: not asked for here)
    for (const s of ['大数据发展专项业务费', '一、完整性', '未发现问题', '审核结论', '审核人', '复核人']) {
      assert.ok(printed.text.includes(s), `the printed form contains ${s}`)
    }
    assert.ok(!printed.text.includes('导出PDF'), 'only the form is printed')
  })
})
