// Helpers of the 编辑 screen: the standard indicator levels, and first checks of
// typed numbers so that a mistake gets a Chinese message before anything is sent.
import { editApi, type ProjectDependents } from './editApi'
import { LEVEL1 as CORE_LEVEL1, LEVEL2_OF } from './generated/constants'

/** 一级指标 of the standard 绩效目标表 (the core's `model::LEVEL1`). */
export const LEVEL1: readonly string[] = CORE_LEVEL1

/** 二级指标 under each standard 一级指标 (the core's `model::LEVEL2`, grouped). */
export const LEVEL2: Record<string, string[]> = {}
for (const [level2, level1] of LEVEL2_OF) (LEVEL2[level1] ??= []).push(level2)

/** The 二级指标 offered for a 一级指标: its own first, then all the others (free text is allowed too). */
export function level2Options(level1: string): string[] {
  const own = LEVEL2[level1.trim()] ?? []
  const all = Object.values(LEVEL2).flat()
  return [...own, ...all.filter((x) => !own.includes(x))]
}

/**
 * An amount or 分值 as typed (`1,234.5`, full-width digits) → the decimal string the
 * core takes, null when blank, or the core's error. The core reads it
 * (`entry::check_decimal`): the same rule as an import.
 */
export async function checkMoney(text: string | null | undefined, label: string): Promise<string | null | { error: string }> {
  if (text === null || text === undefined || text.trim() === '') return null
  try {
    return await editApi.checkDecimal(text, label)
  } catch (e) {
    return { error: (e as { message?: string })?.message ?? String(e) }
  }
}

/** Whether a check answered with an error. */
export function isErr(r: string | null | { error: string }): r is { error: string } {
  return r !== null && typeof r === 'object'
}

/** 分值 as typed → decimal string, null when blank, or an error. */
export function checkWeight(text: string | null | undefined): Promise<string | null | { error: string }> {
  return checkMoney(text, '分值')
}

/** `将同时删除 10 个指标、18 条实际值和 2 条执行数记录。` — what goes with a project. */
export function describeDependents(d: ProjectDependents): string {
  const parts: string[] = []
  if (d.indicators) parts.push(`${d.indicators} 个指标`)
  if (d.actuals) parts.push(`${d.actuals} 条实际值`)
  if (d.spending) parts.push(`${d.spending} 条执行数记录`)
  if (!parts.length) return '该项目尚无指标和填报数据。'
  const last = parts.pop()!
  return `将同时删除 ${parts.length ? parts.join('、') + '和 ' : ''}${last}。`
}
