// Long work's progress (issue 17): an import, a report export, a backup or a
// restore runs with a channel over which the core sends each step
// (`ProgressEvent`: done of total, what is being done, whether it may still
// be stopped). `TaskProgress.vue` shows the state kept here: only when the
// work lasts longer than TASK_DELAY_MS (a quick answer flashes nothing), with
// 取消 while the core says nothing has been written yet.
import { reactive } from 'vue'
import type { Channel } from '@tauri-apps/api/core'
import type { ProgressEvent } from './generated/ProgressEvent'
export type { ProgressEvent }

export const TASK_DELAY_MS = 300

export const task = reactive({
  /** The dialog is shown. */
  visible: false,
  /** What the work is, as its title (导入, 导出报表, 备份, 恢复). */
  title: '',
  done: 0,
  total: 0,
  doing: '',
  cancellable: false,
  /** 取消 was asked for; the core stops at its next point where nothing is written. */
  cancelling: false,
})

let generation = 0
let timer: ReturnType<typeof setTimeout> | undefined

/** A step reported by the core, for the work of `gen` (a late step of finished work is dropped). */
export function applyEvent(gen: number, e: ProgressEvent) {
  if (gen !== generation) return
  task.done = e.done
  task.total = e.total
  task.doing = e.doing
  task.cancellable = e.cancellable
}

/** The bar's fill, 0–100 (a display of the core's done/total, nothing more). */
export function percentOf(done: number, total: number): number {
  return total > 0 ? Math.min(100, Math.floor((done * 100) / total)) : 0
}

/** `done/total`, as the dialog shows it beside what is being done. */
export function countText(done: number, total: number): string {
  return total > 0 ? `${done}/${total}` : ''
}

/** How a channel is made: Tauri's (`withProgress` of api.ts), or a stand-in in the unit tests. */
export type ChannelMaker = (onStep: (e: ProgressEvent) => void) => Channel<ProgressEvent>

/** Runs `work` with a progress channel; the dialog titled `title` shows after TASK_DELAY_MS. */
export async function runTask<T>(
  title: string,
  work: (onProgress: Channel<ProgressEvent>) => Promise<T>,
  makeChannel: ChannelMaker,
): Promise<T> {
  const gen = ++generation
  Object.assign(task, { visible: false, title, done: 0, total: 0, doing: '', cancellable: false, cancelling: false })
  if (timer !== undefined) clearTimeout(timer)
  timer = setTimeout(() => {
    timer = undefined
    if (gen === generation) task.visible = true
  }, TASK_DELAY_MS)
  try {
    return await work(makeChannel((e) => applyEvent(gen, e)))
  } finally {
    if (gen === generation) {
      if (timer !== undefined) clearTimeout(timer)
      timer = undefined
      generation++
      task.visible = false
      task.cancelling = false
    }
  }
}
