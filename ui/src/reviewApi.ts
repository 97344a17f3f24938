// The commands of 绩效目标审核 on screen (src-tauri/src/reviewing.rs): a
// project's findings beside its rows, the table as it is being typed, 已知悉.
import { call } from './api'
import type { Acknowledgement } from './generated/Acknowledgement'
import type { DraftRow } from './generated/DraftRow'
import type { Finding } from './generated/Finding'
import type { ShownFinding } from './generated/ShownFinding'
import type { ShownReview } from './generated/ShownReview'
export type { Acknowledgement, DraftRow, Finding, ShownFinding, ShownReview }

/** The finding itself, as the core takes it back (without the screen's row and note). */
export function findingOf(f: ShownFinding): Finding {
  return { rule: f.rule, severity: f.severity, criterion: f.criterion, indicator: f.indicator, message: f.message }
}

export const reviewApi = {
  project: (projectId: number) => call<ShownReview>('review_project', { projectId }),
  draft: (projectId: number, rows: DraftRow[]) => call<ShownReview>('review_draft', { projectId, rows }),
  acknowledge: (projectId: number, f: ShownFinding, note: string) =>
    call<Acknowledgement>('acknowledge_finding', { projectId, finding: findingOf(f), note }),
  unacknowledge: (projectId: number, f: ShownFinding) => call<boolean>('unacknowledge_finding', { projectId, finding: findingOf(f) }),
}
