// The 报表 screen's commands (src-tauri/src/reports.rs) and the `Report` they return:
// the same structure (jixiao::report::Report) that the PDF template and the xlsx
// writer read, numbers already rounded and formatted by the core ("—" where none).
// The types are generated from the Rust structs (ts-rs, ui/src/generated/).
import { call, withProgress } from './api'
import type { ExecutionRow } from './generated/ExecutionRow'
import type { FileFormat } from './generated/FileFormat'
import type { FormKind } from './generated/FormKind'
import type { FundRow } from './generated/FundRow'
import type { IndicatorRow } from './generated/IndicatorRow'
import type { PageSetup } from './generated/PageSetup'
import type { ProjectForm } from './generated/ProjectForm'
import type { Report } from './generated/Report'
import type { ReportPage } from './generated/ReportPage'
import type { SummaryForm } from './generated/SummaryForm'
import type { SummaryRow } from './generated/SummaryRow'
import type { Written } from './generated/Written'
import type { ReviewForm } from './generated/ReviewForm'
import type { CriterionSection } from './generated/CriterionSection'
import type { FormItem } from './generated/FormItem'
export type { ExecutionRow, FileFormat, FormKind, FundRow, IndicatorRow, PageSetup, ProjectForm, Report, ReportPage, SummaryForm, SummaryRow, Written }
export type { CriterionSection, FormItem, ReviewForm }

export interface ReportChoice {
  form: FormKind
  period: string
  unit: string | null
  project: string | null
}

export const reportsApi = {
  /** The report's first forms (`shown` of `total` projects): the files hold them all. */
  preview: (c: ReportChoice) =>
    call<ReportPage>('report_preview', { form: c.form, period: c.period, unit: c.unit, project: c.project }),
  export: (c: ReportChoice, format: FileFormat, path: string) =>
    withProgress('导出报表', (onProgress) =>
      call<Written>('report_export', { form: c.form, period: c.period, unit: c.unit, project: c.project, format, path, onProgress }),
    ),
  /** The system's print dialog over the window (its print styles show only the forms). */
  print: (form: FormKind) => call<void>('report_print', { form }),
}
