// The only place that talks to the Rust side. Each function invokes one command of
// src-tauri, which calls one core function. Errors arrive as the core's
// `{kind, message}`; anything else is wrapped so the UI always has a Chinese message.
import { invoke } from '@tauri-apps/api/core'
import type { AppInfo, CoreError, Evaluation, Unit } from './types'

export class ApiError extends Error implements CoreError {
  kind: string
  constructor(kind: string, message: string) {
    super(message)
    this.kind = kind
  }
}

function toApiError(e: unknown): ApiError {
  if (e && typeof e === 'object' && 'message' in e) {
    const o = e as { kind?: string; message: string }
    return new ApiError(o.kind ?? 'unknown', String(o.message))
  }
  const text = String(e)
  if (/not found|not allowed|unknown command/i.test(text)) {
    return new ApiError('unavailable', '此功能尚未提供（' + text + '）')
  }
  return new ApiError('unknown', text)
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args)
  } catch (e) {
    throw toApiError(e)
  }
}

/** Whether the page runs inside the app (and not in a plain browser during development). */
export const inTauri = typeof window !== 'undefined' && '__TAURI_INTERNALS__' in window

export interface Overview {
  years: number[]
  units: Unit[]
  project_count: number
}

export const api = {
  appInfo: () => call<AppInfo>('app_info'),
  overview: () => call<Overview>('overview'),
  loadDemo: () => call<unknown>('load_demo'),
  evaluate: (year: number, period: string, project?: string) =>
    call<Evaluation>('evaluate', { year, period, project: project ?? null }),
}
