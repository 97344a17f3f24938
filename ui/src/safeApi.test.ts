import { describe, expect, it } from 'vitest'
import { doubtReasons, sizeText } from './safeApi'

describe('safeApi helpers', () => {
  it('splits a doubtful message into its reasons', () => {
    expect(doubtReasons('该数值可能填写有误：累计执行数 900 万元超过全年预算 500 万元；低于上季度的 10 万元')).toEqual([
      '累计执行数 900 万元超过全年预算 500 万元',
      '低于上季度的 10 万元',
    ])
    expect(doubtReasons('只有一条')).toEqual(['只有一条'])
  })
  it('writes sizes as people read them', () => {
    expect(sizeText(500)).toBe('500 B')
    expect(sizeText(200 * 1024)).toBe('200 KB')
    expect(sizeText(3.5 * 1024 * 1024)).toBe('3.5 MB')
  })
})
