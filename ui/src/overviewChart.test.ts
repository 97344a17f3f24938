import { describe, expect, it } from 'vitest'
import { gradesOption, lightsOption, moneyOption, unitsOption, PALETTE, LIGHTS } from './overviewChart'
import { LIGHT_COLOURS } from './labels'
import type { Overview } from './generated/Overview'

// The shape `jixiao overview --json` writes (figures of the sample bureau, 2023).
const overview: Overview = {
  year: 2023,
  unit: null,
  projects: 3,
  quarters: [
    { period: '2023Q1', lights: { green: 0, yellow: 0, red: 0, blue: 0, none: 29 }, budget: '2220.00', planned: '932.50', spent: '0.00', schedule: '555.00', rate_percent: '0.00', recorded: false },
    { period: '2023Q2', lights: { green: 15, yellow: 3, red: 1, blue: 6, none: 4 }, budget: '2220.00', planned: '1865.00', spent: '1016.50', schedule: '1110.00', rate_percent: '45.79', recorded: true },
    { period: '2023Q3', lights: { green: 0, yellow: 0, red: 0, blue: 0, none: 29 }, budget: '2220.00', planned: '2015.00', spent: '0.00', schedule: '1665.00', rate_percent: '0.00', recorded: false },
    { period: '2023Q4', lights: { green: 22, yellow: 0, red: 1, blue: 6, none: 0 }, budget: '2220.00', planned: '2220.00', spent: '2180.00', schedule: '2220.00', rate_percent: '98.20', recorded: true },
  ],
  grades: { 优: 3, 良: 0, 中: 0, 差: 0 },
  behind: [{ code: '37020023P88002811135Y', name: '大数据发展专项业务费', unit: '505001', unit_name: '青岛市大数据发展管理局本级', red: 1, yellow: 0, id: 3 }],
  units: [
    { code: '505000', name: '青岛市大数据发展管理局本级(系统)', projects: 2, budget: '1765.00', planned: '1765.00', spent: '1730.00', rate: '0.9802', rate_percent: '98.02', behind_schedule: true },
    { code: '505001', name: '青岛市大数据发展管理局本级', projects: 1, budget: '455.00', planned: '455.00', spent: '450.00', rate: '0.9890', rate_percent: '98.90', behind_schedule: false },
    { code: '505002', name: '无预算单位', projects: 1, budget: '0.00', planned: '0.00', spent: '0.00', rate: null, rate_percent: null, behind_schedule: false },
  ],
  period: '2023Q4',
  schedule_percent: '100.00',
}

type Series = { name: string; type: string; stack?: string; data: unknown[]; itemStyle?: { color: string }; markLine?: { data: { yAxis: string }[]; label: { formatter: string } } }
const series = (o: { series?: unknown }) => o.series as Series[]

describe('lightsOption', () => {
  it('stacks each light’s count per quarter, in the lights’ colours', () => {
    const s = series(lightsOption(overview))
    expect(s.map((x) => x.name)).toEqual(['红灯', '黄灯', '绿灯', '蓝灯（超序时）', '未填报'])
    expect(s.every((x) => x.type === 'bar' && x.stack === 'lights')).toBe(true)
    expect(s[0].data).toEqual([0, 1, 0, 1])
    expect(s[2].data).toEqual([0, 15, 0, 22])
    expect(s[4].data).toEqual([29, 4, 29, 0])
    expect(s.map((x) => x.itemStyle!.color)).toEqual(['#d93026', '#e6a23c', '#2e9d4f', '#2f6fd6', '#b4b8bf'])
  })
})

describe('moneyOption', () => {
  it('draws the core’s strings as they are: spent, plan, 序时进度', () => {
    const s = series(moneyOption(overview))
    expect(s.map((x) => x.name)).toEqual(['实际支出', '支出计划', '序时进度'])
    // nothing recorded in Q1 and Q3: gaps, not zeros
    expect(s[0].data).toEqual(['-', '1016.50', '-', '2180.00'])
    expect(s[1].data).toEqual(['932.50', '1865.00', '2015.00', '2220.00'])
    expect(s[2].data).toEqual(['555.00', '1110.00', '1665.00', '2220.00'])
  })
})

describe('unitsOption', () => {
  it('a bar per unit, coloured by the core’s behind_schedule, the 序时进度 as a line across', () => {
    const o = unitsOption(overview, (code) => `名${code}`)
    expect((o.xAxis as { data: string[] }).data).toEqual(['名505000', '名505001', '名505002'])
    const [bars] = series(o)
    expect(bars.data).toEqual([
      { value: '98.02', itemStyle: { color: PALETTE.yellow } },
      { value: '98.90', itemStyle: { color: PALETTE.green } },
      // no budget: no bar
      { value: '-', itemStyle: { color: PALETTE.green } },
    ])
    expect(bars.markLine!.data).toEqual([{ yAxis: '100.00' }])
    expect(bars.markLine!.label.formatter).toBe('序时进度 100.00%')
  })
})

describe('gradesOption', () => {
  it('the count of each grade', () => {
    const [bars] = series(gradesOption(overview))
    expect(bars.data).toEqual([
      { value: 3, itemStyle: { color: PALETTE.green } },
      { value: 0, itemStyle: { color: PALETTE.blue } },
      { value: 0, itemStyle: { color: PALETTE.yellow } },
      { value: 0, itemStyle: { color: PALETTE.red } },
    ])
  })
})

describe('PALETTE', () => {
  it('draws the lights in the app’s colours of them', () => {
    const s = series(lightsOption(overview))
    expect(s.map((x) => x.itemStyle!.color)).toEqual(LIGHTS.map((l) => LIGHT_COLOURS[l.colour as keyof typeof LIGHT_COLOURS]))
  })
  it('every light of the stack has a palette colour', () => {
    for (const l of LIGHTS) expect(PALETTE[l.colour]).toMatch(/^#[0-9a-f]{6}$/)
  })
})

