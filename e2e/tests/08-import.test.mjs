import assert from 'node:assert/strict'
import path from 'node:path'
import { execFileSync } from 'node:child_process'
import { startApp, shot, byTest, goTo, waitForText, choose, invokeIn, chooseInFileDialog, root, sleep, By, Key } from '../harness.mjs'

// 导入 of a budget PDF through the preview. The file dialog is native (GTK) and
// can't be driven over WebDriver: the test types the fixture's path into its
// location bar with xdotool, as an officer could; everything after that
// (reading, the preview, editing, confirming) is the app's own. The PDF (e2e/fixtures/guessed-level2.pdf, written by `cargo test -p
// jixiao --lib write_the_e2e_pdf -- --ignored`) is the sample bureau's
// 新型数据中心建设奖补资金 table with the level-2 cell of its 成本指标 row blank.
const PDF = path.join(root, 'e2e/fixtures/guessed-level2.pdf')
const PROJECT = '新型数据中心建设奖补资金'
const ROW = '受奖补数据中心每个机架奖补金额'

describe('导入 PDF', function () {
  let app
  before(async function () {
    app = await startApp()
  })
  after(async function () {
    if (app) await app.quit()
  })

  const invoke = (cmd, args) => invokeIn(app, cmd, args)

  function row() {
    return app.findElement(By.css(`[data-test="import-preview"] tr[data-indicator="${ROW}"]`))
  }
  async function level2Cell() {
    return (await row()).findElement(By.xpath('./td[2]'))
  }

  let before2023 = []
  let wasEmpty = true

  it('reads a PDF into a preview, writing nothing, with the guessed level-2 highlighted', async function () {
    before2023 = (await invoke('projects', { year: 2023, unit: null })).map((p) => p.code)
    wasEmpty = await invoke('is_empty', {})
    await (await byTest(app, 'menu-exchange')).click()
    await byTest(app, 'exchange')
    await (await byTest(app, 'import')).click()
    await chooseInFileDialog(PDF)
    await byTest(app, 'import-preview', 30000)

    const preview = await byTest(app, 'import-preview')
    const text = await preview.getText()
    assert.ok(text.includes(PROJECT), 'the project read from the PDF')
    const code = await app.findElement(By.css('input[data-test="import-code"], [data-test="import-code"] input'))
    assert.equal(await code.getAttribute('value'), '37020023P130006100019')
    assert.ok(text.includes('确认后') && text.includes('什么都不写入'), 'confirming says it is all or nothing')
    const conclusion = await (await byTest(app, 'import-conclusion')).getText()
    assert.match(conclusion, /审核建议：[优良中差]/, `the review’s conclusion of what is about to be imported: ${JSON.stringify(conclusion)}`)
    // the blank level-2 of the 成本指标 row was guessed, and says so
    const cell = await level2Cell()
    assert.match(await cell.getAttribute('class'), /\bdoubt\b/, 'the guessed level-2 is highlighted')
    assert.ok((await (await row()).getText()).includes('推测'), 'the row says the level-2 is a guess')
    assert.equal((await cell.getText()).trim(), '经济成本指标')
    // the other rows' level-2 cells were read, not guessed
    const doubts = await app.findElements(By.css('[data-test="import-preview"] td.doubt'))
    assert.equal(doubts.length, 1, 'only the blank cell is doubtful')
    // each target as written and as understood
    const other = await app.findElement(By.css('[data-test="import-preview"] tr[data-indicator="受奖补数据中心数量"]'))
    assert.equal(await (await other.findElement(By.css('input[data-test="import-target"], [data-test="import-target"] input'))).getAttribute('value'), '≥3个')
    assert.equal(await (await other.findElement(By.css('[data-test="import-understood"]'))).getText(), '≥ 3 个')
    // nothing written yet
    assert.deepEqual((await invoke('projects', { year: 2023, unit: null })).map((p) => p.code), before2023)
    await shot(app, 'import-preview')
  })

  it('changes the guessed level-2 in place, confirms, and finds the project with the change', async function () {
    await choose(app, await (await level2Cell()).findElement(By.css('.el-select')), '社会成本指标')
    // checked again: the officer's choice is no longer a guess
    await app.wait(async () => !/\bdoubt\b/.test(await (await level2Cell()).getAttribute('class')), 15000, 'the highlight goes')
    assert.equal((await (await level2Cell()).getText()).trim(), '社会成本指标')
    // the plan's blank 3月底 checkpoint is doubtful and filled in place
    const march = async () => (await app.findElement(By.css('[data-test="import-preview"] input[data-test="import-plan-3"], [data-test="import-preview"] [data-test="import-plan-3"] input')))
    const checkpoint = async () => (await march()).findElement(By.xpath('ancestor::span[contains(@class,"checkpoint")]'))
    assert.match(await (await checkpoint()).getAttribute('class'), /\bdoubt\b/, 'the blank 3月底 is highlighted')
    assert.equal(await (await march()).getAttribute('value'), '')
    // the text and the Tab sent apart: in one burst WebKit's driver can lose the text
    const input = await march()
    await input.click()
    await input.sendKeys('200')
    await app.wait(async () => (await input.getAttribute('value')) === '200', 5000, 'typed')
    await input.sendKeys(Key.TAB)
    await app.wait(async () => !/\bdoubt\b/.test(await (await checkpoint()).getAttribute('class')), 15000, 'the 3月底 highlight goes')
    assert.equal(await (await march()).getAttribute('value'), '200')
    await shot(app, 'import-preview-edited')

    await (await byTest(app, 'import-confirm')).click()
    const result = await byTest(app, 'exchange-result')
    await app.wait(async () => (await result.getText()).includes('导入完成'), 30000, 'the import finishes')
    const said = await result.getText()
    assert.ok(said.includes('1 个项目'), said)
    assert.ok(wasEmpty ? said.includes('无需备份') : said.includes('已自动备份数据库到'), `the backup is named: ${said}`)
    await shot(app, 'import-done')

    await goTo(app, { year: 2023, menu: 'projects' })
    await byTest(app, 'project-list')
    await waitForText(app, PROJECT)
    const name = await app.findElement(By.xpath(`//span[contains(@class,'name') and normalize-space(.)='${PROJECT}']`))
    await name.click()
    const table = await byTest(app, 'indicator-table')
    await app.wait(async () => (await table.getText()).includes(ROW), 15000, 'the imported indicators')
    const text = await table.getText()
    assert.ok(text.includes('社会成本指标'), 'the level-2 chosen in the preview')
    assert.ok(!text.includes('经济成本指标'), 'not the guess')
    await shot(app, 'import-project')
  })

  it('reads prose whose unit it does not say: the unit is asked in the preview, and 取消 writes nothing', async function () {
    const before = await invoke('projects', { year: 2025, unit: null })
    // no unit chosen in the window: the import has none to fall back on
    await choose(app, await byTest(app, 'unit-select'), '全部单位')
    await (await byTest(app, 'menu-exchange')).click()
    await (await byTest(app, 'import')).click()
    await chooseInFileDialog(path.join(root, 'fixtures/industry-2025-narrative.txt'))
    const preview = await byTest(app, 'import-preview', 30000)
    await app.wait(async () => (await preview.getText()).includes('2025年'), 15000, 'the year the text states')
    const error = await byTest(app, 'import-error')
    assert.ok((await error.getText()).includes('未指明项目所属单位'), await error.getText())
    assert.equal(await (await byTest(app, 'import-confirm')).isEnabled(), false, 'nothing to confirm while a check fails')
    // prose names no level-2: every one is a guess, highlighted
    const guessed = await app.findElements(By.css('[data-test="import-preview"] td.doubt'))
    assert.ok(guessed.length >= 3, `guessed levels are highlighted (${guessed.length})`)
    await shot(app, 'import-prose-unit-asked')
    await choose(app, await byTest(app, 'import-project-unit'), '青岛市大数据发展管理局本级(系统)（505000）')
    await app.wait(async () => (await app.findElements(By.css('[data-test="import-error"]'))).length === 0, 15000, 'the unit chosen, the file passes')
    assert.equal(await (await byTest(app, 'import-confirm')).isEnabled(), true)
    assert.doesNotMatch(await (await byTest(app, 'import-project-unit')).getAttribute('class'), /\bdoubt\b/, 'a chosen unit is not doubtful')
    // the review beside the row follows the officer's edit: a basis filled in, its finding goes
    const first = () => app.findElement(By.css('[data-test="import-preview"] tr[data-indicator="设备投资奖补比例"]'))
    assert.ok((await (await first()).getText()).includes('未填写指标值确定依据'), 'the review’s finding beside the row')
    await choose(app, await (await first()).findElement(By.css('[data-test="import-basis"]')), '计划标准')
    await app.wait(async () => !(await (await first()).getText()).includes('未填写指标值确定依据'), 15000, 'the finding goes')
    await shot(app, 'import-prose-ready')
    await (await byTest(app, 'import-cancel')).click()
    await app.wait(async () => (await app.findElements(By.css('[data-test="import-preview"]'))).length === 0, 5000)
    assert.deepEqual(await invoke('projects', { year: 2025, unit: null }), before, '取消 writes nothing')
  })
})
