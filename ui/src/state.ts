// What the officer has chosen: the screen, the year, the unit, the quarter, the project.
import { reactive } from 'vue'
import type { Unit } from './types'

export type View = 'overview' | 'projects' | 'detail' | 'entry' | 'evaluation' | 'settings' | 'exchange' | 'reports' | 'edit' | 'money' | 'backups' | 'plans'

export const state = reactive({
  view: 'overview' as View,
  year: null as number | null,
  years: [] as number[],
  units: [] as Unit[],
  unit: '' as string, // unit code; '' = all units
  quarter: 4 as 1 | 2 | 3 | 4,
  project: null as string | null, // project code
  /** The plan (its code) chosen on the 规划 screen, also the 监测表's in 报表. */
  plan: null as string | null,
  /** Bumped each time the 编辑 screen is opened, so it loads afresh. */
  editKey: 0,
})

export function period(): string {
  return `${state.year}Q${state.quarter}`
}

export function unitName(code: string): string {
  return state.units.find((u) => u.code === code)?.name ?? code
}

/**
 * What a write touched, so that a screen reloads only when what it shows
 * changed: a project's own data (its values, spending, table, header, texts:
 * by code), which projects exist and their names (`projects`), the units, the
 * years, the settings.
 */
export interface Change {
  project?: string
  projects?: boolean
  units?: boolean
  years?: boolean
  settings?: boolean
}

/** Counters of what was written, by kind; a screen watches those it shows. */
export const changes = reactive({
  /** Per project code: bumped when that project's data was written. */
  project: {} as Record<string, number>,
  /** Which projects exist, or their names (created, deleted, renamed, imported). */
  projects: 0,
  units: 0,
  years: 0,
  settings: 0,
  /** Bumped by every write: for screens that show every project (the list, a unit's report). */
  any: 0,
})

/** Says what a write touched (see [`Change`]). */
export function changed(c: Change) {
  if (c.project) changes.project[c.project] = (changes.project[c.project] ?? 0) + 1
  if (c.projects) changes.projects++
  if (c.units) changes.units++
  if (c.years) changes.years++
  if (c.settings) changes.settings++
  changes.any++
}

/** Everything may have changed (an import, the sample data). */
export const EVERYTHING: Change = { projects: true, units: true, years: true, settings: true }

/**
 * What moves when what is shown of project `code` may have changed: its own
 * data, the projects (a project replaced by an import), the settings (its
 * scores). A screen of one project watches this.
 */
export function projectVersion(code: string | null | undefined): string {
  return `${code ? (changes.project[code] ?? 0) : 0}/${changes.projects}/${changes.settings}`
}

/** Opens 编辑 on a project (by code), or on a new one (`null`). */
export function editProject(code: string | null) {
  state.project = code
  state.editKey++
  state.view = 'edit'
}
