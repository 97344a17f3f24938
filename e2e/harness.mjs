// The end-to-end harness: one Xvfb display, one tauri-driver, one temporary
// database for the whole run (the tests are one officer's story, in order).
// The app is the real release binary that `make app` built; nothing is built here.
import { spawn, execFileSync } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Builder, By, Key, WebDriver, WebElement, error, until } from 'selenium-webdriver'

const here = path.dirname(fileURLToPath(import.meta.url))

// A click that lands on a fading toast or a loading mask is tried again for a
// few seconds, as a person would wait for it to go; on a slow machine (CI) these
// overlays last longer. Any other failure, or one that lasts, still fails.
const plainClick = WebElement.prototype.click
WebElement.prototype.click = async function () {
  const deadline = Date.now() + 5000
  for (;;) {
    try {
      return await plainClick.call(this)
    } catch (e) {
      if (!(e instanceof error.ElementClickInterceptedError) || Date.now() > deadline) throw e
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  }
}
// A waited-for condition that reads an element Vue has just re-rendered (a
// stale element) has simply not been met yet: it is asked again, as for any
// other false answer, until the wait's own time is up.
const plainWait = WebDriver.prototype.wait
WebDriver.prototype.wait = function (condition, ...rest) {
  if (typeof condition === 'function') {
    const ask = condition
    condition = async (driver) => {
      try {
        return await ask(driver)
      } catch (e) {
        if (e instanceof error.StaleElementReferenceError) return false
        throw e
      }
    }
  }
  return plainWait.call(this, condition, ...rest)
}
export const root = path.resolve(here, '..')
export const appBinary = process.env.JIXIAO_APP ?? path.join(root, 'target/release/jixiao-app')
export const shotDir = path.join(root, 'target/e2e-shots')
// tauri-driver's port and its WebKitWebDriver's: free ones unless given, so
// that two runs on one machine (two checkouts) never talk to each other's app.
let port = process.env.E2E_DRIVER_PORT ? Number(process.env.E2E_DRIVER_PORT) : null
let nativePort = null
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port: p } = srv.address()
      srv.close(() => resolve(p))
    })
  })
}

const children = []
let display = process.env.E2E_DISPLAY ?? null
export let work = null // the temporary directory of this run

function findTauriDriver() {
  const inHome = path.join(os.homedir(), '.cargo/bin/tauri-driver')
  if (fs.existsSync(inHome)) return inHome
  return 'tauri-driver'
}

function waitForPort(p, timeoutMs) {
  const deadline = Date.now() + timeoutMs
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const s = net.connect(p, '127.0.0.1')
      s.once('connect', () => {
        s.end()
        resolve()
      })
      s.once('error', () => {
        s.destroy()
        if (Date.now() > deadline) reject(new Error(`nothing listens on port ${p}`))
        else setTimeout(attempt, 200)
      })
    }
    attempt()
  })
}

function freeDisplay() {
  for (let n = 99; n < 199; n++) {
    if (!fs.existsSync(`/tmp/.X${n}-lock`) && !fs.existsSync(`/tmp/.X11-unix/X${n}`)) return `:${n}`
  }
  throw new Error('no free X display')
}

export async function mochaGlobalSetup() {
  if (!fs.existsSync(appBinary)) {
    throw new Error(`${appBinary} does not exist: run \`make app\` first`)
  }
  fs.mkdirSync(shotDir, { recursive: true })
  for (const f of fs.readdirSync(shotDir)) fs.rmSync(path.join(shotDir, f), { force: true })
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-e2e-'))
  process.env.JIXIAO_DB = path.join(work, 'jixiao.sqlite3')
  // Keep the window-state file and WebKit's data out of the user's home.
  process.env.XDG_CONFIG_HOME = path.join(work, 'config')
  process.env.XDG_DATA_HOME = path.join(work, 'data')
  process.env.XDG_CACHE_HOME = path.join(work, 'cache')
  process.env.LANG = 'zh_CN.UTF-8'

  if (!display) {
    display = freeDisplay()
    const xvfb = spawn('Xvfb', [display, '-screen', '0', '1366x768x24', '-nolisten', 'tcp'], { stdio: 'ignore' })
    children.push(xvfb)
    const n = display.slice(1)
    for (let i = 0; i < 50 && !fs.existsSync(`/tmp/.X11-unix/X${n}`); i++) await new Promise((r) => setTimeout(r, 100))
  }
  process.env.DISPLAY = display

  const log = fs.openSync(path.join(work, 'tauri-driver.log'), 'a')
  // The app starts in `work`: what it writes to its working directory (the
  // print dialog's 打印到文件) stays in the run's temporary directory.
  port ??= await freePort()
  nativePort = await freePort()
  const driver = spawn(findTauriDriver(), ['--port', String(port), '--native-port', String(nativePort)], {
    cwd: work,
    stdio: ['ignore', log, log],
  })
  children.push(driver)
  driverPid = driver.pid
  await waitForPort(port, 20000)
  // tauri-driver starts WebKitWebDriver at once; a session asked for before it
  // listens is dropped (ECONNRESET on a busy machine): wait for it too
  await waitForPort(nativePort, 20000)
}

export async function mochaGlobalTeardown() {
  for (const c of children.reverse()) {
    try {
      c.kill('SIGTERM')
    } catch {
      /* already gone */
    }
  }
  // tauri-driver does not end the WebKitWebDriver it started
  if (nativePort) {
    try {
      execFileSync('pkill', ['-f', `WebKitWebDriver --port=${nativePort} `])
    } catch {
      /* none left */
    }
  }
  if (work && !process.env.E2E_KEEP) fs.rmSync(work, { recursive: true, force: true })
  else if (work) console.log(`e2e: kept ${work}`)
}

let current = null
let driverPid = null

/**
 * The processes this run's tauri-driver started, and theirs (the app, its
 * WebKit web and network processes, WebKitWebDriver), read from /proc:
 * `{ pid, ppid, name, state, rssKb, peakKb }` (State's letter, VmRSS and VmHWM).
 */
export function appProcesses() {
  const all = new Map()
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue
    try {
      const status = fs.readFileSync(`/proc/${d}/status`, 'utf8')
      const field = (k) => status.match(new RegExp(`^${k}:\\s*(\\S+)`, 'm'))?.[1]
      all.set(Number(d), { pid: Number(d), ppid: Number(field('PPid')), name: field('Name'), state: field('State'), rssKb: Number(field('VmRSS') ?? 0), peakKb: Number(field('VmHWM') ?? 0) })
    } catch {
      /* gone meanwhile */
    }
  }
  const mine = []
  const seen = new Set([driverPid])
  let grew = true
  while (grew) {
    grew = false
    for (const p of all.values()) {
      if (!seen.has(p.pid) && seen.has(p.ppid)) {
        seen.add(p.pid)
        mine.push(p)
        grew = true
      }
    }
  }
  return mine
}

/** On a failure, what the screen showed is kept beside the other screenshots. */
export const mochaHooks = {
  async afterEach() {
    if (this.currentTest?.state === 'failed' && current) {
      try {
        await shot(current, 'FAILED-' + this.currentTest.title.replace(/[^\w\u4e00-\u9fff]+/g, '-').slice(0, 60))
      } catch {
        /* the session may be gone */
      }
    }
  },
}

/**
 * Starts the app (a new WebDriver session) and waits until the UI has rendered.
 * With `db`, on that database file (`jixiao-app --db FILE`) instead of the run's one.
 */
export async function startApp({ db } = {}) {
  // An app of this run still exiting (a quit session, a window closed: slow on a
  // busy machine) would take the new start as a second instance and end it (the
  // single-instance plugin), leaving WebDriver waiting: wait until it is gone.
  const appName = path.basename(appBinary).slice(0, 15) // /proc's Name is cut at 15
  for (const deadline = Date.now() + 30000; Date.now() < deadline; ) {
    if (!appProcesses().some((p) => p.name === appName && p.state !== 'Z')) break
    await new Promise((r) => setTimeout(r, 200))
  }
  const options = { application: appBinary, args: db ? ['--db', db] : [] }
  const driver = await new Builder()
    .usingServer(`http://127.0.0.1:${port}/`)
    .withCapabilities({ browserName: 'wry', 'tauri:options': options })
    .build()
  current = driver
  await driver.wait(until.elementLocated(By.css('[data-test="menu"]')), 30000)
  return driver
}

let shotNo = 0
/** Starts the page painting at every frame until `window.__e2ePaint.stop()` (see `shot`). */
const PAINT_WHILE_SHOT = `if (!window.__e2ePaint) {
  const mark = document.createElement('div')
  mark.style.cssText = 'position:fixed;left:0;top:0;width:1px;height:1px;pointer-events:none;z-index:2147483647'
  let on = true
  let n = 0
  const step = () => {
    if (!on) return mark.remove()
    mark.style.background = n++ % 2 ? 'rgba(255,255,255,0.02)' : 'rgba(255,255,255,0.03)'
    requestAnimationFrame(step)
  }
  document.body.appendChild(mark)
  window.__e2ePaint = { stop() { on = false; window.__e2ePaint = null } }
  requestAnimationFrame(step)
}`

/** Saves what the app shows (the webview) and the whole screen, for a person to look at. */
export async function shot(driver, name) {
  shotNo++
  const base = `${String(shotNo).padStart(2, '0')}-${name}`
  // WebKitGTK without compositing (as the app runs on Linux) takes the shot at the
  // page's next paint, and an idle page does not paint: a 1-pixel mark in the
  // top left corner changes at every frame while the shot is taken (without it,
  // 08-scale's shots waited in 4 runs of 6, and one of 01-start's did not come in
  // 30 s of the pointer moved over the page).
  await driver.executeScript(PAINT_WHILE_SHOT)
  let png
  try {
    png = await Promise.race([
      driver.takeScreenshot(),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`the screenshot ${name} was not taken in 60 s`)), 60000).unref()),
    ])
  } finally {
    await driver.executeScript('window.__e2ePaint?.stop()').catch(() => {})
  }
  fs.writeFileSync(path.join(shotDir, `${base}.png`), png, 'base64')
  try {
    execFileSync('import', ['-display', display, '-window', 'root', path.join(shotDir, `${base}-screen.png`)])
  } catch {
    /* the webview shot is the one that matters */
  }
}

/**
 * Clicks what `locate()` finds until `done()` is true: on a loaded machine a click
 * can be lost or land on an element being replaced. Up to `tries` clicks, `wait`
 * ms for the effect after each (none when it is already there); an element gone
 * counts as clicked (its effect may be on its way).
 */
export async function clickUntil(driver, locate, done, what, { tries = 3, wait = 5000 } = {}) {
  for (let attempt = 1; ; attempt++) {
    if (await done(driver).catch(() => false)) return true
    try {
      await (await locate()).click()
    } catch (e) {
      if (!(e instanceof error.StaleElementReferenceError) && !(e instanceof error.NoSuchElementError)) throw e
    }
    try {
      return await driver.wait(done, wait, what)
    } catch (e) {
      if (!(e instanceof error.TimeoutError) || attempt >= tries) throw e
    }
  }
}

/** The element with `data-test=NAME`, once it is there. */
export async function byTest(driver, name, timeout = 15000) {
  return driver.wait(until.elementLocated(By.css(`[data-test="${name}"]`)), timeout)
}

/** Waits until the page's text contains `text`. */
export async function waitForText(driver, text, timeout = 15000) {
  await driver.wait(async () => (await driver.findElement(By.css('body')).getText()).includes(text), timeout, `"${text}" did not appear`)
}

export async function bodyText(driver) {
  return driver.findElement(By.css('body')).getText()
}

export { By, until, Key }

/**
 * The select option on screen whose text contains `text` (with `exact`, whose
 * whole text is `text`), else null. Other selects' lists stay in the page,
 * hidden: only an option on screen counts.
 */
export async function shownSelectOption(driver, text, { exact = false } = {}) {
  const match = exact ? `normalize-space()='${text}'` : `contains(., '${text}')`
  for (const li of await driver.findElements(By.xpath(`//li[contains(@class,'el-select-dropdown__item')][${match}]`))) {
    try {
      if (await li.isDisplayed()) return li
    } catch (e) {
      if (!(e instanceof error.StaleElementReferenceError)) throw e
    }
  }
  return null
}

/**
 * Picks the option whose text contains `text` in an Element Plus select (with
 * `exact`, the option whose whole text is `text`: a unit named like the start of another).
 */
export async function choose(driver, select, text, { exact = false } = {}) {
  const shownOption = () => shownSelectOption(driver, text, { exact })
  const stale = (e) => e instanceof error.StaleElementReferenceError
  /** Whether the option's list has closed (the list gone counts). */
  const closed = (option) => async () => {
    try {
      return !(await option.isDisplayed())
    } catch (e) {
      if (stale(e)) return true
      throw e
    }
  }
  /** Whether the option is the select's choice now (a list gone with it: yes, as far as can be seen). */
  const chosen = async (option) => {
    try {
      return /\bis-selected\b/.test(await option.getAttribute('class'))
    } catch (e) {
      if (stale(e)) return true
      throw e
    }
  }
  /** The option once it stands still: a list still opening (or scrolling to its choice) moves under the pointer. */
  const settled = async (option) => {
    let last = null
    for (let i = 0; i < 20; i++) {
      const r = await option.getRect()
      if (last && r.x === last.x && r.y === last.y) return
      last = r
      await sleep(100)
    }
  }
  // On a busy machine a click can be lost (the list does not open, or stays open
  // on the old choice) or land on the wrong item (the list still moving): each is
  // seen and done again, as a person would; the choice counts once the list has
  // closed with this option selected.
  for (let round = 1; ; round++) {
    let option
    for (let attempt = 1; ; attempt++) {
      await select.click()
      try {
        option = await driver.wait(shownOption, 10000)
        break
      } catch (e) {
        if (!(e instanceof error.TimeoutError) || attempt >= 3) throw e
      }
    }
    let shut = false
    for (let attempt = 1; attempt <= 3 && !shut; attempt++) {
      try {
        await settled(option)
        await option.click()
      } catch (e) {
        if (!stale(e)) throw e
      }
      try {
        await driver.wait(closed(option), 3000)
        shut = true
      } catch (e) {
        if (!(e instanceof error.TimeoutError)) throw e
      }
    }
    if (!shut) throw new Error(`the choice “${text}” was clicked 3 times and its list stayed open`)
    if (await chosen(option)) return
    if (round >= 3) throw new Error(`the choice “${text}” was clicked and another item was chosen, ${round} times`)
  }
}

/**
 * Clicks the app window's close button, as the officer does: the window gets
 * WM_DELETE_WINDOW (what a window manager sends; Xvfb has none, and WebDriver's
 * "close window" ends the browser its own way, without the app's exit).
 */
export async function clickClose(title = /^绩效目标管理/) {
  const tool = path.join(work, 'wm-close')
  if (!fs.existsSync(tool)) execFileSync('cc', ['-O', '-o', tool, path.join(here, 'tools/wm-close.c'), '-lX11'])
  const id = await x11Window(title, 10000)
  execFileSync(tool, [id], { env: { ...process.env, DISPLAY: display } })
}

/** Invokes a command of the app as the UI does (to look, not to act), in `driver`'s window. */
export async function invokeIn(driver, cmd, args) {
  const r = await driver.executeAsyncScript(
    `const done = arguments[arguments.length - 1];
     window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1]).then((v) => done({ ok: v }), (e) => done({ err: e }))`,
    cmd,
    args,
  )
  if (r.err) throw new Error(`${cmd}: ${JSON.stringify(r.err)}`)
  return r.ok
}

/** Chooses year, quarter and menu entry the way an officer does. */
export async function goTo(driver, { year, quarter, menu }) {
  if (year) await choose(driver, await byTest(driver, 'year-select'), `${year}年`)
  if (quarter) {
    const names = ['一季度', '二季度', '三季度', '四季度']
    const b = await driver.findElement(By.xpath(`//*[@data-test='quarter-select']//label[contains(., '${names[quarter - 1]}')]`))
    await b.click()
  }
  if (menu) await (await byTest(driver, `menu-${menu}`)).click()
}

/** The entry grid's row of the indicator named `level3`. */
export async function row(driver, level3) {
  return driver.wait(until.elementLocated(By.css(`[data-test="entry-grid"] tr[data-indicator="${level3}"]`)), 15000)
}

/**
 * The id of the top-level X window whose name matches `name` (a native window
 * such as the print dialog, which WebDriver cannot see), once it is there; with
 * `gone`, waits until no such window is left.
 */
export async function x11Window(name, timeout, { gone = false } = {}) {
  const deadline = Date.now() + timeout
  for (;;) {
    const tree = execFileSync('xwininfo', ['-display', display, '-root', '-children'], {
      encoding: 'utf8',
      env: { ...process.env, LANG: 'C.UTF-8' },
    })
    const ids = tree
      .split('\n')
      .map((l) => l.match(/^\s*(0x[0-9a-f]+) "(.*)":/))
      .filter((m) => m && name.test(m[2]))
      .map((m) => m[1])
    if (gone ? ids.length === 0 : ids.length > 0) return ids[0]
    if (Date.now() > deadline) throw new Error(`a window named ${name} ${gone ? 'is still there' : 'did not appear'}`)
    await sleep(250)
  }
}

export async function sleep(ms) {
  await new Promise((r) => setTimeout(r, ms))
}

/**
 * Chooses `file` in the system's file dialog (GTK) titled `title`: its location
 * bar (an open dialog) or its name field (`save`, whose suggested name is
 * replaced), typed into with xdotool.
 */
export async function chooseInFileDialog(file, { title = '选择要导入的文件', save = false } = {}) {
  // the dialog once it is shown (a closed one may linger unmapped), focused
  const deadline = Date.now() + 15000
  for (;;) {
    try {
      const env = { ...process.env, LANG: 'C.UTF-8' }
      const tree = execFileSync('xwininfo', ['-root', '-children'], { encoding: 'utf8', env })
      const ids = [...tree.matchAll(/^\s*(0x[0-9a-f]+) "(.*)":/gm)].filter((m) => m[2] === title).map((m) => m[1])
      const shown = ids.filter((id) => execFileSync('xwininfo', ['-id', id], { encoding: 'utf8', env }).includes('IsViewable'))
      if (!shown.length) throw new Error('not shown yet')
      execFileSync('xdotool', ['windowfocus', '--sync', shown[0]], { stdio: 'ignore' })
      break
    } catch (e) {
      if (Date.now() > deadline) throw new Error(`the file dialog did not appear: ${e.message}`)
      await sleep(250)
    }
  }
  await sleep(300)
  execFileSync('xdotool', ['key', '--clearmodifiers', save ? 'ctrl+a' : 'ctrl+l'])
  await sleep(300)
  execFileSync('xdotool', ['type', '--delay', '20', file])
  await sleep(300)
  execFileSync('xdotool', ['key', 'Return'])
}

/**
 * Presses 打印 (`data-test` `button`), and in the GTK print dialog (a window of
 * its own: the X server sees it, WebDriver does not) chooses 打印到文件 and
 * prints. The machine has no printers, so the file printer is the list's only
 * entry; the file is output.pdf in the app's working directory (the run's
 * temporary directory). Returns pdfinfo's words and the text, in NFKC without
 * white space (WebKit's PDF maps some glyphs to their compatibility forms, ⽬
 * for 目, and spaces CJK text apart).
 */
/** The share of a PDF page's area that is near black (0 to 1), from a small grey rendering by pdftoppm. */
export function darkShare(file, page = 1) {
  const pgm = execFileSync('pdftoppm', ['-gray', '-r', '24', '-f', String(page), '-l', String(page), file])
  // binary PGM: "P5", width, height, maximum (each after white space), then one byte per pixel
  const head = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 40).toString('latin1'))
  if (!head) throw new Error('pdftoppm gave no PGM')
  const pixels = pgm.subarray(head[0].length)
  let dark = 0
  for (const v of pixels) if (v < 64) dark++
  return dark / pixels.length
}

export async function printToFile(driver, button = 'report-print') {
  const file = path.join(work, 'output.pdf')
  fs.rmSync(file, { force: true })
  await (await byTest(driver, button)).click()
  const dialog = await x11Window(/^(Print|打印)$/, 15000)
  await shot(driver, 'report-print-dialog')
  execFileSync('xdotool', ['windowfocus', '--sync', dialog])
  execFileSync('xdotool', ['key', 'Down', 'Return'])
  await x11Window(/^(Print|打印)$/, 15000, { gone: true })
  let info = ''
  await driver.wait(async () => {
    try {
      info = execFileSync('pdfinfo', [file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      return true
    } catch {
      return false
    }
  }, 20000, 'the printed file')
  const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).normalize('NFKC').replace(/\s+/g, '')
  return { info, text }
}
