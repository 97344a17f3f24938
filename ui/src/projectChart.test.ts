import { describe, expect, it } from 'vitest'
import { indicatorChartOption, LINE_COLOURS, moneyChartOption, plotted, pngBytes } from './projectChart'
import { LIGHT_COLOURS, lightVariables } from './labels'
import type { IndicatorSeries } from './generated/IndicatorSeries'
import type { MoneyQuarter } from './generated/MoneyQuarter'
import type { Light } from './types'

const count: IndicatorSeries = {
  indicator_id: 7,
  level3: '提供法律意见次数',
  target_text: '≥20次',
  unit: '次',
  target: '20',
  target_max: null,
  cumulative: true,
  points: [
    { period: '2023Q1', actual: '4', expected: '5', light: 'green' },
    { period: '2023Q2', actual: null, expected: '10', light: 'grey' },
    { period: '2023Q3', actual: '9', expected: '15', light: 'yellow' },
    { period: '2023Q4', actual: '25.5', expected: '20', light: 'blue' },
  ],
}

type Line = {
  name: string
  data: unknown[]
  lineStyle: { type?: string; color: string }
  markLine?: { data: { yAxis: number; label: { formatter: string } }[] }
}

function quarter(q: number, spent: string | null, planned: string, light: Light): MoneyQuarter {
  return {
    period: `2023Q${q}`,
    spending: spent === null ? null : { id: q, project_id: 1, period: `2023Q${q}`, amount: spent, reason: null, measures: null, updated_at: '' },
    execution: {
      budget: '455.00', spent: spent ?? '0.00', rate: null, score: '0.00', light, needs_explanation: false, explanation_missing: false,
      planned, progress: null, rate_pct: '—', progress_pct: '—',
    },
  }
}

describe('indicatorChartOption', () => {
  it('places the core’s actuals (a gap where none), its 序时进度 and the target line, and names the chart', () => {
    const o = indicatorChartOption(count)
    expect((o.xAxis as { data: string[] }).data).toEqual(['第一季度', '第二季度', '第三季度', '第四季度'])
    const s = o.series as Line[]
    expect(s.map((x) => x.name)).toEqual(['累计完成值', '序时进度'])
    expect(plotted(o)).toEqual([
      [4, null, 9, 25.5],
      [5, 10, 15, 20],
    ])
    expect(s[0].markLine!.data).toEqual([{ yAxis: 20, label: { formatter: '年度目标 20次' } }])
    expect(s[1].lineStyle.type).toBe('dashed')
    // the actuals are drawn over the pace line, so a quarter on pace keeps its light's colour
    expect((s[1] as Line & { z: number }).z).toBeLessThan((s[0] as Line & { z?: number }).z ?? 2)
    expect((o.title as { text: string; subtext: string })).toMatchObject({ text: '提供法律意见次数', subtext: '年度指标值 ≥20次' })
    expect((o.yAxis as { name: string }).name).toBe('次')
  })

  it('colours each point by the light the evaluation gave its quarter', () => {
    const points = (indicatorChartOption(count).series as Line[])[0].data as { itemStyle: { color: string }; light: string }[]
    expect(points.map((p) => p.itemStyle.color)).toEqual([LIGHT_COLOURS.green, LIGHT_COLOURS.grey, LIGHT_COLOURS.yellow, LIGHT_COLOURS.blue])
    expect(points.map((p) => p.light)).toEqual(['绿灯', '未填报', '黄灯', '蓝灯'])
  })

  it('draws no pace line for a level target, and both ends of a range', () => {
    const level = indicatorChartOption({ ...count, cumulative: false, points: count.points.map((p) => ({ ...p, expected: null })) })
    expect((level.series as Line[]).map((x) => x.name)).toEqual(['累计完成值'])
    const range = indicatorChartOption({ ...count, target: '5', target_max: '6', unit: '万元' })
    expect((range.series as Line[])[0].markLine!.data.map((d) => [d.yAxis, d.label.formatter])).toEqual([
      [5, '目标下限 5万元'],
      [6, '目标上限 6万元'],
    ])
  })

  it('never animates (the e2e, the picture and the print see the finished chart)', () => {
    expect(indicatorChartOption(count).animation).toBe(false)
  })
})

describe('moneyChartOption', () => {
  const qs = [
    quarter(1, '100.00', '113.75', 'green'),
    quarter(2, null, '227.50', 'red'),
    quarter(3, '300.00', '341.25', 'green'),
    quarter(4, '450.00', '455.00', 'green'),
  ]
  it('places spending where entered, the plan due by each quarter’s end and the budget, as the 资金 table shows them', () => {
    const o = moneyChartOption(qs, '万元')
    const s = o.series as Line[]
    expect(s.map((x) => x.name)).toEqual(['累计支出', '序时应支出'])
    expect(plotted(o)).toEqual([
      [100, null, 300, 450],
      [113.75, 227.5, 341.25, 455],
    ])
    expect(s[0].markLine!.data).toEqual([{ yAxis: 455, label: { formatter: '预算 455.00万元' } }])
    const points = s[0].data as { itemStyle: { color: string } }[]
    expect(points[1].itemStyle.color).toBe(LIGHT_COLOURS.red)
    expect((o.yAxis as { name: string }).name).toBe('万元')
  })
  it('draws no budget line without quarters', () => {
    expect((moneyChartOption([], '元').series as Line[])[0].markLine!.data).toEqual([])
  })
})

describe('colours', () => {
  it('are the stylesheet’s, set from the one list (labels.ts) and written nowhere else', async () => {
    expect(lightVariables()).toEqual(Object.entries(LIGHT_COLOURS).map(([l, c]) => [`--jx-${l}`, c]))
    // node's fs, in the test only (the UI's types know no node)
    const fs = (await import(/* @vite-ignore */ ['node', 'fs'].join(':'))) as { readFileSync(p: URL, enc: 'utf8'): string }
    const css = fs.readFileSync(new URL('./styles.css', import.meta.url), 'utf8')
    for (const [name] of lightVariables()) {
      expect(css).toContain(`var(${name})`)
      expect(css).not.toContain(`${name}:`)
    }
  })
  it('keep the lines apart from every light', () => {
    for (const c of Object.values(LINE_COLOURS)) expect(Object.values(LIGHT_COLOURS)).not.toContain(c)
  })
})

describe('pngBytes', () => {
  it('decodes the picture ECharts gives, and refuses anything else', () => {
    expect(pngBytes('data:image/png;base64,iVBORw0KGgo=')).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    expect(() => pngBytes('data:image/jpeg;base64,AAAA')).toThrow('图表图片无效')
  })
})
