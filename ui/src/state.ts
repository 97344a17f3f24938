// What the officer has chosen: the screen, the year, the unit, the quarter, the project.
import { reactive } from 'vue'
import type { Unit } from './types'

export type View = 'projects' | 'detail' | 'entry' | 'evaluation' | 'settings' | 'exchange' | 'reports' | 'edit' | 'money' | 'backups'

export const state = reactive({
  view: 'projects' as View,
  year: null as number | null,
  years: [] as number[],
  units: [] as Unit[],
  unit: '' as string, // unit code; '' = all units
  quarter: 4 as 1 | 2 | 3 | 4,
  project: null as string | null, // project code
  /** Bumped after anything is written, so every screen reloads what it shows. */
  revision: 0,
  /** Bumped each time the 编辑 screen is opened, so it loads afresh. */
  editKey: 0,
})

export function period(): string {
  return `${state.year}Q${state.quarter}`
}

export function unitName(code: string): string {
  return state.units.find((u) => u.code === code)?.name ?? code
}

export function changed() {
  state.revision++
}

/**
 * [`changed`] once the window has drawn what it shows now: a save's new score
 * is on screen first, the other screens' reloads come after.
 */
export function changedAfterPaint() {
  requestAnimationFrame(() => setTimeout(changed, 0))
}

/** Opens 编辑 on a project (by code), or on a new one (`null`). */
export function editProject(code: string | null) {
  state.project = code
  state.editKey++
  state.view = 'edit'
}
