import { describe, expect, it } from 'vitest'
import { mergeSpans, money, periodName } from './format'

describe('money', () => {
  it('groups the thousands of an amount the core wrote, and nothing else', () => {
    expect(money('455.00')).toBe('455.00')
    expect(money('1694000.50')).toBe('1,694,000.50')
    expect(money('-1234.5')).toBe('-1,234.5')
    expect(money('999')).toBe('999')
    // never rounds: the places are the core's
    expect(money('0.005')).toBe('0.005')
    expect(money('—')).toBe('—')
    expect(money(null)).toBe('—')
  })
})

describe('periodName', () => {
  it('reads a period in Chinese', () => {
    expect(periodName('2023Q2')).toBe('2023年第二季度')
  })
})

describe('mergeSpans', () => {
  it('merges level-1 and level-2 cells like the printed table', () => {
    const rows = [
      { level1: '产出指标', level2: '数量指标' },
      { level1: '产出指标', level2: '数量指标' },
      { level1: '产出指标', level2: '质量指标' },
      { level1: '效益指标', level2: '社会效益指标' },
      { level1: '满意度指标', level2: '服务对象满意度指标' },
    ]
    expect(mergeSpans(rows)).toEqual([
      { l1: 3, l2: 2 },
      { l1: 0, l2: 0 },
      { l1: 0, l2: 1 },
      { l1: 1, l2: 1 },
      { l1: 1, l2: 1 },
    ])
  })
  it('does not merge the same level-2 across two level-1 groups', () => {
    const rows = [
      { level1: 'A', level2: 'x' },
      { level1: 'B', level2: 'x' },
    ]
    expect(mergeSpans(rows)).toEqual([
      { l1: 1, l2: 1 },
      { l1: 1, l2: 1 },
    ])
  })
})

