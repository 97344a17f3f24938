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
 * `{ pid, ppid, name, rssKb, peakKb }` (VmRSS and VmHWM).
 */
export function appProcesses() {
  const all = new Map()
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue
    try {
      const status = fs.readFileSync(`/proc/${d}/status`, 'utf8')
      const field = (k) => status.match(new RegExp(`^${k}:\\s*(\\S+)`, 'm'))?.[1]
      all.set(Number(d), { pid: Number(d), ppid: Number(field('PPid')), name: field('Name'), rssKb: Number(field('VmRSS') ?? 0), peakKb: Number(field('VmHWM') ?? 0) })
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
/** Saves what the app shows (the webview) and the whole screen, for a person to look at. */
export async function shot(driver, name) {
  shotNo++
  const base = `${String(shotNo).padStart(2, '0')}-${name}`
  const png = await driver.takeScreenshot()
  fs.writeFileSync(path.join(shotDir, `${base}.png`), png, 'base64')
  try {
    execFileSync('import', ['-display', display, '-window', 'root', path.join(shotDir, `${base}-screen.png`)])
  } catch {
    /* the webview shot is the one that matters */
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

/** Picks the option whose text contains `text` in an Element Plus select. */
export async function choose(driver, select, text) {
  const items = By.xpath(`//li[contains(@class,'el-select-dropdown__item')][contains(., '${text}')]`)
  // Other selects' lists stay in the page, hidden: only an option on screen counts.
  const shownOption = async () => {
    for (const li of await driver.findElements(items)) {
      try {
        if (await li.isDisplayed()) return li
      } catch (e) {
        if (!(e instanceof error.StaleElementReferenceError)) throw e
      }
    }
    return null
  }
  let option
  // A click on the select while the window is still filling it in (the data
  // arriving after start) can be lost: the list does not open, and the select
  // is clicked again, as a person would.
  for (let attempt = 1; ; attempt++) {
    await select.click()
    try {
      option = await driver.wait(shownOption, 10000)
      break
    } catch (e) {
      if (!(e instanceof error.TimeoutError) || attempt >= 3) throw e
    }
  }
  // A click that lands while the list is still opening (busy machine) can be
  // lost, leaving the list open on the old choice: then it is clicked again,
  // as a person would; the choice is made once the list has closed.
  for (let attempt = 1; ; attempt++) {
    try {
      await option.click()
    } catch (e) {
      if (!(e instanceof error.StaleElementReferenceError)) throw e
    }
    const closed = async () => {
      try {
        return !(await option.isDisplayed())
      } catch (e) {
        if (e instanceof error.StaleElementReferenceError) return true // the list is gone
        throw e
      }
    }
    try {
      await driver.wait(closed, 3000)
      return
    } catch (e) {
      if (!(e instanceof error.TimeoutError)) throw e
      if (attempt >= 3) throw new Error(`the choice “${text}” was clicked ${attempt} times and its list stayed open`)
    }
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
