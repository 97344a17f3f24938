// 项目详情's charts as ECharts options: each quantity indicator's cumulative
// actual by quarter against its target and, where the target accumulates, its
// 序时进度; the project's spending against its plan. Every figure is the core's
// (`IndicatorSeries` from `indicator_series`, `MoneyQuarter` from
// `money_quarters`, as the 资金 table shows them): this only places them, and
// colours each point by the light the evaluation gave it. The decimals, strings
// from the core, become numbers here for drawing and nowhere else.
import type { ComposeOption } from 'echarts/core'
import type { LineSeriesOption } from 'echarts/charts'
import type {
  GridComponentOption,
  LegendComponentOption,
  MarkLineComponentOption,
  TitleComponentOption,
  TooltipComponentOption,
} from 'echarts/components'
import type { IndicatorSeries } from './generated/IndicatorSeries'
import type { MoneyQuarter } from './generated/MoneyQuarter'
import type { Light } from './types'
import { LIGHT_COLOURS, LIGHT_NAMES } from './labels'
import { QUARTER_NAMES } from './format'
import { num } from './planChart'

export type ProjectChartOption = ComposeOption<
  LineSeriesOption | GridComponentOption | LegendComponentOption | MarkLineComponentOption | TitleComponentOption | TooltipComponentOption
>

/** The colours of the lines (the points take their light's colour). */
export const LINE_COLOURS = {
  actual: '#303133',
  pace: '#909399',
  target: '#3b5b86',
} as const

/** A point drawn: its value, the light's colour and the light's name (for the tooltip). */
export interface LitPoint {
  value: number | null
  name: string
  light: string
  itemStyle: { color: string }
}


function lit(value: string | null, light: Light, quarter: number): LitPoint {
  return { value: num(value), name: QUARTER_NAMES[quarter], light: LIGHT_NAMES[light], itemStyle: { color: LIGHT_COLOURS[light] } }
}

/** The target (a range's two ends) as horizontal lines. */
function targetLines(lines: { value: string; label: string }[]): MarkLineComponentOption {
  return {
    symbol: 'none',
    silent: true,
    lineStyle: { color: LINE_COLOURS.target, type: 'solid', width: 1.5 },
    label: { position: 'insideEndTop', color: LINE_COLOURS.target },
    data: lines
      .filter((l) => num(l.value) !== null)
      .map((l) => ({ yAxis: num(l.value) as number, label: { formatter: l.label } })),
  }
}

/** The actual figures: points in their lights' colours over a solid line, gaps where none; the target lines on it. */
function actualLine(name: string, data: LitPoint[], target: MarkLineComponentOption): LineSeriesOption {
  return {
    name,
    type: 'line',
    data,
    lineStyle: { color: LINE_COLOURS.actual, width: 2 },
    itemStyle: { color: LINE_COLOURS.actual },
    symbol: 'circle',
    symbolSize: 10,
    connectNulls: false,
    markLine: target,
  }
}

/** What is due by each quarter's end (序时进度): dashed. */
function paceLine(name: string, data: (number | null)[]): LineSeriesOption {
  return {
    name,
    type: 'line',
    data,
    lineStyle: { color: LINE_COLOURS.pace, type: 'dashed', width: 1.5 },
    itemStyle: { color: LINE_COLOURS.pace },
    symbol: 'emptyCircle',
    symbolSize: 6,
    // beneath the actuals (ECharts' default is 2): a quarter exactly on pace still shows its light
    z: 1,
  }
}

function frame(title: string, subtitle: string, unit: string, series: LineSeriesOption[]): ProjectChartOption {
  return {
    animation: false,
    backgroundColor: '#ffffff',
    title: { text: title, subtext: subtitle, left: 8, top: 4, textStyle: { fontSize: 14 }, subtextStyle: { fontSize: 12 } },
    grid: { left: 64, right: 92, top: 76, bottom: 28 },
    legend: { top: 8, right: 8, textStyle: { fontSize: 11 } },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: [...QUARTER_NAMES], boundaryGap: false },
    yAxis: { type: 'value', name: unit, nameTextStyle: { fontSize: 11 }, min: 0 },
    series,
  }
}

/**
 * One quantity indicator: 累计完成值 (a gap where none is entered), each point
 * in its quarter's light; 序时进度 (dashed) for a target that accumulates; the
 * year's target (a range's two ends) as a line.
 */
export function indicatorChartOption(s: IndicatorSeries): ProjectChartOption {
  const series: LineSeriesOption[] = [
    actualLine(
      '累计完成值',
      s.points.map((p, q) => lit(p.actual, p.light, q)),
      targetLines(
        s.target_max === null
          ? [{ value: s.target, label: `年度目标 ${s.target}${s.unit}` }]
          : [
              { value: s.target, label: `目标下限 ${s.target}${s.unit}` },
              { value: s.target_max, label: `目标上限 ${s.target_max}${s.unit}` },
            ],
      ),
    ),
  ]
  if (s.points.some((p) => p.expected !== null)) series.push(paceLine('序时进度', s.points.map((p) => num(p.expected))))
  return frame(s.level3, `年度指标值 ${s.target_text}`, s.unit, series)
}

/**
 * The project's money: 累计支出 where a record is entered, each point in the
 * money light of its quarter; 序时应支出, the spending plan interpolated to each
 * quarter's end (what the light compares with); the budget as a line.
 */
export function moneyChartOption(quarters: MoneyQuarter[], moneyUnit: string): ProjectChartOption {
  const budget = quarters[quarters.length - 1]?.execution.budget ?? null
  const series: LineSeriesOption[] = [
    actualLine(
      '累计支出',
      quarters.map((x, q) => lit(x.spending ? x.execution.spent : null, x.execution.light, q)),
      targetLines(budget === null ? [] : [{ value: budget, label: `预算 ${budget}${moneyUnit}` }]),
    ),
    paceLine('序时应支出', quarters.map((x) => num(x.execution.planned))),
  ]
  return frame('资金支出进度', '累计支出与支出计划（季末序时应支出）', moneyUnit, series)
}

/** The figures a chart is drawn from, per series: what the page exposes for its tests to compare with the core's. */
export function plotted(o: ProjectChartOption): (number | null)[][] {
  return (o.series as LineSeriesOption[]).map((s) =>
    (s.data as (number | null | LitPoint)[]).map((d) => (d !== null && typeof d === 'object' ? d.value : d)),
  )
}

/** The bytes of a `data:image/png;base64,…` URL (what ECharts' `getDataURL` gives), for `save_png`. */
export function pngBytes(dataUrl: string): number[] {
  const m = /^data:image\/png;base64,(.*)$/s.exec(dataUrl)
  if (!m) throw new Error('图表图片无效')
  const text = atob(m[1])
  const out = new Array<number>(text.length)
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i)
  return out
}
