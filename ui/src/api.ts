// The only place that talks to the Rust side: `call` invokes one command of
// src-tauri (listed once, in src-tauri/src/command_list.rs; `cargo test -p
// jixiao-app` checks that every listed command is called here or in editApi.ts /
// reportsApi.ts, and nothing else). Errors arrive as the core's `{kind, message}`
// (a doubtful value also with its `doubts`);
// anything else is wrapped so the UI always has a Chinese message.
import { Channel, invoke } from '@tauri-apps/api/core'
import { whileBusy } from './busy'
import { runTask, type ProgressEvent } from './task'
import type { Doubt } from './generated/Doubt'
import type {
  Actual,
  ActualInput,
  AppInfo,
  CoreError,
  DemoSummary,
  Evaluation,
  EvaluationTexts,
  ExchangeFile,
  ExportSummary,
  ImportSummary,
  Indicator,
  ListQuery,
  Preview,
  Project,
  ProjectEvaluation,
  ProjectPage,
  SettingView,
  Spending,
  SpendingInput,
  Unit,
} from './types'

export class ApiError extends Error implements CoreError {
  kind: string
  doubts?: Doubt[]
  constructor(kind: string, message: string, doubts?: Doubt[]) {
    super(message)
    this.kind = kind
    if (doubts) this.doubts = doubts
  }
}

export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e
  if (e && typeof e === 'object' && 'message' in e) {
    const o = e as { kind?: string; message: string; doubts?: Doubt[] }
    return new ApiError(o.kind ?? 'unknown', String(o.message), Array.isArray(o.doubts) ? o.doubts : undefined)
  }
  const text = String(e)
  if (/not found|not allowed|unknown command/i.test(text)) {
    return new ApiError('unavailable', '此功能尚未提供（' + text + '）')
  }
  if (/invalid args|missing required key/i.test(text)) {
    return new ApiError('invalid', '程序内部参数错误：' + text)
  }
  return new ApiError('unknown', text)
}

/** How many commands the window has invoked since it opened. */
let invoked = 0

/** [`invoked`] goes up, and is written on the page (`<html data-invokes>`), where
 *  the e2e tests read it: a save in 填报 is one request. */
function countInvoke() {
  invoked++
  if (typeof document !== 'undefined') document.documentElement.dataset.invokes = String(invoked)
}

/** How many commands were invoked so far. */
export function invokeCount(): number {
  return invoked
}

/**
 * Invokes the command `cmd` (its name a literal at every call, so that the
 * command list's test can read it). With `busy`, the window shows that text
 * over a busy indicator while the command runs (`busy.ts`).
 */
export async function call<T>(cmd: string, args?: Record<string, unknown>, busy?: string): Promise<T> {
  countInvoke()
  const run = async () => {
    try {
      return await invoke<T>(cmd, args)
    } catch (e) {
      throw toApiError(e)
    }
  }
  return busy === undefined ? run() : whileBusy(busy, run)
}

/** Runs long work with a progress channel the command takes as `onProgress`
 *  (task.ts shows its steps in TaskProgress after a moment). */
export function withProgress<T>(title: string, work: (onProgress: Channel<ProgressEvent>) => Promise<T>): Promise<T> {
  return runTask(title, work, (onStep) => {
    const c = new Channel<ProgressEvent>()
    c.onmessage = onStep
    return c
  })
}

export const api = {
  appInfo: () => call<AppInfo>('app_info'),
  isEmpty: () => call<boolean>('is_empty'),
  years: () => call<number[]>('years'),
  units: () => call<Unit[]>('units'),
  loadDemo: () => call<DemoSummary>('load_demo', {}, '正在载入示例数据…'),
  /** Of one project, or (slower: busy) of every project of the unit or the database. */
  evaluate: (period: string, opts: { unit?: string | null; project?: string | null } = {}) =>
    call<Evaluation>(
      'evaluate',
      { period, unit: opts.unit ?? null, project: opts.project ?? null },
      opts.project ? undefined : '正在评价…',
    ),
  /** One page of the 项目列表: sorted, filtered and searched by the core. */
  projectPage: (query: ListQuery) => call<ProjectPage>('project_page', { query }),
  projects: (year: number, unit: string | null) => call<Project[]>('projects', { year, unit }),
  project: (year: number, code: string) => call<Project>('project', { year, code }),
  indicators: (projectId: number) => call<Indicator[]>('indicators', { projectId }),
  actuals: (projectId: number, period: string) => call<Record<string, Actual>>('actuals', { projectId, period }),
  /** Refused as `doubtful` when the value looks like a typo, unless `force` (see `saveAsking` of safeApi.ts). */
  setActual: (indicatorId: number, period: string, input: ActualInput, force = false) =>
    call<ProjectEvaluation>('set_actual', { indicatorId, period, input, force }),
  allSpending: (projectId: number) => call<Spending[]>('all_spending', { projectId }),
  setSpending: (projectId: number, period: string, input: SpendingInput, force = false) =>
    call<Spending | null>('set_spending', { projectId, period, input, force }),
  setEvaluationTexts: (projectId: number, texts: EvaluationTexts) =>
    call<Project>('set_evaluation_texts', { projectId, texts }),
  settings: () => call<SettingView[]>('settings'),
  setSetting: (key: string, value: string | null) => call<SettingView[]>('set_setting', { key, value }),
  /** What the file would import (nothing written); `year`/`unit` where the file does not say. */
  importPreview: (path: string, year: number | null, unit: string | null) =>
    withProgress('读取文件', (onProgress) => call<Preview>('import_preview', { path, format: null, year, unit, code: null, onProgress })),
  /** The preview of the file as edited in the preview. */
  importRecheck: (file: ExchangeFile) => call<Preview>('import_recheck', { file }),
  /** Imports the (edited) file: all or nothing, the database backed up first. */
  /** `acceptDoubtful`: the officer confirmed the targets whose direction the file does not state. */
  importConfirm: (file: ExchangeFile, acceptDoubtful = false) =>
    withProgress('导入', (onProgress) => call<ImportSummary>('import_confirm', { file, acceptDoubtful, onProgress })),
  /** Writes the blank 绩效目标表 workbook; returns its path. */
  importTemplate: (path: string) => call<string>('import_template', { path }, '正在生成模板…'),
  /** 取消 of the long work running (see task.ts): it stops where nothing is written yet. */
  taskCancel: () => call<void>('task_cancel'),
  exportFile: (path: string, year: number | null) => call<ExportSummary>('export_file', { path, year }, '正在导出…'),
}
