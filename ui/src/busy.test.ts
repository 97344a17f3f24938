import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

const overlays: { text: string; closed: boolean }[] = []
vi.mock('element-plus', () => ({
  ElLoading: {
    service: (opts: { text: string }) => {
      const o = { text: opts.text, closed: false }
      overlays.push(o)
      return {
        setText: (t: string) => (o.text = t),
        close: () => (o.closed = true),
      }
    },
  },
}))

const { whileBusy, BUSY_DELAY_MS } = await import('./busy')

/** A piece of work that ends when `finish` (or `fail`) is called. */
function pending<T>() {
  let finish!: (v: T) => void
  let fail!: (e: unknown) => void
  const promise = new Promise<T>((res, rej) => ((finish = res), (fail = rej)))
  return { work: () => promise, finish, fail }
}

beforeEach(() => {
  overlays.length = 0
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('whileBusy', () => {
  it('shows nothing for a quick answer', async () => {
    const w = pending<number>()
    const result = whileBusy('正在导入…', w.work)
    await vi.advanceTimersByTimeAsync(BUSY_DELAY_MS - 50)
    w.finish(7)
    expect(await result).toBe(7)
    await vi.advanceTimersByTimeAsync(1000)
    expect(overlays).toEqual([])
  })

  it('shows the overlay with its text while slow work runs, and takes it away after', async () => {
    const w = pending<string>()
    const result = whileBusy('正在导入…', w.work)
    await vi.advanceTimersByTimeAsync(BUSY_DELAY_MS + 10)
    expect(overlays).toEqual([{ text: '正在导入…', closed: false }])
    w.finish('ok')
    expect(await result).toBe('ok')
    expect(overlays).toEqual([{ text: '正在导入…', closed: true }])
  })

  it('keeps one overlay until the last of overlapping work ends', async () => {
    const a = pending<void>()
    const b = pending<void>()
    const ra = whileBusy('正在评价…', a.work)
    await vi.advanceTimersByTimeAsync(BUSY_DELAY_MS + 10)
    const rb = whileBusy('正在导出…', b.work)
    expect(overlays).toEqual([{ text: '正在导出…', closed: false }])
    a.finish()
    await ra
    expect(overlays[0].closed).toBe(false)
    b.finish()
    await rb
    expect(overlays).toEqual([{ text: '正在导出…', closed: true }])
  })

  it('takes the overlay away when the work fails, and passes the error on', async () => {
    const w = pending<void>()
    const result = whileBusy('正在生成文件…', w.work)
    await vi.advanceTimersByTimeAsync(BUSY_DELAY_MS + 10)
    w.fail(new Error('字体缺失'))
    await expect(result).rejects.toThrow('字体缺失')
    expect(overlays).toEqual([{ text: '正在生成文件…', closed: true }])
  })
})
