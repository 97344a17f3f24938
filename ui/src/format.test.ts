import { describe, expect, it } from 'vitest'
import { compareDecimal, countLights, matchesSearch, mergeSpans, money, percent, periodName } from './format'

describe('money', () => {
  it('groups thousands and keeps two places', () => {
    expect(money('455')).toBe('455.00')
    expect(money('1694000.5')).toBe('1,694,000.50')
    expect(money('0.005')).toBe('0.01')
    expect(money('-0.004')).toBe('0.00')
    expect(money('999.995')).toBe('1,000.00')
    expect(money(null)).toBe('—')
  })
})

describe('percent', () => {
  it('shows a fraction as a percentage with two places', () => {
    expect(percent('0.9890')).toBe('98.90%')
    expect(percent('1.3750')).toBe('137.50%')
    expect(percent('1')).toBe('100.00%')
    expect(percent('0.00005')).toBe('0.01%')
    expect(percent(null)).toBe('—')
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

describe('lists', () => {
  it('counts lights', () => {
    expect(countLights([{ light: 'red' }, { light: 'green' }, { light: 'green' }])).toMatchObject({ red: 1, green: 2, yellow: 0 })
  })
  it('searches code and name', () => {
    expect(matchesSearch({ code: '37020023P88002811135Y', name: '大数据发展专项业务费' }, 'p880')).toBe(true)
    expect(matchesSearch({ code: 'X', name: '大数据发展专项业务费' }, '专项')).toBe(true)
    expect(matchesSearch({ code: 'X', name: 'Y' }, '专项')).toBe(false)
  })
  it('sorts decimals numerically, blanks last', () => {
    expect(['10', '9.5', null, '100'].sort(compareDecimal)).toEqual(['9.5', '10', '100', null])
  })
})

describe('targets and actuals', () => {
  it('describes a target as understood', async () => {
    const { describeTarget } = await import('./format')
    const q = { kind: 'quantity', op: '≥', value: '20', value_max: null, unit: '次', date: null, label: null } as const
    expect(describeTarget(q)).toBe('≥ 20 次')
    expect(describeTarget({ ...q, op: 'range', value: '5', value_max: '6', unit: '%' })).toBe('5 — 6 %')
    expect(describeTarget({ ...q, kind: 'date', op: '≤', value: null, unit: null, date: '2023-08' })).toBe('≤ 2023-08')
    expect(describeTarget({ ...q, kind: 'not_understood', op: null })).toBe('未能识别')
  })
  it('checks a typed quantity before it is sent', async () => {
    const { checkQuantity } = await import('./format')
    expect(checkQuantity('18')).toBeNull()
    expect(checkQuantity('18次')).toBeNull()
    expect(checkQuantity('1,694,000元')).toBeNull()
    expect(checkQuantity('１８')).toBeNull()
    expect(checkQuantity('十八')).toBe('请输入数字，例如 18 或 18次')
    expect(checkQuantity('18次2')).toBe('“18次2”不是一个数字')
    expect(checkQuantity('')).toBeNull()
  })
  it('turns a stored actual back into what was typed', async () => {
    const { actualToInput } = await import('./format')
    const a = { value: '18', value_unit: '次', done_on: null, level: null, ratio: null, reason: 'r', measures: null } as never
    expect(actualToInput(a)).toMatchObject({ value: '18次', reason: 'r', level: null })
    expect(actualToInput(undefined).value).toBeNull()
  })
})
