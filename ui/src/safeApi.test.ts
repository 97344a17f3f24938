import { beforeEach, describe, expect, it, vi } from 'vitest'

// ElMessageBox.confirm: `answer` gives its promise (a plain function: a spy
// that records a rejected promise reports it as unhandled); `asked` counts calls.
let answer: () => Promise<unknown> = async () => 'confirm'
let asked = 0
/** The message of the last confirmation (a VNode). */
let shown: unknown = null
vi.mock('element-plus', () => ({
  ElMessageBox: {
    confirm: (message: unknown) => {
      asked++
      shown = message
      return answer()
    },
  },
}))
vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }))

const { saveAsking, NotConfirmed, sizeText } = await import('./safeApi')

describe('safeApi helpers', () => {
  it('writes sizes as people read them', () => {
    expect(sizeText(500)).toBe('500 B')
    expect(sizeText(200 * 1024)).toBe('200 KB')
    expect(sizeText(3.5 * 1024 * 1024)).toBe('3.5 MB')
  })
})

describe('saveAsking', () => {
  const doubtful = {
    kind: 'doubtful',
    message: '该数值可能填写有误：累计支出 900 万元超过全年预算 500 万元；超过指标值的 100 倍',
    doubts: [
      { kind: 'over_budget', message: '累计支出 900 万元超过全年预算 500 万元' },
      { kind: 'far_above_target', message: '超过指标值的 100 倍' },
    ],
  }
  /** A save the core refuses as doubtful unless forced; records its calls. */
  function save() {
    const calls: boolean[] = []
    const fn = async (force: boolean) => {
      calls.push(force)
      if (!force) throw doubtful
      return 'saved'
    }
    return { calls, fn }
  }
  beforeEach(() => {
    asked = 0
  })

  it('saves at once what is not doubtful, without asking', async () => {
    expect(await saveAsking(async () => 'ok')).toBe('ok')
    expect(asked).toBe(0)
  })
  it('asks, and saves with force on 确定', async () => {
    answer = async () => 'confirm'
    const s = save()
    expect(await saveAsking(s.fn, 'a')).toBe('saved')
    expect(s.calls).toEqual([false, true])
    expect(asked).toBe(1)
  })
  it("names each doubt as the core sent it (the error's `doubts`), not split from the message", async () => {
    answer = async () => 'confirm'
    await saveAsking(save().fn, 'named')
    type Node = { children?: Node[] | string; props?: Record<string, unknown> }
    const items = ((shown as Node).children as Node[]).flatMap((n) => (Array.isArray(n.children) ? n.children : []))
    expect(items.filter((n) => n.props?.['data-test'] === 'doubt').map((n) => n.children)).toEqual([
      '累计支出 900 万元超过全年预算 500 万元',
      '超过指标值的 100 倍',
    ])
  })
  it('saves nothing on 取消', async () => {
    answer = async () => {
      throw new Error('cancel')
    }
    const s = save()
    const outcome = await saveAsking(s.fn, 'b').then(
      () => 'saved',
      (e) => e,
    )
    expect(outcome).toBeInstanceOf(NotConfirmed)
    expect(s.calls).toEqual([false])
  })
  it('passes other errors on', async () => {
    await expect(saveAsking(async () => Promise.reject({ kind: 'invalid', message: '数值过大' }))).rejects.toMatchObject({ message: '数值过大' })
    expect(asked).toBe(0)
  })
  it('asks once about one cell saved twice while the question is open', async () => {
    let reply: (v: string) => void = () => {}
    const question = new Promise((r) => (reply = r))
    answer = () => question
    const s = save()
    const first = saveAsking(s.fn, 'cell-1')
    const second = saveAsking(s.fn, 'cell-1')
    await new Promise((r) => setTimeout(r, 0))
    reply('confirm')
    expect(await first).toBe('saved')
    expect(await second).toBe('saved')
    expect(asked).toBe(1)
  })
})
