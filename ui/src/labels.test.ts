import { describe, expect, it } from 'vitest'
import { formActual, gradeTag, LIGHT_NAMES } from './labels'

describe('labels', () => {
  it('colours each grade, and no unknown word', () => {
    expect(['优', '良', '中', '差'].map(gradeTag)).toEqual(['success', 'primary', 'warning', 'danger'])
    expect(gradeTag('—')).toBeUndefined()
  })
  it('names the lights', () => {
    expect(LIGHT_NAMES.red).toBe('红灯')
    expect(LIGHT_NAMES.grey).toBe('未填报')
  })
  it("shows a printed row's actual, or why there is none", () => {
    expect(formActual({ status: 'fail', actual: '18次' })).toBe('18次')
    expect(formActual({ status: 'missing', actual: '' })).toBe('未填报')
    expect(formActual({ status: 'not_applicable', actual: '' })).toBe('不适用')
  })
})
