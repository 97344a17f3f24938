import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { watch, nextTick } from 'vue'

// The commands: `invoke` answers what each test sets; every call is recorded.
const invoked: { cmd: string; args: Record<string, unknown> }[] = []
let answer: (cmd: string, args: Record<string, unknown>) => Promise<unknown> = async () => null
vi.mock('@tauri-apps/api/core', () => ({
  invoke: (cmd: string, args: Record<string, unknown>) => {
    invoked.push({ cmd, args })
    return answer(cmd, args)
  },
}))
// ElMessageBox.confirm: 确定 unless a test says otherwise; `asked` counts the questions.
let confirm: () => Promise<unknown> = async () => 'confirm'
let asked = 0
vi.mock('element-plus', () => ({
  ElMessageBox: {
    confirm: () => {
      asked++
      return confirm()
    },
  },
}))

const { useAutosaveCells, CHECK_DELAY_MS } = await import('./useAutosaveCell')
const { api, invokeCount } = await import('../api')
const { editApi } = await import('../editApi')
const { state, changes, changed, projectVersion } = await import('../state')
import type { ActualInput } from '../generated/ActualInput'
import type { ProjectEvaluation } from '../generated/ProjectEvaluation'

const EMPTY: ActualInput = {
  value: null,
  done_on: null,
  level: null,
  ratio: null,
  reason: null,
  measures: null,
  forecast: null,
  likelihood: null,
  reason_category: null,
  not_done: false,
}
const EVALUATION = { code: 'P1', total_score: '80.00' } as unknown as ProjectEvaluation
const blank = (v: string | null) => (v && v.trim() ? v.trim() : null)

/** 填报's cells as Entry.vue makes them: the save is `set_actual`, answered with the evaluation. */
function entryCells() {
  const answered: ProjectEvaluation[] = []
  const cells = useAutosaveCells<number, ActualInput, ActualInput, ProjectEvaluation>({
    name: 'actual',
    input: (d) => ({ ...d, value: blank(d.value) }),
    save: (id, input, force) => api.setActual(id, '2024Q4', input, force),
    check: (id, input) => editApi.checkActual(id, '2024Q4', input),
    saved: (_id, ev) => {
      answered.push(ev)
      changed({ project: ev.code })
    },
    notConfirmed: '未保存：请核对后修改，或再次离开单元格并确认',
  })
  cells.load(7, { ...EMPTY })
  return { cells, answered }
}

beforeEach(() => {
  invoked.length = 0
  asked = 0
  answer = async (cmd) => (cmd === 'set_actual' ? EVALUATION : [])
  confirm = async () => 'confirm'
})
afterEach(() => vi.useRealTimers())

describe('the autosave cell', () => {
  it('asks before erasing a saved figure: 取消 sends nothing, 清除 saves the empty cell', async () => {
    const cells = useAutosaveCells<number, ActualInput, ActualInput, ProjectEvaluation>({
      name: 'actual',
      input: (d) => ({ ...d, value: blank(d.value) }),
      save: (id, input, force) => api.setActual(id, '2024Q4', input, force),
      notConfirmed: '',
      erases: (saved, input) => !!saved.value && !input.value,
      eraseQuestion: '确定清除吗？',
    })
    cells.load(7, { ...EMPTY, value: '18' })
    cells.cells[7].draft.value = ''
    confirm = async () => {
      throw new Error('cancel')
    }
    await cells.save(7)
    expect(asked).toBe(1)
    expect(invoked).toHaveLength(0)
    expect(cells.cells[7].error).toContain('未清除')
    confirm = async () => 'confirm'
    await cells.save(7)
    expect(asked).toBe(2)
    expect(invoked.map((c) => c.cmd)).toEqual(['set_actual'])
    expect(invoked[0].args).toMatchObject({ input: { value: null } })
    // a first figure typed into an empty cell is not asked about
    cells.load(8, { ...EMPTY })
    cells.cells[8].draft.value = '5'
    await cells.save(8)
    expect(asked).toBe(2)
  })

  it('saves once when left, with one request answered by the evaluation', async () => {
    const { cells, answered } = entryCells()
    cells.cells[7].draft.value = '18'
    await cells.save(7)
    expect(invoked.map((c) => c.cmd)).toEqual(['set_actual'])
    expect(invoked[0].args).toMatchObject({ indicatorId: 7, period: '2024Q4', force: false, input: { value: '18' } })
    expect(answered).toEqual([EVALUATION])
    expect(cells.cells[7]).toMatchObject({ error: null, doubt: null, justSaved: true })
    // left again without a change: nothing is sent
    await cells.save(7)
    expect(invoked).toHaveLength(1)
  })

  it('does not save again on a second leave while the first save is under way', async () => {
    let finish: (v: unknown) => void = () => {}
    answer = () => new Promise((r) => (finish = r))
    const { cells } = entryCells()
    cells.cells[7].draft.value = '18'
    const first = cells.save(7)
    const second = cells.save(7)
    finish(EVALUATION)
    await Promise.all([first, second])
    expect(invoked).toHaveLength(1)
  })

  it('asks about a doubtful value, naming the doubts, and saves it with force on 确定', async () => {
    answer = async (_cmd, args) => {
      if (args.force) return EVALUATION
      throw { kind: 'doubtful', message: '该数值可能填写有误：x', doubts: [{ kind: 'far_above_target', message: 'x' }] }
    }
    const { cells } = entryCells()
    cells.cells[7].draft.value = '18000'
    await cells.save(7)
    expect(asked).toBe(1)
    expect(invoked.map((c) => c.args.force)).toEqual([false, true])
    expect(cells.cells[7].justSaved).toBe(true)
  })

  it('keeps a doubtful value unsaved on 取消, and says so beside the cell', async () => {
    answer = async () => {
      throw { kind: 'doubtful', message: '该数值可能填写有误：x', doubts: [{ kind: 'far_above_target', message: 'x' }] }
    }
    confirm = async () => {
      throw new Error('cancel')
    }
    const { cells } = entryCells()
    cells.cells[7].draft.value = '18000'
    await cells.save(7)
    expect(cells.cells[7]).toMatchObject({ error: '未保存：请核对后修改，或再次离开单元格并确认', justSaved: false })
    expect(cells.cells[7].draft.value).toBe('18000')
    // left again: asked again (it was not saved)
    await cells.save(7)
    expect(asked).toBe(2)
  })

  it("shows the core's error in Chinese beside the cell and keeps what was typed", async () => {
    answer = async () => {
      throw { kind: 'invalid', message: '“三十”不是数字' }
    }
    const { cells } = entryCells()
    cells.cells[7].draft.value = '三十'
    await cells.save(7)
    expect(cells.cells[7].error).toBe('“三十”不是数字')
    expect(cells.cells[7].draft.value).toBe('三十')
  })

  it('checks what is typed after a pause, and only the newest answer counts', async () => {
    vi.useFakeTimers()
    answer = async (cmd) => (cmd === 'check_actual' ? [{ kind: 'far_above_target', message: '超过指标值的 100 倍' }] : EVALUATION)
    const { cells } = entryCells()
    cells.cells[7].draft.value = '1'
    cells.typed(7)
    cells.cells[7].draft.value = '18000'
    cells.typed(7)
    await vi.advanceTimersByTimeAsync(CHECK_DELAY_MS + 10)
    expect(invoked.map((c) => c.cmd)).toEqual(['check_actual'])
    expect(cells.cells[7].doubt).toBe('请核对：超过指标值的 100 倍')
  })
})

describe('what a save in 填报 costs', () => {
  it('one request: the save; the header, the picker and other projects reload nothing', async () => {
    state.project = 'P1'
    // what App.vue and ProjectPicker watch, and what a screen of another project watches
    const reloads: string[] = []
    const stop = [
      watch(() => [changes.projects, changes.units, changes.years], () => reloads.push('app')),
      watch(() => [state.year, state.unit, changes.projects], () => reloads.push('picker')),
      watch(() => projectVersion('P2'), () => reloads.push('P2')),
      watch(() => projectVersion('P1'), () => reloads.push('P1')),
    ]
    const { cells } = entryCells()
    cells.cells[7].draft.value = '18'
    const before = invokeCount()
    await cells.save(7)
    await nextTick()
    expect(invokeCount() - before).toBe(1)
    // only a screen of P1 (none is open beside 填报) would reload
    expect(reloads).toEqual(['P1'])
    stop.forEach((s) => s())
  })

  it('a new unit, year or project reloads the header; settings reload every project', async () => {
    const seen: string[] = []
    const stop = [
      watch(() => [changes.projects, changes.units, changes.years], () => seen.push('app')),
      watch(() => projectVersion('P1'), () => seen.push('P1')),
    ]
    changed({ units: true })
    await nextTick()
    changed({ settings: true })
    await nextTick()
    expect(seen).toEqual(['app', 'P1'])
    stop.forEach((s) => s())
  })
})
