import { describe, expect, it } from 'vitest'
import { chartOption, CHART_COLOURS } from './planChart'
import type { PlanRow, Trajectory } from './plansApi'

const trajectory: Trajectory = {
  points: [
    { year: 2020, path: '4396.00', milestone: null, actual: null },
    { year: 2021, path: '5116.80', milestone: null, actual: '5096' },
    { year: 2022, path: '5837.60', milestone: '5900', actual: null },
    { year: 2023, path: '6558.40', milestone: null, actual: '6496' },
    { year: 2024, path: '7279.20', milestone: null, actual: null },
    { year: 2025, path: '8000.00', milestone: null, actual: null },
  ],
  target: '8000',
  target_year: 2025,
  baseline: '4396',
  baseline_year: 2020,
}

const row = {
  id: '5', name: '高新技术企业数量', unit: '家', kind: 'level', attribute: '预期性', direction: 'up',
  actual: '6496', mean: null, expected: '6558.40', progress: '0.9711', average_growth: null,
  status: 'on_track', label: '基本符合预期', light: 'green', needed_per_year: '752.00', lead_unit: null,
} as PlanRow

type AnySeries = { name: string; type: string; data: unknown[]; markLine?: { data: { yAxis: number }[]; label: { formatter: string } } }

describe('chartOption', () => {
  it('places the core’s figures: path, milestones, actuals with gaps, the target line and the expected point', () => {
    const o = chartOption(trajectory, row, 2023)
    expect((o.xAxis as { data: string[] }).data).toEqual(['2020', '2021', '2022', '2023', '2024', '2025'])
    const s = o.series as AnySeries[]
    expect(s.map((x) => x.name)).toEqual(['规划路径', '里程碑', '实际值', '2023年序时目标'])
    expect(s[0].data).toEqual([4396, 5116.8, 5837.6, 6558.4, 7279.2, 8000])
    expect(s[0].markLine!.data).toEqual([{ yAxis: 8000 }])
    expect(s[0].markLine!.label.formatter).toBe('目标 8000家（2025年）')
    expect(s[1].data).toEqual([null, null, 5900, null, null, null])
    // a year without an actual is a gap, not a zero
    expect(s[2].data).toEqual([null, 5096, null, 6496, null, null])
    expect(s[3].data).toEqual([['2023', 6558.4]])
    expect((o.yAxis as { name: string }).name).toBe('家')
  })

  it('draws no target line without a target, and no expected point without one or outside the axis', () => {
    const o = chartOption({ ...trajectory, target: null }, { ...row, expected: null }, 2023)
    const s = o.series as AnySeries[]
    expect(s[0].markLine).toBeUndefined()
    expect(s.map((x) => x.name)).toEqual(['规划路径', '里程碑', '实际值'])
    const later = chartOption(trajectory, row, 2030).series as AnySeries[]
    expect(later).toHaveLength(3)
  })

  it('uses the app’s colours and never animates (the e2e and the print see the finished chart)', () => {
    const o = chartOption(trajectory, row, 2023)
    expect(o.animation).toBe(false)
    const s = o.series as { itemStyle: { color: string } }[]
    expect(s[2].itemStyle.color).toBe(CHART_COLOURS.actual)
  })
})
