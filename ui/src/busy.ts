// The busy indicator of the commands that can take more than a moment (import,
// export, a whole year's evaluation): `call` in api.ts wraps them, so the views
// need nothing of their own. The commands run off the window's main thread, so
// the window keeps drawing meanwhile; the overlay says what it is waiting for
// and keeps a second click from starting the same work twice. It appears only
// after a short delay, so a quick answer does not flash it.
import { ElLoading } from 'element-plus'

export const BUSY_DELAY_MS = 300

interface Overlay {
  setText(text: string): void
  close(): void
}

let running = 0
let latest = ''
let timer: ReturnType<typeof setTimeout> | undefined
let overlay: Overlay | undefined

function show() {
  timer = undefined
  overlay = ElLoading.service({ lock: true, text: latest })
}

/** Runs `work` with the overlay showing `text` while it (and any other busy work) is under way. */
export async function whileBusy<T>(text: string, work: () => Promise<T>): Promise<T> {
  running++
  latest = text
  if (overlay) overlay.setText(text)
  else if (timer === undefined) timer = setTimeout(show, BUSY_DELAY_MS)
  try {
    return await work()
  } finally {
    running--
    if (running === 0) {
      if (timer !== undefined) clearTimeout(timer)
      timer = undefined
      overlay?.close()
      overlay = undefined
    }
  }
}
