import { describe, expect, it } from 'vitest'
import { checkMoney, describeDependents, level2Options } from './editing'

describe('editing helpers', () => {
  it('says what goes with a project', () => {
    expect(describeDependents({ indicators: 10, actuals: 18, spending: 2 })).toBe('将同时删除 10 个指标、18 条实际值和 2 条执行数记录。')
    expect(describeDependents({ indicators: 3, actuals: 0, spending: 0 })).toBe('将同时删除 3 个指标。')
    expect(describeDependents({ indicators: 0, actuals: 0, spending: 0 })).toBe('该项目尚无指标和填报数据。')
  })
  it('leaves a blank amount blank without asking the core (which reads the rest: entry::check_decimal)', async () => {
    expect(await checkMoney('  ', '预算数')).toBeNull()
    expect(await checkMoney(null, '预算数')).toBeNull()
  })
  it('offers the level-2 names of a level-1 first', () => {
    expect(level2Options('产出指标').slice(0, 3)).toEqual(['数量指标', '质量指标', '时效指标'])
    expect(level2Options('自定义')).toContain('服务对象满意度指标')
  })
})
