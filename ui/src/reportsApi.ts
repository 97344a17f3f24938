// The 报表 screen's commands (src-tauri/src/reports.rs) and the `Report` they return:
// the same structure (jixiao::report::Report) that the PDF template and the xlsx
// writer read, numbers already rounded and formatted by the core ("—" where none).
import { invoke } from '@tauri-apps/api/core'
import { toApiError } from './api'
import type { Light, Status } from './types'

export type FormKind = 'self-eval' | 'monitor' | 'summary'
export type FileFormat = 'pdf' | 'xlsx'

export interface FundRow {
  label: string
  initial: string
  full_year: string
  spent: string
  points: string
  rate: string
  score: string
}

export interface ExecutionRow {
  initial: string
  budget: string
  spent: string
  rate: string
  planned: string
  progress: string
  light: Light
  light_word: string
  reason: string
  measures: string
  needs_explanation: boolean
  explanation_missing: boolean
}

export interface IndicatorRow {
  level1: string
  level2: string
  level3: string
  target: string
  actual: string
  status: Status
  status_word: string
  failed: boolean
  mark: string
  weight: string
  score: string
  completion_ratio: string
  progress: string
  light: Light
  light_word: string
  forecast: string
  likelihood: string
  reason_category: string
  reason: string
  measures: string
  needs_explanation: boolean
  explanation_missing: boolean
  l1_span: number
  l2_span: number
  breakable: boolean
}

export interface ProjectForm {
  code: string
  name: string
  department: string
  unit_name: string
  unit_code: string
  money_unit: string
  funds: FundRow[]
  execution: ExecutionRow
  goal: string
  achieved: string
  indicators: IndicatorRow[]
  total_points: string
  total_score: string
  grade: string
  conclusion: string
  problems: string
  improvements: string
  warnings: string[]
}

export interface SummaryRow {
  number: string
  code: string
  name: string
  unit_name: string
  is_total: boolean
  budget: string
  spent: string
  rate: string
  indicators: number
  passed: number
  failed: number
  missing: number
  score: string
  grade: string
}

export interface SummaryForm {
  units: string
  money_unit: string
  rows: SummaryRow[]
  total: SummaryRow
}

/** The sheet (FormKind::page in the core): A4, orientation, margins in mm. */
export interface PageSetup {
  landscape: boolean
  margin_top_mm: number
  margin_x_mm: number
  margin_bottom_mm: number
}

export interface Report {
  kind: FormKind
  page: PageSetup
  title: string
  subtitle: string
  year: number
  period: string
  months: string
  projects: ProjectForm[]
  summary: SummaryForm | null
  footnote: string[]
}

/** What an export wrote. */
export interface Written {
  projects: number
  bytes: number
}

export interface ReportChoice {
  form: FormKind
  period: string
  unit: string | null
  project: string | null
}

async function call<T>(cmd: string, args: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args)
  } catch (e) {
    throw toApiError(e)
  }
}

export const reportsApi = {
  preview: (c: ReportChoice) => call<Report>('report_preview', { ...c }),
  export: (c: ReportChoice, format: FileFormat, path: string) => call<Written>('report_export', { ...c, format, path }),
  /** The system's print dialog over the window (its print styles show only the forms). */
  print: (form: FormKind) => call<void>('report_print', { form }),
}
