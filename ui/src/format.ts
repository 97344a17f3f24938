// Display helpers. The UI never computes a score: these only format what the core
// computed, and lay tables out.
import type { Actual, ActualInput, IndicatorEvaluation, Light, Status, Target } from './types'

export const LIGHT_NAMES: Record<Light, string> = {
  red: '红灯',
  yellow: '黄灯',
  green: '绿灯',
  blue: '蓝灯',
  grey: '未填报',
}

export const STATUS_NAMES: Record<Status, string> = {
  pass: '达成',
  fail: '未达成',
  missing: '未填报',
  not_applicable: '不适用',
  not_understood: '指标值无法识别',
}

export const QUARTER_NAMES = ['第一季度', '第二季度', '第三季度', '第四季度']

/** `2023Q2` → `2023年第二季度`. */
export function periodName(period: string): string {
  const m = /^(\d{4})Q([1-4])$/.exec(period)
  if (!m) return period
  return `${m[1]}年${QUARTER_NAMES[Number(m[2]) - 1]}`
}

/** A decimal string with thousands separators and a fixed number of places: `"1234.5"` → `"1,234.50"`. */
export function money(value: string | null | undefined, places = 2): string {
  if (value === null || value === undefined || value === '') return '—'
  const m = /^(-?)(\d+)(?:\.(\d*))?$/.exec(value.trim())
  if (!m) return value
  const [, sign, int, frac = ''] = m
  // Round half away from zero on the decimal digits, without going through floats.
  let digits = int + frac.padEnd(places + 1, '0').slice(0, places + 1)
  const roundUp = Number(digits[digits.length - 1]) >= 5
  digits = digits.slice(0, -1)
  if (roundUp) {
    const arr = digits.split('').map(Number)
    let i = arr.length - 1
    while (i >= 0) {
      if (arr[i] === 9) {
        arr[i] = 0
        i--
      } else {
        arr[i]++
        break
      }
    }
    if (i < 0) arr.unshift(1)
    digits = arr.join('')
  }
  const intPart = digits.slice(0, digits.length - places) || '0'
  const fracPart = places > 0 ? '.' + digits.slice(digits.length - places) : ''
  const grouped = intPart.replace(/^0+(?=\d)/, '').replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  const isZero = /^[0.,]*$/.test(grouped + fracPart)
  return (sign && !isZero ? '-' : '') + grouped + fracPart
}

/** A ratio as a fraction string (`"0.9890"`) shown as a percentage (`"98.90%"`). */
export function percent(ratio: string | null | undefined): string {
  if (ratio === null || ratio === undefined || ratio === '') return '—'
  const m = /^(-?)(\d+)(?:\.(\d*))?$/.exec(ratio.trim())
  if (!m) return ratio
  const [, sign, int, frac = ''] = m
  // Shift the decimal point two places right, exactly.
  const f = frac.padEnd(2, '0')
  const shifted = `${sign}${int}${f.slice(0, 2)}.${f.slice(2)}`.replace(/\.$/, '')
  return money(shifted, 2) + '%'
}

export interface LightCounts {
  red: number
  yellow: number
  green: number
  blue: number
  grey: number
}

export function countLights(items: { light: Light }[]): LightCounts {
  const c: LightCounts = { red: 0, yellow: 0, green: 0, blue: 0, grey: 0 }
  for (const i of items) c[i.light]++
  return c
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

/** Case-insensitive search over a project's code and name. */
export function matchesSearch(p: { code: string; name: string }, q: string): boolean {
  const s = q.trim().toLowerCase()
  if (!s) return true
  return p.code.toLowerCase().includes(s) || p.name.toLowerCase().includes(s)
}

/** Compares two decimal strings numerically (null last); for sorting table columns. */
export function compareDecimal(a: string | null | undefined, b: string | null | undefined): number {
  const na = a === null || a === undefined || a === '' ? NaN : Number(a)
  const nb = b === null || b === undefined || b === '' ? NaN : Number(b)
  if (isNaN(na) && isNaN(nb)) return 0
  if (isNaN(na)) return 1
  if (isNaN(nb)) return -1
  return na - nb
}

/** What the program understood a target to mean, in a person's words: `≥ 20 次`, `≤ 2023-08`. */
export function describeTarget(t: Target): string {
  const op = t.op ?? ''
  switch (t.kind) {
    case 'quantity': {
      const unit = t.unit ?? ''
      if (t.op === 'range' && t.value_max !== null) return `${t.value} — ${t.value_max} ${unit}`.trim()
      return `${op} ${t.value ?? ''} ${unit}`.trim()
    }
    case 'date':
      return `${op} ${t.date ?? ''}`.trim()
    case 'label':
      return `${op} ${t.label ?? ''}`.trim()
    default:
      return '未能识别'
  }
}

/** The text an officer typed for a stored actual, to edit it again: `18次`, or `18` in the target's unit. */
export function actualToInput(a: Actual | undefined): ActualInput {
  return {
    value: a?.value != null ? a.value + (a.value_unit ?? '') : null,
    done_on: a?.done_on ?? null,
    level: a?.level ?? null,
    ratio: a?.ratio ?? null,
    reason: a?.reason ?? null,
    measures: a?.measures ?? null,
    forecast: a?.forecast ?? null,
    likelihood: a?.likelihood ?? null,
    reason_category: a?.reason_category ?? null,
    // A stored record without a date means "not done yet" (only date targets have one).
    not_done: !!a && a.done_on === null && a.value === null && a.level === null,
  }
}

/**
 * A first check of a typed quantity, before it goes to the core (which checks
 * the unit against the target): a number, optionally with thousands separators,
 * full-width digits and a unit after it. Returns a message in Chinese, or null.
 */
export function checkQuantity(text: string): string | null {
  const s = text
    .trim()
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 48))
    .replace(/．/g, '.')
    .replace(/，/g, ',')
    .replace(/\s+/g, '')
  if (s === '') return null
  if (!/^[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?/.test(s)) return '请输入数字，例如 18 或 18次'
  const rest = s.replace(/^[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?/, '')
  if (/\d/.test(rest)) return `“${text.trim()}”不是一个数字`
  return null
}

/** Empty strings become null: the core treats both as "not given". */
export function blankToNull(s: string | null | undefined): string | null {
  return s === undefined || s === null || s.trim() === '' ? null : s
}
