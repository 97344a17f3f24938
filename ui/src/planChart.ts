// An indicator's trajectory chart (规划 screen) as an ECharts option: the
// baseline-to-target path, the milestones, the actuals, the expected point of
// the year shown and the target line. Every figure is the core's
// (`Trajectory`, `PlanRow`): this only places them; the decimals, strings
// from the core, become numbers here for drawing and nowhere else.
import type { ComposeOption } from 'echarts/core'
import type { LineSeriesOption, ScatterSeriesOption } from 'echarts/charts'
import type { GridComponentOption, LegendComponentOption, MarkLineComponentOption, TooltipComponentOption } from 'echarts/components'
import type { PlanRow, Trajectory } from './plansApi'

export type PlanChartOption = ComposeOption<
  LineSeriesOption | ScatterSeriesOption | GridComponentOption | LegendComponentOption | MarkLineComponentOption | TooltipComponentOption
>

/** The colours of the chart: those of the app's lights and lines (styles.css). */
export const CHART_COLOURS = {
  path: '#909399',
  milestone: '#e6a23c',
  actual: '#2f6fd6',
  expected: '#303133',
  target: '#d93026',
} as const

/** A decimal from the core as a number to draw, or null (no point); every chart's one conversion. */
export function num(d: string | null | undefined): number | null {
  if (d === null || d === undefined || d.trim() === '') return null
  const n = Number(d)
  return Number.isFinite(n) ? n : null
}

/**
 * The option of the chart of `t` with `row` judged in `year`: a category
 * axis of the trajectory's years; 规划路径, 里程碑, 实际值 and 本年序时目标 series;
 * the target as a horizontal line.
 */
export function chartOption(t: Trajectory, row: PlanRow, year: number): PlanChartOption {
  const years = t.points.map((p) => String(p.year))
  const target = num(t.target)
  const expected = num(row.expected)
  const unit = row.unit ?? ''
  const series: PlanChartOption['series'] = [
    {
      name: '规划路径',
      type: 'line',
      data: t.points.map((p) => num(p.path)),
      lineStyle: { type: 'dashed', color: CHART_COLOURS.path },
      itemStyle: { color: CHART_COLOURS.path },
      symbol: 'none',
      connectNulls: true,
      markLine:
        target === null
          ? undefined
          : {
              symbol: 'none',
              silent: true,
              lineStyle: { color: CHART_COLOURS.target, type: 'solid', width: 1 },
              label: { formatter: `目标 ${t.target}${unit}（${t.target_year}年）`, position: 'insideEndTop' },
              data: [{ yAxis: target }],
            },
    },
    {
      name: '里程碑',
      type: 'scatter',
      data: t.points.map((p) => num(p.milestone)),
      symbol: 'diamond',
      symbolSize: 10,
      itemStyle: { color: CHART_COLOURS.milestone },
    },
    {
      name: '实际值',
      type: 'line',
      data: t.points.map((p) => num(p.actual)),
      lineStyle: { color: CHART_COLOURS.actual, width: 2 },
      itemStyle: { color: CHART_COLOURS.actual },
      symbol: 'circle',
      symbolSize: 7,
      connectNulls: false,
    },
  ]
  if (expected !== null && years.includes(String(year))) {
    series.push({
      name: `${year}年序时目标`,
      type: 'scatter',
      data: [[String(year), expected]],
      symbol: 'emptyCircle',
      symbolSize: 12,
      itemStyle: { color: CHART_COLOURS.expected, borderWidth: 2 },
    })
  }
  return {
    animation: false,
    grid: { left: 56, right: 24, top: 36, bottom: 28 },
    legend: { top: 0, textStyle: { fontSize: 11 } },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: years, boundaryGap: false },
    yAxis: { type: 'value', scale: true, name: unit, nameTextStyle: { fontSize: 11 } },
    series,
  }
}
