// The 规划 screen's commands (src-tauri/src/planning.rs): plans and their
// counts, a plan's sheet (indicators × years, judged by the core), a year's
// actual or verdict, a plan file's preview and import, the blank workbook,
// and the printed 规划主要指标监测表. Every figure comes from the core.
import { call } from './api'
import type { PlanSummary } from './generated/PlanSummary'
import type { PlanSheet } from './generated/PlanSheet'
import type { SheetRow } from './generated/SheetRow'
import type { PlanSaved } from './generated/PlanSaved'
import type { PlanPreview } from './generated/PlanPreview'
import type { PlanFile } from './generated/PlanFile'
import type { PlanImportSummary } from './generated/PlanImportSummary'
import type { PlanRow } from './generated/PlanRow'
import type { Trajectory } from './generated/Trajectory'
import type { PlanLight } from './generated/PlanLight'
import type { PlanStatus } from './generated/PlanStatus'
import type { PlanForm } from './generated/PlanForm'
import type { RowDoubt } from './generated/RowDoubt'
import type { ReportPage } from './generated/ReportPage'
import type { Written } from './generated/Written'
import type { FileFormat } from './generated/FileFormat'
export type { PlanSummary, PlanSheet, SheetRow, PlanSaved, PlanPreview, PlanFile, PlanImportSummary, PlanRow, Trajectory, PlanLight, PlanStatus, PlanForm, RowDoubt }

export const plansApi = {
  list: (year: number | null) => call<PlanSummary[]>('plan_list', { year }),
  sheet: (code: string, year: number | null, unit: string | null) => call<PlanSheet>('plan_sheet', { code, year, unit }),
  /** Refused as `doubtful` when far off the path, unless `force` (see `saveAsking`). An empty value erases. */
  setActual: (code: string, indicator: string, year: number, value: string, force = false) =>
    call<PlanSaved>('plan_set_actual', { code, indicator, year, value, note: null, force }),
  setVerdict: (code: string, indicator: string, year: number, status: string, note: string) =>
    call<PlanSaved>('plan_set_verdict', { code, indicator, year, status, note }),
  /** What the file would import (nothing written); `code` etc. where the file does not say. */
  preview: (path: string, code: string | null, name: string | null, baseYear: number | null, endYear: number | null) =>
    call<PlanPreview>('plan_preview', { path, code, name, baseYear, endYear }, '正在读取规划文件…'),
  import: (file: PlanFile) => call<PlanImportSummary>('plan_import', { file }, '正在导入规划…'),
  template: (path: string, baseYear: number, endYear: number) => call<string>('plan_template', { path, baseYear, endYear }, '正在生成模板…'),
  reportPreview: (code: string, year: number, unit: string | null) => call<ReportPage>('plan_report_preview', { code, year, unit }),
  reportExport: (code: string, year: number, unit: string | null, format: FileFormat, path: string) =>
    call<Written>('plan_report_export', { code, year, unit, format, path }, '正在生成文件…'),
}
