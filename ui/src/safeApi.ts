// The commands of keeping an officer's work (src-tauri/src/safekeeping.rs):
// 备份与恢复, a start on a damaged database, history, 报送/解锁; and the one
// way a save asks about a value that looks like a typo (`saveAsking`).
import { h } from 'vue'
import { ElMessageBox } from 'element-plus'
import { call, toApiError, withProgress } from './api'
import type { BackupInfo } from './generated/BackupInfo'
import type { HistoryEntry } from './generated/HistoryEntry'
import type { Restored } from './generated/Restored'
import type { StartProblem } from './generated/StartProblem'
import type { Submission } from './generated/Submission'
export type { BackupInfo, HistoryEntry, Restored, StartProblem, Submission }

export const safeApi = {
  startProblem: () => call<StartProblem | null>('start_problem'),
  backups: () => call<BackupInfo[]>('backups', {}, '正在读取备份…'),
  backupNow: () => call<string | null>('backup_now', {}, '正在备份…'),
  backupTo: (path: string) => withProgress('备份', (onProgress) => call<void>('backup_to', { path, onProgress })),
  restoreBackup: (path: string) => withProgress('从备份恢复', (onProgress) => call<Restored>('restore_backup', { path, onProgress })),
  indicatorHistory: (indicatorId: number) => call<HistoryEntry[]>('indicator_history', { indicatorId }),
  projectHistory: (projectId: number) => call<HistoryEntry[]>('project_history', { projectId }),
  submissions: (projectId: number) => call<Submission[]>('submissions', { projectId }),
  submitPeriod: (year: number, code: string, period: string) => call<number>('submit_period', { year, code, period }),
  unlockPeriod: (year: number, code: string, period: string, reason: string) =>
    call<number>('unlock_period', { year, code, period, reason }),
  quit: () => call<void>('quit'),
}

/** The officer answered 取消 to a value that looks like a typo: nothing was saved. */
export class NotConfirmed extends Error {
  constructor() {
    super('未保存')
  }
}

/** The confirmations open now, by what they are about: a second save of the
 *  same cell while one is asked (a blur the dialog itself causes) waits for the
 *  same answer instead of opening a second dialog. */
const asking = new Map<string, Promise<void>>()

/**
 * Saves with `save(false)`; when the core answers that the value looks like a
 * typo (`doubtful`), asks the officer, naming each doubt: 确定 saves with
 * `save(true)`, 取消 throws `NotConfirmed` (what was typed stays, unsaved).
 * `about` names the cell, so that one cell is asked about once at a time.
 */
export async function saveAsking<T>(save: (force: boolean) => Promise<T>, about = ''): Promise<T> {
  try {
    return await save(false)
  } catch (e) {
    const err = toApiError(e)
    if (err.kind !== 'doubtful') throw err
    let answer = asking.get(about)
    if (!answer) {
      answer = ask((err.doubts ?? []).map((d) => d.message))
      asking.set(about, answer)
      answer.then(
        () => asking.delete(about),
        () => asking.delete(about),
      )
    }
    try {
      await answer
    } catch {
      throw new NotConfirmed()
    }
    return save(true)
  }
}

/** The confirmation, naming each doubt; resolves on 确定, rejects on 取消. */
async function ask(reasons: string[]): Promise<void> {
  // as nodes, so that every text shows as text
  const message = h('div', { 'data-test': 'doubts' }, [
    h('p', '这个数值可能填写有误：'),
    h('ul', { class: 'doubt-list' }, reasons.map((r) => h('li', { 'data-test': 'doubt' }, r))),
    h('p', '确定按此保存吗？（取消则不保存，所填内容保留在单元格中）'),
  ])
  await ElMessageBox.confirm(message, '请确认数值', {
    confirmButtonText: '确定',
    cancelButtonText: '取消',
    type: 'warning',
    customClass: 'doubt-dialog',
    closeOnClickModal: false,
  })
}

/** A backup's reason in the officer's words. */
export const BACKUP_WHY: Record<string, string> = {
  daily: '每日自动备份',
  manual: '手动备份',
  'before-import': '导入前自动备份',
  'before-restore': '恢复前自动备份',
  'before-migration': '升级前自动备份',
}

/** A file size as people read it. */
export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}
