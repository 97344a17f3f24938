// The 总览's commands (src-tauri/src/overview.rs): the year at a glance as the
// core sums it up (a chart is saved as a PNG by `save_png`). Every figure comes from the core.
import { call } from './api'
import type { Overview } from './generated/Overview'
import type { OverviewBehind } from './generated/OverviewBehind'
import type { OverviewUnit } from './generated/OverviewUnit'
import type { OverviewQuarter } from './generated/OverviewQuarter'
export type { Overview, OverviewBehind, OverviewUnit, OverviewQuarter }


export const overviewApi = {
  overview: (year: number, unit: string | null) => call<Overview>('overview', { year, unit }),
}
