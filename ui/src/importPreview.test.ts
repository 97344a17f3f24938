import { describe, expect, it } from 'vitest'
import { doubtOf, editField, editPlan, editProject, importable, summaryText, unitChoices, unstatedRows } from './importPreview'
import type { ExchangeFile, Preview, PreviewIndicator } from './types'

const file: ExchangeFile = {
  format: 'jixiao-exchange',
  version: 1,
  units: [],
  projects: [
    {
      year: 2023, code: 'P1', unit: '505000', name: '项目', money_unit: '万元', budget: null, fund_use: null, goal: null,
      spending_plan: [], actuals: [], spending: [], evaluation: null,
      indicators: [
        { level1: '成本指标', level2: '经济成本指标', level3: '单价', description: null, target: '≤3000元', basis: null,
          weight: null, accumulation: null, not_applicable: null, guessed: ['level2'] },
      ],
    },
  ],
}

describe('import preview', () => {
  it('offers every format the core reads, by extension', () => {
    for (const p of ['/a/预算.PDF', 'C:\\x\\表.xlsx', 'b.xls', 't.txt', 'e.json']) expect(importable(p)).toBe(true)
    for (const p of ['a.doc', 'pdf', '/x.pdf/readme']) expect(importable(p)).toBe(false)
  })

  it('an edited guess is the officer’s: no longer marked, the original file untouched', () => {
    const edited = editField(file, 0, 0, 'level2', ' 社会成本指标 ')
    expect(edited.projects[0].indicators[0].level2).toBe('社会成本指标')
    expect(edited.projects[0].indicators[0].guessed).toEqual([])
    expect(file.projects[0].indicators[0].level2).toBe('经济成本指标')
    expect(file.projects[0].indicators[0].guessed).toEqual(['level2'])
    expect(editField(file, 0, 0, 'target', '  ').projects[0].indicators[0].target).toBeNull()
    expect(editField(file, 0, 0, 'basis', '行业标准').projects[0].indicators[0].basis).toBe('行业标准')
  })

  it('reads a row’s doubts of one field', () => {
    const row: PreviewIndicator = {
      understood: '',
      direction_guessed: false,
      findings: [],
      doubts: [
        { field: 'level2', message: 'a' },
        { field: 'target', message: 'b' },
        { field: 'level2', message: 'c' },
      ],
    }
    expect(doubtOf(row, 'level2')).toBe('a；c')
    expect(doubtOf(row, 'level1')).toBe('')
    expect(doubtOf(undefined, 'level1')).toBe('')
  })

  it('names the rows whose target states no direction, for the officer to confirm', () => {
    const bare = JSON.parse(JSON.stringify(file)) as ExchangeFile
    bare.projects[0].indicators.push({ ...bare.projects[0].indicators[0], level3: '人均成本', target: '1500元', guessed: ['op'] })
    const row = (guessed: boolean): PreviewIndicator => ({ understood: guessed ? '≥ 1500 元' : '≤ 3000 元', direction_guessed: guessed, doubts: [], findings: [] })
    const preview: Preview = {
      file: bare, error: null, warnings: [], backup: false, new_units: [], basis_choices: [],
      projects: [{ replaces: false, refused: null, conclusion: null, findings: [], plan: [], indicators: [row(false), row(true)] }],
    }
    expect(unstatedRows(preview)).toEqual(['项目 P1 第 2 行“人均成本”：1500元（按 ≥ 1500 元 理解）'])
    preview.projects[0].indicators[1].direction_guessed = false
    expect(unstatedRows(preview)).toEqual([])
  })

  it('says where the backup went, or that none was needed', () => {
    const s = { units: 1, projects: 1, indicators: 10, actuals: 0, spending: 0, replaced: [], backup: '/b/before-import.sqlite3', warnings: [], new_units: [] }
    expect(summaryText(s)).toBe('导入完成：1 个项目，10 个指标。导入前已自动备份数据库到 /b/before-import.sqlite3。')
    expect(summaryText({ ...s, backup: null, replaced: ['2023 P1'] })).toContain('替换了已有项目 2023 P1。导入前数据库为空，无需备份')
    expect(summaryText({ ...s, new_units: ['某市基层卫生服务中心'] })).toContain('新建了单位 某市基层卫生服务中心')
  })
})

describe('a project’s unit and code in the preview', () => {
  it('are set on a copy; blank is none', () => {
    const f = editProject(file, 0, 'unit', ' 505001 ')
    expect(f.projects[0].unit).toBe('505001')
    expect(file.projects[0].unit).toBe('505000')
    expect(editProject(file, 0, 'unit', '').projects[0].unit).toBeNull()
    expect(editProject(file, 0, 'code', ' P2 ').projects[0].code).toBe('P2')
  })
  it('a checkpoint of the plan is set on a copy, in month order; blank is none', () => {
    const f = editPlan(file, 0, 3, ' 200 ')
    const months = f.projects[0].spending_plan.map((x) => [x.month, x.amount])
    expect(months[0]).toEqual([3, '200'])
    expect(months.map((m) => m[0])).toEqual([...months.map((m) => m[0] as number)].sort((a, b) => a - b))
    expect(file.projects[0].spending_plan.some((x) => x.month === 3 && x.amount === '200')).toBe(false)
    expect(editPlan(f, 0, 3, '').projects[0].spending_plan.find((x) => x.month === 3)?.amount).toBeNull()
  })
  it('offers the file’s units first, then the stored ones, each once', () => {
    const f = { ...file, units: [{ code: 'A', name: '甲', parent: null }] }
    expect(unitChoices(f, [{ code: 'B', name: '乙' }, { code: 'A', name: '甲（库）' }])).toEqual([
      { code: 'A', name: '甲' },
      { code: 'B', name: '乙' },
    ])
  })
})
