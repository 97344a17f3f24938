// The commands of 编辑, of the as-you-type check in 填报 and of 资金
// (src-tauri/src/editing.rs). Each one calls one core function.
import { call } from './api'
import type { ActualInput, Indicator, Project, Target, Unit } from './types'
import type { IndicatorInput } from './generated/IndicatorInput'
import type { ProjectInput } from './generated/ProjectInput'
import type { MoneyQuarter } from './generated/MoneyQuarter'
import type { Doubt } from './generated/Doubt'
export type { IndicatorInput, ProjectInput }

/** `project_dependents`: what deleting a project takes with it. */
export interface ProjectDependents {
  indicators: number
  actuals: number
  spending: number
}

/** `parse_target`: a target text as the core understands it. */
export interface ParsedTarget {
  target: Target
  /** `Target::describe()`: `≥ 20 次`, or `未能识别`. */
  description: string
}

/** `money_quarters`: one quarter of the 资金 screen (`Store::money_quarters`). */
export type { MoneyQuarter }

export const editApi = {
  createProject: (input: ProjectInput) => call<Project>('create_project', { input }),
  updateProject: (id: number, input: ProjectInput) => call<Project>('update_project', { id, input }),
  projectDependents: (id: number) => call<ProjectDependents>('project_dependents', { id }),
  deleteProject: (id: number) => call<void>('delete_project', { id }),
  createIndicator: (projectId: number, input: IndicatorInput) => call<Indicator>('create_indicator', { projectId, input }),
  updateIndicator: (id: number, input: IndicatorInput) => call<Indicator>('update_indicator', { id, input }),
  moveIndicator: (id: number, position: number) => call<Indicator[]>('move_indicator', { id, position }),
  indicatorDependents: (id: number) => call<number>('indicator_dependents', { id }),
  deleteIndicator: (id: number) => call<void>('delete_indicator', { id }),
  setTargetUnderstanding: (id: number, understood: Target | null) =>
    call<Indicator>('set_target_understanding', { id, understood }),
  saveUnit: (code: string, name: string, parent: string | null = null) => call<Unit>('save_unit', { code, name, parent }),
  parseTarget: (text: string, year: number) => call<ParsedTarget>('parse_target', { text, year }),
  /** `check_decimal`: a typed amount or 分值 as the core reads it (null when blank); a Chinese error otherwise. */
  checkDecimal: (text: string, label: string) => call<string | null>('check_decimal', { text, label }),
  /** The checks of saving, without saving: an error, or what looks like a typo (to confirm when saving). */
  checkActual: (indicatorId: number, period: string, input: ActualInput) =>
    call<Doubt[]>('check_actual', { indicatorId, period, input }),
  moneyQuarters: (projectId: number) => call<MoneyQuarter[]>('money_quarters', { projectId }),
}
