// Types of what the core returns: they mirror the serde output of the Rust
// structs in the `jixiao` crate (model.rs, scoring/, exchange.rs). Decimals
// arrive as strings and are shown as they are; the UI never computes a score.

export type Light = 'red' | 'yellow' | 'green' | 'blue' | 'grey'
export type Status = 'pass' | 'fail' | 'missing' | 'not_applicable' | 'not_understood'
export type Kind = 'quantity' | 'date' | 'label' | 'not_understood'
export type Op = '≥' | '≤' | '=' | '>' | '<' | '≈' | 'range'
export type Level = '达成' | '部分达成' | '未达成'
export type Likelihood = '确定能' | '有可能' | '完全不可能'
export type ReasonCategory = '经费保障' | '制度保障' | '人员保障' | '硬件条件保障' | '其他'
export type Dec = string

/** The core's error, as serialized by `jixiao::Error`. */
export interface CoreError {
  kind: string
  message: string
}

export interface AppInfo {
  version: string
  db_path: string
}

export interface Unit {
  id: number
  code: string
  name: string
  parent: string | null
}

export interface Budget {
  total: Dec | null
  fiscal: Dec | null
  other: Dec | null
  adjusted: Dec | null
}

export interface PlanPoint {
  month: number
  amount: Dec | null
}

export interface EvaluationTexts {
  achieved: string | null
  conclusion: string | null
  problems: string | null
  improvements: string | null
}

export interface Project {
  id: number
  year: number
  code: string
  name: string
  unit_code: string
  unit_name: string
  money_unit: '元' | '万元' | '亿元'
  budget: Budget
  fund_use: string | null
  goal: string | null
  spending_plan: PlanPoint[]
  texts: EvaluationTexts
}

export interface Target {
  kind: Kind
  op: Op | null
  value: Dec | null
  value_max: Dec | null
  unit: string | null
  date: string | null
  label: string | null
}

export interface Indicator {
  id: number
  project_id: number
  key: string | null
  position: number
  level1: string
  level2: string
  level3: string
  description: string | null
  target_text: string
  target: Target
  target_manual: boolean
  basis: string | null
  weight: Dec | null
  accumulation_set: 'cumulative' | 'level' | null
  not_applicable: string | null
}

export interface ActualInput {
  value: string | null
  done_on: string | null
  level: Level | null
  ratio: Dec | null
  reason: string | null
  measures: string | null
  forecast: string | null
  likelihood: Likelihood | null
  reason_category: ReasonCategory | null
}

export interface Actual {
  id: number
  indicator_id: number
  period: string
  value: Dec | null
  value_unit: string | null
  done_on: string | null
  level: Level | null
  ratio: Dec | null
  reason: string | null
  measures: string | null
  forecast: string | null
  likelihood: Likelihood | null
  reason_category: ReasonCategory | null
  updated_at: string
}

export interface Spending {
  id: number
  project_id: number
  period: string
  amount: Dec
  reason: string | null
  measures: string | null
  updated_at: string
}

export interface SpendingInput {
  amount: string | null
  reason: string | null
  measures: string | null
}

export interface BudgetExecution {
  budget: Dec
  spent: Dec
  rate: Dec | null
  score: Dec
  light: Light
  needs_explanation: boolean
  explanation_missing: boolean
  planned: Dec
  progress: Dec | null
}

export interface IndicatorEvaluation {
  id: string
  level1: string
  level2: string
  level3: string
  target: string
  actual: string | null
  status: Status
  completion_ratio: Dec | null
  weight: Dec | null
  score: Dec
  light: Light
  progress: Dec | null
  needs_explanation: boolean
  explanation_missing: boolean
}

export interface ProjectEvaluation {
  code: string
  name: string
  unit: string
  budget_execution: BudgetExecution
  indicators: IndicatorEvaluation[]
  indicator_score: Dec
  total_score: Dec
  grade: '优' | '良' | '中' | '差'
  warnings: string[]
}

export interface Evaluation {
  year: number
  period: string
  projects: ProjectEvaluation[]
}

export interface SettingView {
  key: string
  value: string
  default: string
  label: string
}

export interface ImportSummary {
  units: number
  projects: number
  indicators: number
  actuals: number
  spending: number
  replaced: string[]
  backup: string | null
}

export interface DemoSummary {
  projects: number
  indicators: number
  actuals: number
  spending: number
}

export interface ExportSummary {
  path: string
  projects: number
}
