// Display helpers. The UI never computes a score and never rounds: the core sends
// numbers as they are shown (`98.90%`, `1694000.50`); these only group digits,
// name periods and lay tables out.
import type { IndicatorEvaluation } from './types'

export const QUARTER_NAMES = ['第一季度', '第二季度', '第三季度', '第四季度']

/** `2023Q2` → `2023年第二季度`. */
export function periodName(period: string): string {
  const m = /^(\d{4})Q([1-4])$/.exec(period)
  if (!m) return period
  return `${m[1]}年${QUARTER_NAMES[Number(m[2]) - 1]}`
}

/**
 * An amount as the core wrote it (already rounded, `"1694000.50"`), with
 * thousands separators: `"1,694,000.50"`. Anything else (`—`) is shown as it is.
 */
export function money(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—'
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(value.trim())
  if (!m) return value
  const [, sign, int, frac = ''] = m
  return sign + int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + frac
}

/**
 * Row spans for a table laid out like the printed 绩效目标表: consecutive rows with
 * the same level-1 (and, inside it, the same level-2) share one merged cell.
 * Returns, per row, the rowspan of its level-1 and level-2 cell (0 = covered).
 */
export function mergeSpans(rows: { level1: string; level2: string }[]): { l1: number; l2: number }[] {
  const out = rows.map(() => ({ l1: 0, l2: 0 }))
  let i = 0
  while (i < rows.length) {
    let j = i
    while (j < rows.length && rows[j].level1 === rows[i].level1) j++
    out[i].l1 = j - i
    let k = i
    while (k < j) {
      let m = k
      while (m < j && rows[m].level2 === rows[k].level2) m++
      out[k].l2 = m - k
      k = m
    }
    i = j
  }
  return out
}

/** How many indicators still lack the explanation §6 of the scoring rules asks for. */
export function missingExplanations(indicators: IndicatorEvaluation[]): number {
  return indicators.filter((i) => i.explanation_missing).length
}

/** Empty strings become null: the core treats both as "not given". */
export function blankToNull(s: string | null | undefined): string | null {
  return s === undefined || s === null || s.trim() === '' ? null : s
}
