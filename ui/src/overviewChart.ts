// The 总览's charts as ECharts options: lights per quarter (stacked bars),
// spending against the plan and the 序时进度 (lines), each unit's 执行率
// against the 序时进度 (bars, a line across), the grades after Q4 (bars).
// Every figure is the core's (`Overview`, service::overview): these functions
// only place them. Decimals stay the core's strings (ECharts reads numeric
// strings); nothing is added, divided or rounded here.
import type { ComposeOption } from 'echarts/core'
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts'
import type { GridComponentOption, LegendComponentOption, MarkLineComponentOption, TooltipComponentOption } from 'echarts/components'
import type { Overview } from './generated/Overview'
import type { OverviewLights } from './generated/OverviewLights'
import { LIGHT_COLOURS } from './labels'

export type OverviewChartOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | MarkLineComponentOption | TooltipComponentOption
>

/** The charts' colours: the lights' (labels.ts, as everywhere in the app), and the lines that are not lights. */
export const PALETTE = {
  ...LIGHT_COLOURS,
  spent: '#1d3557',
  planned: LIGHT_COLOURS.blue,
  schedule: '#909399',
}
export type Palette = typeof PALETTE

/** Quarters as people name them. */
export const QUARTER_NAMES = ['一季度', '二季度', '三季度', '四季度']

/** The lights in the order they are stacked and named (worst at the bottom). */
export const LIGHTS: { key: keyof OverviewLights; name: string; colour: keyof Palette }[] = [
  { key: 'red', name: '红灯', colour: 'red' },
  { key: 'yellow', name: '黄灯', colour: 'yellow' },
  { key: 'green', name: '绿灯', colour: 'green' },
  { key: 'blue', name: '蓝灯（超序时）', colour: 'blue' },
  { key: 'none', name: '未填报', colour: 'grey' },
]

const GRID = { left: 64, right: 24, top: 44, bottom: 32, containLabel: false }
const LEGEND = { top: 0, textStyle: { fontSize: 12 }, itemWidth: 14, itemHeight: 10 }

/** Indicators by light, a stacked bar per quarter. */
export function lightsOption(o: Overview): OverviewChartOption {
  return {
    animation: false,
    grid: GRID,
    legend: LEGEND,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'category', data: QUARTER_NAMES },
    yAxis: { type: 'value', name: '指标数', nameTextStyle: { fontSize: 11 }, minInterval: 1 },
    series: LIGHTS.map((l) => ({
      name: l.name,
      type: 'bar',
      stack: 'lights',
      barMaxWidth: 56,
      itemStyle: { color: PALETTE[l.colour] },
      data: o.quarters.map((q) => q.lights[l.key]),
    })),
  }
}

/** Spending (cumulative, 万元) against the plan and the 序时进度, a line each, by quarter. */
export function moneyOption(o: Overview): OverviewChartOption {
  const line = (name: string, colour: string, data: string[], dashed = false): LineSeriesOption => ({
    name,
    type: 'line',
    data,
    symbol: 'circle',
    symbolSize: 7,
    connectNulls: true,
    lineStyle: { color: colour, width: dashed ? 2 : 3, type: dashed ? 'dashed' : 'solid' },
    itemStyle: { color: colour },
  })
  return {
    animation: false,
    grid: { ...GRID, left: 84 },
    legend: LEGEND,
    tooltip: { trigger: 'axis', valueFormatter: (v) => `${v} 万元` },
    xAxis: { type: 'category', data: QUARTER_NAMES, boundaryGap: false },
    yAxis: { type: 'value', name: '万元', nameTextStyle: { fontSize: 11 } },
    series: [
      // a quarter with nothing recorded is a gap, not a fall to 0
      line('实际支出', PALETTE.spent, o.quarters.map((q) => (q.recorded ? q.spent : '-'))),
      line('支出计划', PALETTE.planned, o.quarters.map((q) => q.planned)),
      line('序时进度', PALETTE.schedule, o.quarters.map((q) => q.schedule), true),
    ],
  }
}

/**
 * Each unit's 执行率 (percent) in `o.period` as a bar, the 序时进度 at that
 * quarter's end as a line across; a bar the core marks behind the
 * schedule (`behind_schedule`) is coloured as a yellow light, others green.
 */
export function unitsOption(o: Overview, names: (code: string) => string): OverviewChartOption {
  return {
    animation: false,
    grid: { ...GRID, bottom: o.units.length > 6 ? 72 : 40 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => `${v}%` },
    xAxis: {
      type: 'category',
      data: o.units.map((u) => names(u.code)),
      axisLabel: { interval: 0, rotate: o.units.length > 6 ? 30 : 0, fontSize: 11, width: o.units.length > 6 ? 110 : 150, overflow: o.units.length > 6 ? 'truncate' : 'break' },
    },
    yAxis: { type: 'value', name: '执行率（%）', nameTextStyle: { fontSize: 11 } },
    series: [
      {
        name: '执行率',
        type: 'bar',
        barMaxWidth: 40,
        data: o.units.map((u) => ({
          value: u.rate_percent ?? '-',
          itemStyle: { color: u.behind_schedule ? PALETTE.yellow : PALETTE.green },
        })),
        label: { show: o.units.length <= 12, position: 'top', formatter: '{c}%', fontSize: 11 },
        markLine: {
          symbol: 'none',
          silent: true,
          lineStyle: { color: PALETTE.red, type: 'solid', width: 2 },
          label: { formatter: `序时进度 ${o.schedule_percent}%`, position: 'insideStartTop', color: PALETTE.red },
          data: [{ yAxis: o.schedule_percent }],
        },
      },
    ],
  }
}

/** Projects by grade in the Q4 evaluation, a bar each. */
export function gradesOption(o: Overview): OverviewChartOption {
  const grades: { key: '优' | '良' | '中' | '差'; colour: keyof Palette }[] = [
    { key: '优', colour: 'green' },
    { key: '良', colour: 'blue' },
    { key: '中', colour: 'yellow' },
    { key: '差', colour: 'red' },
  ]
  return {
    animation: false,
    grid: GRID,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'category', data: grades.map((g) => g.key) },
    yAxis: { type: 'value', name: '项目数', nameTextStyle: { fontSize: 11 }, minInterval: 1 },
    series: [
      {
        name: '项目数',
        type: 'bar',
        barMaxWidth: 56,
        label: { show: true, position: 'top' },
        data: grades.map((g) => ({ value: o.grades[g.key], itemStyle: { color: PALETTE[g.colour] } })),
      },
    ],
  }
}
