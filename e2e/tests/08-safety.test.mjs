import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { startApp, shot, byTest, choose, goTo, row, sleep, waitForText, bodyText, until, By, Key } from '../harness.mjs'

// Never lose work, never run what is typed (issue 12): text shown as text, a
// value that looks like a typo questioned before it is saved, 报送 locking a
// quarter, and a backup made and restored. Starts on the sample bureau (loaded
// here when this file runs alone); leaves the data as it found it.
const XSS = '<img src=x onerror=alert(1)>'
const PROJECT = '新型数据中心建设奖补资金'
const ENTRY_PROJECT = '新型智慧城市建设相关奖补资金'

/** No markup typed by the officer became an element, and no alert opened. */
async function noInjection(app) {
  const imgs = await app.findElements(By.css('img[src="x"]'))
  assert.equal(imgs.length, 0, 'the typed <img> became an element')
  const alertOpen = await app
    .switchTo()
    .alert()
    .then(() => true)
    .catch(() => false)
  assert.equal(alertOpen, false, 'an alert opened')
}

/** Waits for a message box that says `expected[0]` (an earlier one may still be fading), checks the rest. */
async function messageBox(app, expected) {
  const box = await app.wait(async () => {
    for (const b of await app.findElements(By.css('.el-message-box'))) {
      if ((await b.isDisplayed()) && (await b.getText()).includes(expected[0])) return b
    }
    return false
  }, 10000, `a message box saying “${expected[0]}” did not appear`)
  const text = await box.getText()
  for (const e of expected) assert.ok(text.includes(e), `the box says “${e}”: ${text}`)
  return box
}

async function press(box, label) {
  const b = await box.findElement(By.xpath(`.//button[contains(., '${label}')]`))
  await b.click()
}

async function boxGone(app) {
  await app.wait(async () => {
    const boxes = await app.findElements(By.css('.el-message-box'))
    for (const b of boxes) if (await b.isDisplayed()) return false
    return true
  }, 10000)
}

/** Waits until the project list shows projects (the years are read by then). */
async function listShown(app) {
  // a reload may be under way: a question asked while the page unloads is asked again
  await app.wait(async () => {
    try {
      if ((await app.findElements(By.css('[data-test="project-list"] .el-table__body tr'))).length > 0) return true
      // a database with projects opens on 总览: the list is a click away
      const menu = await app.findElements(By.css('[data-test="menu-projects"]'))
      if (menu.length && (await app.findElements(By.css('[data-test="overview"]'))).length) await menu[0].click()
      return false
    } catch {
      return false
    }
  }, 30000, 'the project list did not show projects')
  await sleep(500)
}

/** Waits for a backup of the reason `why` in the list. */
async function listed(app, why) {
  await app.wait(until.elementLocated(By.xpath(`//*[@data-test='backup-list']//tr[contains(., '${why}')]`)), 15000)
}

async function valueInput(app, level3) {
  return (await row(app, level3)).findElement(By.css('input[data-test="actual-value"], [data-test="actual-value"] input'))
}

async function typeValue(app, level3, text) {
  const input = await valueInput(app, level3)
  await input.click()
  const old = (await input.getAttribute('value')) ?? ''
  await input.sendKeys(Key.END, ...Array(old.length).fill(Key.BACK_SPACE), text, Key.TAB)
  return input
}

async function statusOf(app, level3) {
  return (await (await row(app, level3)).findElement(By.css('[data-test="status"]')).getText()).trim()
}

async function openEntry(app) {
  await goTo(app, { year: 2023, quarter: 3, menu: 'entry' })
  await choose(app, await byTest(app, 'entry-project'), ENTRY_PROJECT)
  await row(app, '社区数量')
  await sleep(300)
}

describe('不丢数据、不执行输入的内容', function () {
  let app
  // 社区数量 of 2023Q3 as the earlier files left it (empty when this file runs alone)
  let original = ''
  let originalStatus = ''
  before(async function () {
    app = await startApp()
    // the welcome screen (an empty database: this file runs alone) or the list
    await app.wait(until.elementLocated(By.css('[data-test="load-demo"], [data-test="overview"], [data-test="project-list"]')), 30000)
    const demo = await app.findElements(By.css('[data-test="load-demo"]'))
    if (demo.length) {
      await demo[0].click()
      await byTest(app, 'overview')
    }
    await listShown(app)
    await goTo(app, { year: 2023 })
    await waitForText(app, '大数据发展专项业务费', 30000)
  })
  after(async function () {
    if (app) await app.quit()
  })

  it('a project named like markup is shown literally, never run', async function () {
    await goTo(app, { year: 2023, menu: 'projects' })
    await waitForText(app, PROJECT)
    await (await app.findElement(By.xpath(`//span[contains(@class,'name') and contains(., '${PROJECT}')]`))).click()
    await byTest(app, 'project-detail')
    await (await byTest(app, 'edit-project')).click()
    const name = await app.wait(until.elementLocated(By.css('input[data-test="pe-name"], [data-test="pe-name"] input')), 15000)
    await name.click()
    await name.sendKeys(Key.chord(Key.CONTROL, 'a'))
    await name.sendKeys(XSS)
    await (await byTest(app, 'pe-save')).click()
    await waitForText(app, '项目信息已保存')
    await goTo(app, { menu: 'projects' })
    await waitForText(app, XSS)
    await noInjection(app)
    await sleep(800)
    await shot(app, 'safety-markup-name')
    // and back, for the files after this one
    await (await app.findElement(By.xpath(`//span[contains(@class,'name') and contains(., 'onerror')]`))).click()
    await byTest(app, 'project-detail')
    assert.equal(await (await byTest(app, 'project-name')).getText(), XSS)
    await noInjection(app)
    await (await byTest(app, 'edit-project')).click()
    const again = await app.wait(until.elementLocated(By.css('input[data-test="pe-name"], [data-test="pe-name"] input')), 15000)
    await again.click()
    await again.sendKeys(Key.chord(Key.CONTROL, 'a'))
    await again.sendKeys(PROJECT)
    await (await byTest(app, 'pe-save')).click()
    await waitForText(app, '项目信息已保存')
  })

  it('an oversized actual gets a Chinese message; an absurd one asks before saving', async function () {
    await openEntry(app)
    const before = await statusOf(app, '社区数量')
    original = (await (await valueInput(app, '社区数量')).getAttribute('value')) ?? ''
    originalStatus = before
    await typeValue(app, '社区数量', '1亿亿亿亿')
    const err = await app.wait(until.elementLocated(By.css('[data-test="entry-grid"] tr[data-indicator="社区数量"] [data-test="cell-error"]')), 10000)
    assert.match(await err.getText(), /数值过大|过大|超出/, 'a Chinese message about the size')
    assert.equal(await statusOf(app, '社区数量'), before, 'nothing was saved')
    await shot(app, 'safety-too-large')
    // more than 100 × the target (≥100个): questioned; 取消 keeps it unsaved
    await typeValue(app, '社区数量', '100000')
    let box = await messageBox(app, ['请确认数值', '可能填写有误'])
    assert.ok((await box.findElements(By.css('[data-test="doubt"]'))).length >= 1, 'each doubt is listed')
    await sleep(500)
    await shot(app, 'safety-doubt-dialog')
    await press(box, '取消')
    await boxGone(app)
    const input = await valueInput(app, '社区数量')
    assert.equal(await input.getAttribute('value'), '100000', 'what was typed stays')
    assert.equal(await statusOf(app, '社区数量'), before, 'and is not saved')
    // 确定 saves it
    await input.click()
    await input.sendKeys(Key.TAB)
    box = await messageBox(app, ['请确认数值'])
    await press(box, '确定')
    await boxGone(app)
    await app.wait(async () => (await statusOf(app, '社区数量')) !== before, 10000)
    // 历史 lists the change, old → new
    await (await (await row(app, '社区数量')).findElement(By.css('[data-test="history-button"]'))).click()
    const dialog = await byTest(app, 'history-dialog')
    await app.wait(async () => (await dialog.getText()).includes('100000'), 10000)
    await sleep(500)
    await shot(app, 'safety-history')
    await (await dialog.findElement(By.css('.el-dialog__headerbtn'))).click()
    // back as it was
    await typeValue(app, '社区数量', original)
    await app.wait(async () => (await statusOf(app, '社区数量')) === before, 10000)
  })

  it('报送 locks the quarter; 解锁 needs a reason', async function () {
    await (await byTest(app, 'submit-quarter')).click()
    let box = await messageBox(app, ['锁定'])
    await press(box, '报送')
    await byTest(app, 'submitted-tag')
    await app.wait(async () => !(await (await valueInput(app, '社区数量')).isEnabled()), 10000)
    await shot(app, 'safety-submitted')
    await (await byTest(app, 'unlock')).click()
    box = await messageBox(app, ['解锁原因'])
    const reason = await box.findElement(By.css('input'))
    // markup in the reason too: it is shown as typed
    await reason.sendKeys(`发现社区数量填错，需更正${XSS}`)
    await press(box, '解锁')
    await app.wait(async () => (await (await valueInput(app, '社区数量')).isEnabled()), 10000)
    await waitForText(app, `发现社区数量填错，需更正${XSS}`)
    await noInjection(app)
    // the project's 修改记录 in 项目详情: 报送, 解除报送 with its reason
    await goTo(app, { menu: 'projects' })
    await (await app.wait(until.elementLocated(By.xpath(`//span[contains(@class,'name') and contains(., '${ENTRY_PROJECT}')]`)), 15000)).click()
    await byTest(app, 'project-detail')
    await (await byTest(app, 'show-history')).click()
    const history = await byTest(app, 'project-history')
    await app.wait(async () => {
      const t = await history.getText()
      return t.includes('解除报送') && t.includes('发现社区数量填错')
    }, 10000)
    await noInjection(app)
    await app.executeScript('arguments[0].scrollIntoView()', history)
    await sleep(300)
    await shot(app, 'safety-project-history')
  })

  it('a backup is made and restored, the current data backed up first', async function () {
    await goTo(app, { menu: 'backups' })
    await byTest(app, 'backup-list')
    const rowsBefore = (await app.findElements(By.css('[data-test="backup-list"] .el-table__body tr'))).length
    await (await byTest(app, 'backup-now')).click()
    await app.wait(async () => (await app.findElements(By.css('[data-test="backup-list"] .el-table__body tr'))).length > rowsBefore, 15000)
    await listed(app, '手动备份')
    await sleep(500)
    await shot(app, 'safety-backups')
    // a change after the backup, which the restore undoes
    await openEntry(app)
    await typeValue(app, '社区数量', '77')
    await app.wait(async () => (await (await row(app, '社区数量')).getText()).includes('已保存'), 10000)
    await goTo(app, { menu: 'backups' })
    const manual = await app.wait(
      until.elementLocated(By.xpath(`//*[@data-test='backup-list']//tr[contains(., '手动备份')]//button[contains(., '从备份恢复')]`)),
      10000,
    )
    await manual.click()
    let box = await messageBox(app, ['先自动备份当前数据'])
    await press(box, '恢复')
    box = await messageBox(app, ['已从备份恢复', '恢复前的数据已备份为'])
    await sleep(500)
    await shot(app, 'safety-restored')
    // the window reloads at once: the click's answer may be lost with the page
    await press(box, '好').catch((e) => {
      if (e.name !== 'NoSuchFrameError') throw e
    })
    // the window reloads on the restored data (its list, once the years are read)
    await listShown(app)
    await openEntry(app)
    assert.equal(await (await valueInput(app, '社区数量')).getAttribute('value'), original, 'the data of the backup is back')
    assert.equal(await statusOf(app, '社区数量'), originalStatus)
    await goTo(app, { menu: 'backups' })
    await listed(app, '恢复前自动备份')
  })

  it('a damaged database at start offers the newest good backup, and keeps the damaged file', async function () {
    // a backup of the data as it is now: the newest good one
    const rows = async () => (await app.findElements(By.css('[data-test="backup-list"] .el-table__body tr'))).length
    const before = await rows()
    await (await byTest(app, 'backup-now')).click()
    await app.wait(async () => (await rows()) > before, 15000)
    await app.quit()
    app = null
    // half the file is lost (a disk fault, a copy cut short)
    const db = process.env.JIXIAO_DB
    const bytes = fs.readFileSync(db)
    fs.writeFileSync(db, bytes.subarray(0, Math.floor(bytes.length / 2)))
    for (const side of ['-wal', '-shm']) fs.rmSync(db + side, { force: true })
    const damaged = fs.readFileSync(db)

    app = await startApp()
    const dialog = await byTest(app, 'start-problem')
    await app.wait(until.elementIsVisible(dialog), 10000)
    const text = await dialog.getText()
    assert.ok(text.includes('已损坏') && text.includes('从最近的备份恢复') && text.includes('退出'), text)
    await sleep(500)
    await shot(app, 'safety-damaged-start')
    await (await byTest(app, 'restore-newest')).click()
    const box = await messageBox(app, ['已从备份恢复', '原来的数据库文件已原样移到'])
    // the window reloads at once: the click's answer may be lost with the page
    await press(box, '好').catch((e) => {
      if (e.name !== 'NoSuchFrameError') throw e
    })
    await listShown(app)
    await goTo(app, { year: 2023, menu: 'projects' })
    await waitForText(app, '大数据发展专项业务费')
    const aside = fs.readdirSync(path.dirname(db)).filter((f) => f.startsWith(path.basename(db) + '.damaged-') && !/-(wal|shm)$/.test(f))
    assert.equal(aside.length, 1, `the damaged file is kept beside: ${aside}`)
    assert.ok(fs.readFileSync(path.join(path.dirname(db), aside[0])).equals(damaged), 'and not written to')
  })
})
