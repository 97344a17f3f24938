import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Channel } from '@tauri-apps/api/core'
import { task, runTask as withProgress, percentOf, countText, TASK_DELAY_MS, type ProgressEvent } from './task'

/** A stand-in channel: the test sends the core's steps through `send`. */
function fakeChannel() {
  let onStep: (e: ProgressEvent) => void = () => {}
  const make = (f: (e: ProgressEvent) => void) => {
    onStep = f
    return {} as Channel<ProgressEvent>
  }
  return { make, send: (e: ProgressEvent) => onStep(e) }
}

function pending<T>() {
  let finish!: (v: T) => void
  const promise = new Promise<T>((res) => (finish = res))
  return { promise, finish }
}

beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

describe('withProgress', () => {
  it('shows nothing for quick work', async () => {
    const ch = fakeChannel()
    await withProgress('导入', async () => 1, ch.make)
    vi.advanceTimersByTime(TASK_DELAY_MS * 2)
    expect(task.visible).toBe(false)
  })

  it('shows the core’s steps after the delay, 取消 only while nothing is written, and hides at the end', async () => {
    const ch = fakeChannel()
    const w = pending<string>()
    const run = withProgress('导入', () => w.promise, ch.make)
    ch.send({ done: 120, total: 1500, doing: '正在检查第 121/1500 个项目', cancellable: true })
    expect(task.visible).toBe(false)
    vi.advanceTimersByTime(TASK_DELAY_MS)
    expect(task.visible).toBe(true)
    expect([task.title, task.doing, task.cancellable]).toEqual(['导入', '正在检查第 121/1500 个项目', true])
    expect(countText(task.done, task.total)).toBe('120/1500')
    ch.send({ done: 3, total: 1500, doing: '正在写入第 4/1500 个项目', cancellable: false })
    expect(task.cancellable).toBe(false)
    w.finish('ok')
    expect(await run).toBe('ok')
    expect(task.visible).toBe(false)
    // a late step of finished work changes nothing
    ch.send({ done: 1500, total: 1500, doing: '已写入', cancellable: false })
    expect(task.doing).toBe('正在写入第 4/1500 个项目')
  })

  it('hides when the work fails (a cancel answers with an error)', async () => {
    const ch = fakeChannel()
    const run = withProgress('导入', () => Promise.reject(new Error('已取消，未写入任何内容')), ch.make)
    await expect(run).rejects.toThrow('已取消')
    vi.advanceTimersByTime(TASK_DELAY_MS)
    expect(task.visible).toBe(false)
  })
})

describe('the bar', () => {
  it('fills by done/total and never past 100', () => {
    expect(percentOf(0, 0)).toBe(0)
    expect(percentOf(750, 1500)).toBe(50)
    expect(percentOf(3, 2)).toBe(100)
    expect(countText(0, 0)).toBe('')
  })
})
