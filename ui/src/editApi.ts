// The commands of 编辑, of the as-you-type check in 填报 and of 资金
// (src-tauri/src/editing.rs). Each one calls one core function.
import { call } from './api'
import type { ActualInput, Indicator, Project, Target, Unit } from './types'
import type { IndicatorInput } from './generated/IndicatorInput'
import type { ProjectInput } from './generated/ProjectInput'
import type { MoneyQuarter } from './generated/MoneyQuarter'
import type { IndicatorSeries } from './generated/IndicatorSeries'
import type { Doubt } from './generated/Doubt'
import type { ParsedTarget } from './generated/ParsedTarget'
import type { ProjectDependents } from './generated/ProjectDependents'
import type { ProjectDraft } from './generated/ProjectDraft'
import type { ProjectCheck } from './generated/ProjectCheck'
export type { IndicatorInput, ParsedTarget, ProjectDependents, ProjectInput, ProjectDraft, ProjectCheck }

/** `money_quarters`: one quarter of the 资金 screen (`Store::money_quarters`). */
export type { MoneyQuarter }
/** `indicator_series`: one quantity indicator's quarters for 项目详情's charts (`scoring::indicator_series`). */
export type { IndicatorSeries }

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
  /** `check_project`: the project header as typed, checked whole: the project to save, or every field's error. */
  checkProject: (draft: ProjectDraft) => call<ProjectCheck>('check_project', { draft }),
  /** The checks of saving, without saving: an error, or what looks like a typo (to confirm when saving). */
  checkActual: (indicatorId: number, period: string, input: ActualInput) =>
    call<Doubt[]>('check_actual', { indicatorId, period, input }),
  moneyQuarters: (projectId: number) => call<MoneyQuarter[]>('money_quarters', { projectId }),
  indicatorSeries: (projectId: number) => call<IndicatorSeries[]>('indicator_series', { projectId }),
  /** A chart's picture (the PNG's bytes) written to `path`. */
  savePng: (path: string, bytes: number[]) => call<void>('save_png', { path, bytes }),
}
