import assert from 'node:assert/strict'
import { startApp, shot, byTest, choose, goTo, row, sleep, until, By, Key } from '../harness.mjs'

const PROJECT = '新型智慧城市建设相关奖补资金'

async function openEntry(app) {
  await goTo(app, { year: 2023, quarter: 3, menu: 'entry' })
  await choose(app, await byTest(app, 'entry-project'), PROJECT)
  await row(app, '试点数量')
  await sleep(300)
}

async function total(app) {
  return (await (await byTest(app, 'entry-total')).getText()).trim()
}

async function statusOf(app, level3) {
  return (await (await row(app, level3)).findElement(By.css('[data-test="status"]')).getText()).trim()
}

/** Types into a row's quantity cell and leaves it with Tab (which saves). */
async function typeValue(app, level3, text) {
  const input = await (await row(app, level3)).findElement(By.css('input[data-test="actual-value"], [data-test="actual-value"] input'))
  await input.click()
  const old = (await input.getAttribute('value')) ?? ''
  await input.sendKeys(Key.END, ...Array(old.length).fill(Key.BACK_SPACE), text, Key.TAB)
  return input
}

describe('填报一个季度', function () {
  let app
  let before3
  const saved = {}

  before(async function () {
    app = await startApp()
    await openEntry(app)
    before3 = await total(app)
  })
  after(async function () {
    if (app) await app.quit()
  })

  it('a failing quantity turns red and asks for its reason and measures', async function () {
    await typeValue(app, '试点数量', '3')
    await app.wait(async () => (await statusOf(app, '试点数量')) === '未达标', 10000)
    const r = await row(app, '试点数量')
    const reason = await app.wait(until.elementLocated(By.css('[data-test="entry-grid"] tr[data-indicator="试点数量"] textarea[data-test="reason"]')), 10000)
    assert.ok((await r.getText()).includes('须填写偏差原因和改进措施'))
    await shot(app, 'entry-failing')
    await reason.click()
    await reason.sendKeys('试点评审延期，部分区市申报材料未齐')
    const measures = await r.findElement(By.css('textarea[data-test="measures"]'))
    await measures.click()
    await measures.sendKeys('督促区市补齐材料，四季度完成评审', Key.TAB)
    await app.wait(async () => !(await (await row(app, '试点数量')).getText()).includes('须填写偏差原因和改进措施'), 10000)
  })

  it('a save is one request: the value, answered with the project’s evaluation (nothing else reloads)', async function () {
    // every command the window invokes is counted on <html data-invokes> (ui/src/api.ts)
    const invokes = async () => Number(await app.findElement(By.css('html')).getAttribute('data-invokes'))
    const cell = async () => (await row(app, '试点数量')).findElement(By.css('input[data-test="actual-value"], [data-test="actual-value"] input'))
    const saved = async () => (await (await row(app, '试点数量')).findElement(By.css('[data-test="actual-cell"]')).getText()).includes('已保存')
    for (const value of ['4', '3']) {
      const input = await cell()
      await input.click()
      await input.sendKeys(Key.END, Key.BACK_SPACE, value)
      await sleep(1000) // the as-you-type check (a request of its own) has answered
      const before = await invokes()
      await input.sendKeys(Key.TAB)
      await app.wait(saved, 10000, 'saved')
      await sleep(1500) // what a save would set off has had its time
      assert.equal((await invokes()) - before, 1, `saving ${value} cost one request`)
    }
  })

  it('a wrong unit is refused with a Chinese message and nothing is saved', async function () {
    const input = await typeValue(app, '社区数量', '100元')
    const err = await app.wait(until.elementLocated(By.css('[data-test="entry-grid"] tr[data-indicator="社区数量"] [data-test="cell-error"]')), 10000)
    const message = await err.getText()
    assert.match(message, /单位/, `the message names the unit problem: ${message}`)
    assert.equal(await input.getAttribute('value'), '100元', 'what was typed stays in the cell')
    assert.equal(await statusOf(app, '社区数量'), '未填报', 'nothing was saved')
    await shot(app, 'entry-wrong-unit')
    await typeValue(app, '社区数量', '80')
    await app.wait(async () => (await statusOf(app, '社区数量')) !== '未填报', 10000)
  })

  it('a label target takes a level, a date target a date', async function () {
    const level = await (await row(app, '社区达标类别')).findElement(By.css('[data-test="actual-level"]'))
    await choose(app, level, '部分达成')
    await app.wait(async () => (await statusOf(app, '社区达标类别')) !== '未填报', 10000)
    const date = await (await row(app, '奖补工作完成时间')).findElement(By.css('[data-test="actual-cell"] .el-date-editor input'))
    await date.click()
    await date.sendKeys('2023-07-20', Key.ENTER)
    await app.wait(async () => (await statusOf(app, '奖补工作完成时间')) === '达标', 10000)
    await (await byTest(app, 'entry-total')).click()
  })

  it('the score and grade change at once', async function () {
    const spend = await await byTest(app, 'spending-amount')
    await spend.click()
    await spend.sendKeys('600', Key.TAB)
    await sleep(500)
    const after = await total(app)
    assert.notEqual(after, before3, `the total moved from ${before3}`)
    saved.total = after
    saved.grade = (await (await byTest(app, 'entry-grade')).getText()).trim()
    await shot(app, 'entry-done')
    this.test.parent.saved = saved
  })

  it('everything is still there after closing and reopening the app', async function () {
    await app.quit()
    app = await startApp()
    await openEntry(app)
    const value = await (await row(app, '试点数量')).findElement(By.css('input[data-test="actual-value"], [data-test="actual-value"] input'))
    assert.equal(await value.getAttribute('value'), '3')
    const reason = await (await row(app, '试点数量')).findElement(By.css('textarea[data-test="reason"]'))
    assert.equal(await reason.getAttribute('value'), '试点评审延期，部分区市申报材料未齐')
    const community = await (await row(app, '社区数量')).findElement(By.css('input[data-test="actual-value"], [data-test="actual-value"] input'))
    assert.equal(await community.getAttribute('value'), '80')
    assert.equal(await statusOf(app, '奖补工作完成时间'), '达标')
    assert.notEqual(await statusOf(app, '社区达标类别'), '未填报')
    assert.equal(await total(app), saved.total)
    assert.equal((await (await byTest(app, 'entry-grade')).getText()).trim(), saved.grade)
    await shot(app, 'entry-reopened')
  })
})
