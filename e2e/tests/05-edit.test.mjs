import assert from 'node:assert/strict'
import { startApp, shot, byTest, goTo, waitForText, sleep, until, By, Key } from '../harness.mjs'

// 编辑 and 资金: a new project typed with the keyboard, its 绩效目标表, the
// understanding of a target fixed by hand, reordering and deleting, then its
// spending per quarter against the plan. The project is deleted at the end, so
// the later tests see the sample bureau as it was.
const CODE = 'E2E-2024-01'
const NAME = '社区便民服务提升项目'

/** Types into whatever has the focus. */
async function type(app, ...keys) {
  await app.switchTo().activeElement().sendKeys(...keys)
}

/** The rows' names, read in one go: Vue may re-render the rows between two WebDriver calls. */
async function editorRows(app) {
  return app.executeScript(
    "return Array.from(document.querySelectorAll('[data-test=\"indicator-editor\"] tbody tr[data-row]')).map((tr) => tr.getAttribute('data-row'))",
  )
}

async function editorRow(app, level3) {
  return app.wait(until.elementLocated(By.css(`[data-test="indicator-editor"] tr[data-row="${level3}"]`)), 15000)
}

/** Waits for the confirmation box, checks its text and answers it. */
async function confirm(app, expected) {
  const box = await app.wait(until.elementLocated(By.css('.el-message-box')), 10000)
  await app.wait(until.elementIsVisible(box), 5000)
  const text = await box.getText()
  for (const e of expected) assert.ok(text.includes(e), `the confirmation says “${e}”: ${text}`)
  return box
}

describe('编辑项目与绩效目标表、资金', function () {
  let app
  before(async function () {
    app = await startApp()
  })
  after(async function () {
    if (app) await app.quit()
  })

  it('creates a project with the keyboard alone', async function () {
    await goTo(app, { year: 2023, menu: 'projects' })
    await (await byTest(app, 'new-project')).click()
    await byTest(app, 'project-edit')
    const year = await app.findElement(By.css('input[data-test="pe-year"], [data-test="pe-year"] input'))
    await year.click()
    await type(app, Key.END, Key.BACK_SPACE, Key.BACK_SPACE, Key.BACK_SPACE, Key.BACK_SPACE, '2024', Key.ENTER)
    await type(app, CODE, Key.ENTER)
    await type(app, NAME, Key.ENTER)
    // the unit select keeps its preset (the first unit); Tab passes it, 新增单位 and 金额单位 (万元)
    await type(app, Key.TAB)
    await type(app, Key.TAB)
    await type(app, Key.TAB)
    await type(app, '100', Key.ENTER, '100', Key.ENTER, Key.ENTER, Key.ENTER)
    await type(app, Key.ENTER, '40', Key.ENTER, '80', Key.ENTER, '100', Key.ENTER)
    await type(app, '社区便民服务站点建设与运营', Key.ENTER)
    await shot(app, 'edit-new-project')
    await type(app, '建成便民服务站点，提升群众满意度', Key.ENTER)
    await byTest(app, 'indicator-editor')
    await waitForText(app, `编辑项目：${NAME}`)
  })

  it('types a 绩效目标表 of three indicators, Enter moving on and a new row appearing', async function () {
    // the focus is in the empty row's 一级指标
    await type(app, '产出指标', Key.ENTER, '数量指标', Key.ENTER, '建成站点数', Key.ENTER, Key.ENTER, '≥12个', Key.ENTER, Key.ENTER, '40', Key.ENTER)
    await editorRow(app, '建成站点数')
    // the new row continues the groups of the row above: Enter keeps 产出指标.
    // Ctrl+A is sent on its own: in one burst with the text after it, WebKit's
    // driver loses the text (a person never types that fast).
    await type(app, Key.ENTER)
    await type(app, Key.chord(Key.CONTROL, 'a'))
    await type(app, '时效指标', Key.ENTER, '站点建成时间', Key.ENTER, Key.ENTER, '2024年6月底前', Key.ENTER, Key.ENTER, '20', Key.ENTER)
    await editorRow(app, '站点建成时间')
    await type(app, Key.chord(Key.CONTROL, 'a'))
    await type(app, '满意度指标', Key.ENTER)
    await type(app, Key.chord(Key.CONTROL, 'a'))
    await type(app, '服务对象满意度指标', Key.ENTER, '群众满意度', Key.ENTER, Key.ENTER, '≥较高水平', Key.ENTER, Key.ENTER, '30', Key.ENTER)
    await editorRow(app, '群众满意度')
    assert.deepEqual(await editorRows(app), ['建成站点数', '站点建成时间', '群众满意度', 'new'])
    const groups = await app.executeScript(
      "return Array.from(document.querySelectorAll('[data-test=indicator-editor] tbody tr[data-row]')).map(tr => Array.from(tr.querySelectorAll('input')).slice(0, 2).map(i => i.value).join('/'))",
    )
    assert.deepEqual(groups, ['产出指标/数量指标', '产出指标/时效指标', '满意度指标/服务对象满意度指标', '满意度指标/服务对象满意度指标'])
    const understood = async (name) => (await (await editorRow(app, name)).findElement(By.css('[data-test="ed-understood"]')).getText()).trim()
    assert.equal(await understood('建成站点数'), '≥ 12 个')
    assert.equal(await understood('站点建成时间'), '≤ 2024-06')
    assert.match(await understood('群众满意度'), /未能识别/)
    await shot(app, 'edit-table-typed')
  })

  it('fixes a target that was not understood by hand', async function () {
    const r = await editorRow(app, '群众满意度')
    await (await r.findElement(By.css('[data-test="fix-target"]'))).click()
    const value = await app.wait(until.elementLocated(By.css('input[data-test="fix-value"], [data-test="fix-value"] input')), 10000)
    await app.wait(until.elementIsVisible(value), 5000)
    await shot(app, 'edit-fix-dialog')
    await value.sendKeys('90')
    const unit = await app.findElement(By.css('input[data-test="fix-unit"], [data-test="fix-unit"] input'))
    await unit.sendKeys('%')
    await (await byTest(app, 'fix-save')).click()
    await app.wait(async () => {
      const text = await (await (await editorRow(app, '群众满意度')).findElement(By.css('[data-test="ed-understood"]'))).getText()
      return text.includes('≥ 90 %') && text.includes('手动')
    }, 10000, 'the understanding by hand is shown')
  })

  it('reviews the table as it is typed: a vague target gets its finding and loses it once quantified', async function () {
    const counts = async () => (await (await byTest(app, 'review-counts')).getText()).trim()
    const vague = By.css('[data-test="indicator-editor"] tr[data-findings-of="建成站点数"] [data-test="finding"][data-rule="vague-target"]')
    // no 成本指标, no 效益指标: two errors of the whole table, above it
    await app.wait(async () => (await counts()).startsWith('2 个错误'), 10000, 'two errors')
    const whole = await (await byTest(app, 'table-findings')).getText()
    assert.ok(whole.includes('缺少“成本指标”') && whole.includes('缺少“效益指标”'), whole)
    const target = await (await editorRow(app, '建成站点数')).findElement(By.css('input[data-test="ed-target"], [data-test="ed-target"] input'))
    await target.click()
    await type(app, Key.chord(Key.CONTROL, 'a'))
    await type(app, '进一步提高')
    // not saved yet (the cursor is still in the row): the finding shows beside the row
    const finding = await app.wait(until.elementLocated(vague), 10000, 'the vague target’s finding')
    // (the severity's tag may still be fading in: its word is read from the row's mark)
    assert.equal(await finding.getAttribute('data-severity'), 'error')
    await app.wait(async () => /错误.*可行性.*进一步/.test(await finding.getText()), 5000, 'the finding in words')
    await app.wait(async () => (await counts()).startsWith('3 个错误'), 10000, 'three errors')
    await shot(app, 'edit-review-vague')
    await type(app, Key.chord(Key.CONTROL, 'a'))
    await type(app, '≥15个')
    await app.wait(async () => (await app.findElements(vague)).length === 0, 10000, 'the finding is gone')
    await app.wait(async () => (await counts()).startsWith('2 个错误'), 10000, 'two errors again')
    // leaving the row saves it; the stored table's review agrees
    await type(app, Key.TAB)
    await app.wait(async () => (await (await editorRow(app, '建成站点数')).findElement(By.css('[data-test="ed-understood"]')).getText()).includes('≥ 15 个'), 10000)
  })

  it('reorders and deletes an indicator, saying what goes with it', async function () {
    await sleep(600) // the success message fades
    await (await (await editorRow(app, '群众满意度')).findElement(By.css('[data-test="move-up"]'))).click()
    await app.wait(async () => (await editorRows(app)).join() === '建成站点数,群众满意度,站点建成时间,new', 10000, 'moved up')
    await (await (await editorRow(app, '站点建成时间')).findElement(By.css('[data-test="delete-indicator"]'))).click()
    const box = await confirm(app, ['删除指标“站点建成时间”', '尚无实际值'])
    await shot(app, 'edit-delete-indicator')
    await (await box.findElement(By.css('.el-button--danger'))).click()
    await app.wait(async () => (await editorRows(app)).join() === '建成站点数,群众满意度,new', 10000, 'deleted')
    await shot(app, 'edit-table-done')
  })

  it('资金: spending per quarter against the interpolated plan, with its light', async function () {
    await goTo(app, { menu: 'money' })
    await byTest(app, 'money-grid')
    await waitForText(app, NAME)
    const quarter = (q) => app.findElement(By.css(`[data-test="money-grid"] tr[data-period="2024Q${q}"]`))
    const planned = async (q) => (await (await quarter(q)).findElement(By.css('[data-test="money-planned"]')).getText()).trim()
    // plan: 6月底 40, 10月底 80, 12月底 100 (3月底 blank): interpolated at each quarter's end
    assert.deepEqual([await planned(1), await planned(2), await planned(3), await planned(4)], ['20.00', '40.00', '70.00', '100.00'])
    const amount = async (q) => (await quarter(q)).findElement(By.css('[data-test="money-amount"] input, input[data-test="money-amount"]'))
    await (await amount(1)).click()
    await type(app, '19', Key.ENTER)
    await type(app, '20', Key.TAB)
    const light = async (q) => (await (await quarter(q)).findElement(By.css('[data-test="money-light"]')).getText()).trim()
    await app.wait(async () => (await light(1)) === '绿灯' && (await light(2)) === '红灯', 10000, 'Q1 green, Q2 red')
    await waitForText(app, '须填写偏差原因和改进措施')
    await shot(app, 'money-red')
    const q2 = await quarter(2)
    await (await q2.findElement(By.css('textarea[data-test="money-reason"]'))).click()
    await type(app, '站点选址调整，设备采购延后', Key.TAB)
    await type(app, '加快政府采购进度，三季度完成设备安装', Key.TAB)
    await app.wait(async () => !(await (await quarter(2)).getText()).includes('须填写偏差原因和改进措施'), 10000, 'explained')
    // a wrong amount keeps what was typed and says why
    await (await amount(3)).click()
    await type(app, '三十', Key.TAB)
    const err = await app.wait(until.elementLocated(By.css('[data-test="money-grid"] tr[data-period="2024Q3"] [data-test="money-error"]')), 10000)
    assert.match(await err.getText(), /不是数字/)
    assert.equal(await (await amount(3)).getAttribute('value'), '三十')
    await (await amount(3)).click()
    await type(app, Key.END, Key.BACK_SPACE, Key.BACK_SPACE, Key.TAB)
    await shot(app, 'money-explained')
  })

  it('项目详情: a finding of the whole table is marked 已知悉 with a note', async function () {
    await goTo(app, { menu: 'projects' })
    await goTo(app, { year: 2024 })
    await waitForText(app, NAME)
    await (await app.findElement(By.xpath(`//span[contains(@class,'name') and contains(., '${NAME}')]`))).click()
    await byTest(app, 'project-detail')
    const cost = By.xpath("//*[@data-test='table-findings']//li[@data-rule='missing-category'][contains(., '成本指标')]")
    const finding = await app.wait(until.elementLocated(cost), 10000)
    await (await finding.findElement(By.css('[data-test="acknowledge"]'))).click()
    const box = await confirm(app, ['标记为已知悉', '缺少“成本指标”'])
    // an empty note is refused
    await (await box.findElement(By.css('.el-message-box__btns .el-button--primary'))).click()
    await app.wait(async () => (await box.getText()).includes('请填写说明'), 5000, 'a note is required')
    await (await box.findElement(By.css('input'))).sendKeys('经费在单位公用经费中列支，不单设成本指标')
    await (await box.findElement(By.css('.el-message-box__btns .el-button--primary'))).click()
    await app.wait(
      async () => (await (await app.findElement(cost)).getText()).includes('已知悉：经费在单位公用经费中列支'),
      10000,
      'the note beside the finding',
    )
    await shot(app, 'detail-review-acknowledged')
  })

  it('deletes the project after saying what goes with it', async function () {
    await goTo(app, { menu: 'projects' })
    await goTo(app, { year: 2024 })
    await waitForText(app, NAME)
    await (await app.findElement(By.xpath(`//span[contains(@class,'name') and contains(., '${NAME}')]`))).click()
    await (await byTest(app, 'edit-project')).click()
    await (await byTest(app, 'delete-project')).click()
    const box = await confirm(app, [`删除项目“${NAME}”`, '将同时删除 2 个指标和 2 条执行数记录'])
    await shot(app, 'edit-delete-project')
    await (await box.findElement(By.css('.el-button--danger'))).click()
    await byTest(app, 'project-list')
    // 2024 has no project left: the list falls back to the newest year there is
    await waitForText(app, '2025年第四季度')
    assert.ok(!(await (await byTest(app, 'project-list')).getText()).includes(NAME), 'the project is gone')
    await goTo(app, { year: 2023 })
    await waitForText(app, '大数据发展专项业务费')
  })
})
