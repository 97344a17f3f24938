// Types of what the core returns. They mirror the Rust structs of the `jixiao`
// crate (and the evaluation JSON of the CLI's `evaluate --json`).

export type Light = 'red' | 'yellow' | 'green' | 'blue' | 'grey'
export type Status = 'pass' | 'fail' | 'missing' | 'not_applicable' | 'not_understood'
export type Grade = '优' | '良' | '中' | '差'

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
  code: string
  name: string
  parent: string | null
}

export interface BudgetExecution {
  budget: string
  spent: string
  rate: string | null
  score: string
  light: Light
  needs_explanation: boolean
}

export interface IndicatorEvaluation {
  id: string
  level1: string
  level2: string
  level3: string
  target: string
  actual: string | null
  status: Status
  completion_ratio: string | null
  weight: string
  score: string
  light: Light
  progress: string | null
  needs_explanation: boolean
  explanation_missing: boolean
}

export interface ProjectEvaluation {
  code: string
  name: string
  unit: string
  budget_execution: BudgetExecution
  indicators: IndicatorEvaluation[]
  indicator_score: string
  total_score: string
  grade: Grade
}

export interface Evaluation {
  year: number
  period: string
  projects: ProjectEvaluation[]
}
