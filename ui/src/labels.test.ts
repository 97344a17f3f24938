import { describe, expect, it } from 'vitest'
import { gradeTag, LIGHT_NAMES, sectionHeading, signatureKind } from './labels'

describe('labels', () => {
  it('colours each grade, and no unknown word', () => {
    expect(['优', '良', '中', '差'].map(gradeTag)).toEqual(['success', 'primary', 'warning', 'danger'])
    expect(gradeTag('—')).toBeUndefined()
  })
  it('names the lights', () => {
    expect(LIGHT_NAMES.red).toBe('红灯')
    expect(LIGHT_NAMES.grey).toBe('未填报')
  })
  it('numbers the parts of the review form as the PDF does', () => {
    expect(['完整性', '相关性', '适当性', '可行性'].map((c, i) => sectionHeading(i, c))).toEqual(['一、完整性', '二、相关性', '三、适当性', '四、可行性'])
    expect(sectionHeading(10, '其他')).toBe('11、其他')
  })
  it('gives a date line to a …日期 label and a signing line to the others', () => {
    expect(['审核人', '复核人', '审核日期', '填报日期'].map(signatureKind)).toEqual(['sign', 'sign', 'date', 'date'])
  })
})
