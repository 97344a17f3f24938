// The core's and the app shell's types, generated from the Rust structs by
// ts-rs (see generated/). A changed field in Rust breaks the UI build, not the
// officer's screen.
export type { AppInfo } from './generated/AppInfo'
import type { Doubt } from './generated/Doubt'
export type { Accumulation } from './generated/Accumulation'
export type { Actual } from './generated/Actual'
export type { ActualInput } from './generated/ActualInput'
export type { Budget } from './generated/Budget'
export type { BudgetExecution } from './generated/BudgetExecution'
export type { DemoSummary } from './generated/DemoSummary'
export type { Evaluation } from './generated/Evaluation'
export type { EvaluationTexts } from './generated/EvaluationTexts'
export type { ExchangeFile } from './generated/ExchangeFile'
export type { ExportSummary } from './generated/ExportSummary'
export type { Finding } from './generated/Finding'
export type { ImportSummary } from './generated/ImportSummary'
export type { Indicator } from './generated/Indicator'
export type { IndicatorEvaluation } from './generated/IndicatorEvaluation'
export type { Kind } from './generated/Kind'
export type { Level } from './generated/Level'
export type { LightCounts } from './generated/LightCounts'
export type { ListQuery } from './generated/ListQuery'
export type { Light } from './generated/Light'
export type { Likelihood } from './generated/Likelihood'
export type { MoneyUnit } from './generated/MoneyUnit'
export type { Op } from './generated/Op'
export type { PlanPoint } from './generated/PlanPoint'
export type { Preview } from './generated/Preview'
export type { PreviewDoubt } from './generated/PreviewDoubt'
export type { PreviewIndicator } from './generated/PreviewIndicator'
export type { PreviewProject } from './generated/PreviewProject'
export type { Project } from './generated/Project'
export type { ProjectEvaluation } from './generated/ProjectEvaluation'
export type { ProjectPage } from './generated/ProjectPage'
export type { ProjectSummaryRow } from './generated/ProjectSummaryRow'
export type { ReasonCategory } from './generated/ReasonCategory'
export type { SettingView } from './generated/SettingView'
export type { SortKey } from './generated/SortKey'
export type { Spending } from './generated/Spending'
export type { SpendingInput } from './generated/SpendingInput'
export type { Status } from './generated/Status'
export type { Target } from './generated/Target'
export type { Unit } from './generated/Unit'
export type { XIndicator } from './generated/XIndicator'
export type { XProject } from './generated/XProject'

/** The core's error, as serialized by `jixiao::Error`. */
export interface CoreError {
  kind: string
  message: string
  /** `doubtful` only: each reason the value looks like a typo (`Error::Doubtful`). */
  doubts?: Doubt[]
}

