// Helpers of the import preview (导入): the formats offered, what is doubtful
// about a row, the officer's edits of the file as read, and the summary in
// words. The rules (what was understood, what is doubtful, the review) are the
// core's: the preview shows what `import_preview` answered.
import type { ExchangeFile, ImportSummary, Preview, PreviewIndicator } from './types'

/** Every format the import reads, for the file dialog and a dropped file. */
export const IMPORT_EXTENSIONS = ['json', 'pdf', 'xlsx', 'xls', 'xlsm', 'txt']

export const IMPORT_FILTERS = [
  { name: '所有支持的文件（PDF、Excel、文本、交换文件）', extensions: IMPORT_EXTENSIONS },
  { name: 'PDF 文件', extensions: ['pdf'] },
  { name: 'Excel 工作簿', extensions: ['xlsx', 'xls', 'xlsm'] },
  { name: '文本文件', extensions: ['txt'] },
  { name: '交换文件（JSON）', extensions: ['json'] },
]

/** Whether the import reads a file of this name (by its extension). */
export function importable(path: string): boolean {
  const ext = path.split(/[\\/]/).pop()!.split('.').pop()!.toLowerCase()
  return path.includes('.') && IMPORT_EXTENSIONS.includes(ext)
}

/** The file's name without its folder. */
export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path
}

export type Field = 'level1' | 'level2' | 'level3' | 'target' | 'basis'

/** What is doubtful about one field of a row, in words; '' when nothing is. */
export function doubtOf(row: PreviewIndicator | undefined, field: Field): string {
  return (row?.doubts ?? []).filter((d) => d.field === field).map((d) => d.message).join('；')
}

/**
 * The officer's edit of a field of indicator `i` of project `p`: the value is
 * set and, being the officer's, is no longer a guess. Returns the edited file
 * (a copy), to check again.
 */
export function editField(file: ExchangeFile, p: number, i: number, field: Field, value: string): ExchangeFile {
  const copy: ExchangeFile = JSON.parse(JSON.stringify(file))
  const ind = copy.projects[p].indicators[i]
  const v = value.trim()
  if (field === 'level3') ind.level3 = v
  else ind[field] = v === '' ? null : v
  if (ind.guessed) ind.guessed = ind.guessed.filter((g) => g !== field)
  return copy
}

/** The officer's edit of project `p`'s unit, code or name (a copy of the file). */
export function editProject(file: ExchangeFile, p: number, field: 'unit' | 'code' | 'name', value: string): ExchangeFile {
  const copy: ExchangeFile = JSON.parse(JSON.stringify(file))
  const v = value.trim()
  if (field === 'code') copy.projects[p].code = v
  else copy.projects[p][field] = v === '' ? null : v
  return copy
}

/** The file with project `p`'s planned spending at the end of `month` set to `value` (blank: none). */
export function editPlan(file: ExchangeFile, p: number, month: number, value: string): ExchangeFile {
  const copy: ExchangeFile = JSON.parse(JSON.stringify(file))
  const amount = value.trim() === '' ? null : value.trim()
  const plan = copy.projects[p].spending_plan.filter((x) => x.month !== month)
  plan.push({ month, amount })
  copy.projects[p].spending_plan = plan.sort((a, b) => a.month - b.month)
  return copy
}

/** The units a project may belong to: the file's own, then the database's (by code, each once). */
export function unitChoices(file: ExchangeFile, stored: { code: string; name: string }[]): { code: string; name: string }[] {
  const out = new Map<string, string>()
  for (const u of file.units) out.set(u.code, u.name ?? u.code)
  for (const u of stored) if (!out.has(u.code)) out.set(u.code, u.name)
  return [...out].map(([code, name]) => ({ code, name }))
}

/** What an import did, in a sentence: counts, replaced projects, the backup. */
export function summaryText(s: ImportSummary): string {
  const parts = [`导入完成：${s.projects} 个项目，${s.indicators} 个指标`]
  if (s.actuals) parts.push(`${s.actuals} 条完成值`)
  if (s.spending) parts.push(`${s.spending} 条支出`)
  let text = parts.join('，')
  if (s.replaced.length) text += `；替换了已有项目 ${s.replaced.join('、')}`
  if (s.new_units.length) text += `；新建了单位 ${s.new_units.join('、')}（可在“编辑”中修改单位编码和名称）`
  text += s.backup ? `。导入前已自动备份数据库到 ${s.backup}` : '。导入前数据库为空，无需备份'
  if (s.warnings.length) text += `。请核对：${s.warnings.join('；')}`
  return text + '。'
}

/**
 * The rows whose target states no direction (a bare `95%`, read as ≥), in
 * words: the import of such rows needs the officer's confirmation.
 */
export function unstatedRows(preview: Preview): string[] {
  return preview.projects.flatMap((pp, p) => {
    const xp = preview.file.projects[p]
    return pp.indicators.flatMap((row, i) => {
      const xi = xp?.indicators[i]
      return row.direction_guessed && xi ? [`项目 ${xp.code} 第 ${i + 1} 行“${xi.level3}”：${xi.target ?? ''}（按 ${row.understood} 理解）`] : []
    })
  })
}
