import { beforeEach, describe, expect, it, vi } from 'vitest'

const confirm = vi.fn()
vi.mock('element-plus', () => ({ ElMessageBox: { confirm: (...a: unknown[]) => confirm(...a) } }))
vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }))

const { doubtReasons, saveAsking, NotConfirmed, sizeText } = await import('./safeApi')

describe('safeApi helpers', () => {
  it('splits a doubtful message into its reasons', () => {
    expect(doubtReasons('该数值可能填写有误：累计执行数 900 万元超过全年预算 500 万元；低于上季度的 10 万元')).toEqual([
      '累计执行数 900 万元超过全年预算 500 万元',
      '低于上季度的 10 万元',
    ])
    expect(doubtReasons('只有一条')).toEqual(['只有一条'])
  })
  it('writes sizes as people read them', () => {
    expect(sizeText(500)).toBe('500 B')
    expect(sizeText(200 * 1024)).toBe('200 KB')
    expect(sizeText(3.5 * 1024 * 1024)).toBe('3.5 MB')
  })
})

describe('saveAsking', () => {
  const doubtful = { kind: 'doubtful', message: '该数值可能填写有误：超过指标值的 100 倍' }
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
  beforeEach(() => confirm.mockClear())

  it('saves at once what is not doubtful, without asking', async () => {
    expect(await saveAsking(async () => 'ok')).toBe('ok')
    expect(confirm).not.toHaveBeenCalled()
  })
  it('asks, and saves with force on 确定', async () => {
    confirm.mockResolvedValue('confirm')
    const s = save()
    expect(await saveAsking(s.fn, 'a')).toBe('saved')
    expect(s.calls).toEqual([false, true])
    expect(confirm).toHaveBeenCalledTimes(1)
  })
  it('saves nothing on 取消', async () => {
    confirm.mockImplementation(async () => {
      throw new Error('cancel')
    })
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
    expect(confirm).not.toHaveBeenCalled()
  })
  it('asks once about one cell saved twice while the question is open', async () => {
    let answer: (v: string) => void = () => {}
    confirm.mockReturnValue(new Promise((r) => (answer = r)))
    const s = save()
    const first = saveAsking(s.fn, 'cell-1')
    const second = saveAsking(s.fn, 'cell-1')
    await new Promise((r) => setTimeout(r, 0))
    answer('confirm')
    expect(await first).toBe('saved')
    expect(await second).toBe('saved')
    expect(confirm).toHaveBeenCalledTimes(1)
  })
})
