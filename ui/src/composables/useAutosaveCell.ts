// The autosave cell of 填报 and 资金: what is typed is saved when the cell is
// left (blur, Tab, Enter), nothing to press. One state object per cell: what
// is typed, the message beside it (an error in Chinese, a doubt as typed),
// whether it was just saved. A value the core finds doubtful is asked about
// (`saveAsking`) and saved with `force` on 确定; a second leave while one save
// is asked about or written does not save again.
import { reactive } from 'vue'
import { ElMessageBox } from 'element-plus'
import { toApiError } from '../api'
import { NotConfirmed, saveAsking } from '../safeApi'
import type { Doubt } from '../generated/Doubt'

/** One cell as the screen shows it. */
export interface AutosaveCell<D> {
  /** What is in the cell now, as typed. */
  draft: D
  /** Why it was not saved (the core's message), or null. */
  error: string | null
  /** What looks like a typo in what is typed (asked again before saving), or null. */
  doubt: string | null
  /** Saved since it was last typed in: the cell says 已保存. */
  justSaved: boolean
}

export interface AutosaveOptions<K, D, I, R> {
  /** Names the cells (with their key) for `saveAsking`: one question about one cell at a time. */
  name: string
  /** What is sent for what is typed (blank fields as null). */
  input: (draft: D) => I
  /** The save itself; `force` after the officer confirmed a doubtful value. */
  save: (key: K, input: I, force: boolean) => Promise<R>
  /** What the save answered (e.g. the project's new evaluation). */
  saved?: (key: K, result: R) => void | Promise<void>
  /** The message when the officer answers 取消 to a doubtful value. */
  notConfirmed: string
  /** The core's check as the officer types (after a pause), without saving. */
  check?: (key: K, input: I) => Promise<Doubt[]>
  /** Whether `input` erases the figure `saved` holds (the cell emptied): the
   *  officer is asked first (`eraseQuestion`); 取消 saves nothing. */
  erases?: (saved: I, input: I) => boolean
  /** The question before erasing, e.g. 确定清除已保存的完成值吗？ */
  eraseQuestion?: string
}

/** The officer answered 取消 to erasing a saved figure. */
class NotErased extends Error {}

/** Per cell, what only the saving reads: not drawn. */
interface Book {
  /** JSON of the input last saved (or loaded). */
  saved: string
  /** JSON of the input being saved now, if any. */
  saving: string | null
  /** Which as-you-type check is the newest, so a slow answer never overwrites a newer one. */
  seq: number
  timer?: ReturnType<typeof setTimeout>
}

/** The pause after the last keystroke before the core checks what is typed. */
export const CHECK_DELAY_MS = 300

export function useAutosaveCells<K extends string | number, D extends object, I, R>(o: AutosaveOptions<K, D, I, R>) {
  const cells = reactive({}) as Record<K, AutosaveCell<D>>
  const books = new Map<K, Book>()

  /** Forgets every cell (another project or quarter is shown). */
  function clear() {
    for (const b of books.values()) clearTimeout(b.timer)
    books.clear()
    for (const k of Object.keys(cells)) delete cells[k as K]
  }

  /** The cell `key` as stored: `draft` is what the core says is saved. */
  function load(key: K, draft: D) {
    clearTimeout(books.get(key)?.timer)
    cells[key] = { draft, error: null, doubt: null, justSaved: false } as AutosaveCell<D>
    books.set(key, { saved: JSON.stringify(o.input(draft)), saving: null, seq: 0 })
  }

  /** Something was typed: the old message goes; the core checks it after a pause. */
  function typed(key: K) {
    const cell = cells[key]
    const book = books.get(key)
    if (!cell || !book) return
    cell.error = null
    cell.justSaved = false
    clearTimeout(book.timer)
    const check = o.check
    if (!check) return
    const seq = ++book.seq
    book.timer = setTimeout(async () => {
      try {
        const doubts = await check(key, o.input(cell.draft as D))
        if (book.seq !== seq) return
        cell.error = null
        cell.doubt = doubts.length ? '请核对：' + doubts.map((x) => x.message).join('；') : null
      } catch (e) {
        if (book.seq !== seq) return
        cell.error = toApiError(e).message
        cell.doubt = null
      }
    }, CHECK_DELAY_MS)
  }

  /** The cell was left: saves what is typed unless it is saved, or being saved, already. */
  async function save(key: K) {
    const cell = cells[key]
    const book = books.get(key)
    if (!cell || !book) return
    clearTimeout(book.timer)
    book.seq++
    const input = o.input(cell.draft as D)
    const json = JSON.stringify(input)
    if (json === book.saved) {
      cell.error = null
      return
    }
    // being saved (a blur while it is asked about or written)
    if (json === book.saving) return
    book.saving = json
    try {
      if (o.erases?.(JSON.parse(book.saved) as I, input)) {
        await ElMessageBox.confirm(o.eraseQuestion ?? '确定清除已保存的内容吗？', '请确认清除', {
          confirmButtonText: '清除',
          cancelButtonText: '取消',
          type: 'warning',
          customClass: 'erase-dialog',
          closeOnClickModal: false,
        }).catch(() => {
          throw new NotErased()
        })
      }
      const result = await saveAsking((force) => o.save(key, input, force), `${o.name}-${String(key)}`)
      book.saved = json
      cell.error = null
      cell.doubt = null
      cell.justSaved = true
      await o.saved?.(key, result)
    } catch (e) {
      // what was typed stays in the cell; the message says what to fix
      cell.error = e instanceof NotErased ? '未清除：已保存的内容仍然保留' : e instanceof NotConfirmed ? o.notConfirmed : toApiError(e).message
      cell.justSaved = false
    } finally {
      if (book.saving === json) book.saving = null
    }
  }

  return { cells, clear, load, typed, save }
}
