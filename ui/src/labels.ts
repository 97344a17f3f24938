// The UI's own words and colours for the core's values: how a light, a status
// or a grade is shown on screen (a status's word and the actual as printed come
// from the core: `status_word`, `actual_shown`). Mappings only, in one place; every value they
// are given was computed by the core.
import type { Light } from './types'
import type { Severity } from './generated/Severity'

export const LIGHT_NAMES: Record<Light, string> = {
  red: '红灯',
  yellow: '黄灯',
  green: '绿灯',
  blue: '蓝灯',
  grey: '未填报',
}

/** The lights' colours, the app's one list of them: charts draw with these, and
 *  the stylesheet's `--jx-red` … `--jx-grey` are set from them (`lightVariables`, main.ts). */
export const LIGHT_COLOURS: Record<Light, string> = {
  red: '#d93026',
  yellow: '#e6a23c',
  green: '#2e9d4f',
  blue: '#2f6fd6',
  grey: '#b4b8bf',
}

/** The stylesheet's variables of the lights (`--jx-red: #d93026` …), as main.ts sets them on the page. */
export function lightVariables(): [string, string][] {
  return Object.entries(LIGHT_COLOURS).map(([light, colour]) => [`--jx-${light}`, colour])
}

/** Element Plus tag colours of the grades 优 / 良 / 中 / 差. */
export type TagType = 'success' | 'primary' | 'warning' | 'danger'
const GRADE_TAGS: Record<string, TagType> = { 优: 'success', 良: 'primary', 中: 'warning', 差: 'danger' }

/** The tag colour of a grade (no colour for a word the map does not know). */
export function gradeTag(grade: string): TagType | undefined {
  return GRADE_TAGS[grade]
}

/** A review finding's severity: its word and its Element Plus tag colour. */
export const SEVERITY: Record<Severity, { word: string; tag: 'danger' | 'warning' | 'info' }> = {
  error: { word: '错误', tag: 'danger' },
  warning: { word: '警告', tag: 'warning' },
  info: { word: '提示', tag: 'info' },
}

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十']

/** A numbered heading of a printed form's part, as forms.typ writes it: `一、完整性`. */
export function sectionHeading(index: number, name: string): string {
  return `${NUMERALS[index] ?? String(index + 1)}、${name}`
}

/** A signature line of a printed form: a line to sign on, or a date to fill in (`…日期`). */
export function signatureKind(label: string): 'date' | 'sign' {
  return label.endsWith('日期') ? 'date' : 'sign'
}
