/**
 * The shell's words (tray menu, tooltip, dialogs, notifications), in English and Japanese: part of
 * the one catalogue in shared/i18n/ (the window's words are in ui-messages.ts), filled by
 * translate.ts like the UI's.
 */
import { translatorFor, type Locale, type Values } from './translate.ts';

export const shellEn = {
  'app.name': 'CodingWorker',
  'menu.pauseOneHour': 'Pause for 1 Hour',
  'menu.pauseUntilTomorrow': 'Pause Until Tomorrow 9:00',
  'menu.resume': 'Resume',
  'menu.stopJob': 'Stop Current Job',
  'menu.open': 'Open CodingWorker',
  'menu.quit': 'Quit CodingWorker',
  'status.notConnected': 'Starting…',
  'status.listening': 'Listening for tasks',
  'status.working': 'Working',
  'status.workingOn': 'Working on {repository}#{number}',
  'status.paused': 'Paused',
  'status.pausedUntil': 'Paused until {time}',
  'status.pausedBattery': 'Paused: on battery',
  'status.pausedSuspend': 'Paused: asleep',
  'status.pausedDailyLimit': "Paused: today's limit of {amount} reached",
  'status.sandboxRequired': 'Not taking work: agent.sandbox is required but {reason}',
  'status.offline': 'Offline: {message}',
  'status.stopping': 'Stopping…',
  'tooltip.confined': 'Agent: confined by {by}',
  'tooltip.unconfined': 'The agent runs unconfined ({reason})',
  'tooltip.queue': 'Queue: ≈{count} waiting',
  'tooltip.queueUnknown': 'Queue: unknown',
  'dialog.quitTitle': 'A job is running',
  'dialog.quitMessage': 'Quit now and put issue {issue} back on the queue?',
  'dialog.quitConfirm': 'Quit and Release',
  'dialog.cancel': 'Cancel',
  'dialog.stopJobMessage': 'Stop the current job and put its message back on the queue?',
  'dialog.stopJobConfirm': 'Stop and Release',
  'dialog.startFailed': 'CodingWorker could not start',
  'notice.prOpened': 'Pull request opened',
  'notice.prOpenedFor': 'Pull request opened for {subject}',
  'notice.roundPushed': 'Pushed round {round} to PR #{pull}',
  'notice.jobFailed': 'A task failed and was quarantined',
  'notice.jobFailedFor': 'Job failed: {subject}',
  'notice.dlqItem': 'A task moved to the dead-letter queue',
  'notice.approvalNeeded': 'A job awaits your approval to push',
  'notice.approvalNeededFor': 'Approve the push for {subject}?',
  'notice.actionPush': 'Push',
  'notice.actionDiscard': 'Discard',
  'notice.retryPlaceholder': 'Retry with a note…',
  'error.secretBasicText':
    'No keyring is available (safeStorage would use a plain-text key), so the GitHub token was not saved. Set GITHUB_TOKEN or sign in with `gh auth login` instead.',
  'error.secretUnavailable':
    'This system cannot encrypt secrets right now, so the GitHub token was not saved. Set GITHUB_TOKEN or sign in with `gh auth login` instead.',
} as const;

export type ShellMessageKey = keyof typeof shellEn;
export type ShellCatalogue = { readonly [K in ShellMessageKey]: string };

export const shellJa: ShellCatalogue = {
  'app.name': 'CodingWorker',
  'menu.pauseOneHour': '1 時間一時停止',
  'menu.pauseUntilTomorrow': '明日 9:00 まで一時停止',
  'menu.resume': '再開',
  'menu.stopJob': '実行中のジョブを停止',
  'menu.open': 'CodingWorker を開く',
  'menu.quit': 'CodingWorker を終了',
  'status.notConnected': '起動しています…',
  'status.listening': 'タスクを待機中',
  'status.working': '作業中',
  'status.workingOn': '{repository}#{number} を作業中',
  'status.paused': '一時停止中',
  'status.pausedUntil': '{time} まで一時停止中',
  'status.pausedBattery': '一時停止中: バッテリー駆動',
  'status.pausedSuspend': '一時停止中: スリープ',
  'status.pausedDailyLimit': '一時停止中: 本日の上限 {amount} に達しました',
  'status.sandboxRequired': '作業を受け付けていません: agent.sandbox が required ですが {reason}',
  'status.offline': 'オフライン: {message}',
  'status.stopping': '停止しています…',
  'tooltip.confined': 'エージェント: {by} で隔離',
  'tooltip.unconfined': 'エージェント: 隔離なし(unconfined)({reason})',
  'tooltip.queue': 'キュー: 約 {count} 件待ち',
  'tooltip.queueUnknown': 'キュー: 不明',
  'dialog.quitTitle': 'ジョブを実行中です',
  'dialog.quitMessage': '今すぐ終了して issue {issue} をキューに戻しますか?',
  'dialog.quitConfirm': '終了してキューに戻す',
  'dialog.cancel': 'キャンセル',
  'dialog.stopJobMessage': '実行中のジョブを停止し、メッセージをキューに戻しますか?',
  'dialog.stopJobConfirm': '停止してキューに戻す',
  'dialog.startFailed': 'CodingWorker を起動できませんでした',
  'notice.prOpened': 'プルリクエストを作成しました',
  'notice.prOpenedFor': '{subject} のプルリクエストを作成しました',
  'notice.roundPushed': 'ラウンド {round} を PR #{pull} にプッシュしました',
  'notice.jobFailed': 'タスクが失敗し、隔離されました',
  'notice.jobFailedFor': 'ジョブが失敗しました: {subject}',
  'notice.dlqItem': 'タスクがデッドレターキューに移動しました',
  'notice.approvalNeeded': 'プッシュの承認を待っているジョブがあります',
  'notice.approvalNeededFor': '{subject} のプッシュを承認しますか?',
  'notice.actionPush': 'プッシュ',
  'notice.actionDiscard': '破棄',
  'notice.retryPlaceholder': 'メモを付けて再試行…',
  'error.secretBasicText':
    'キーリングが利用できないため(safeStorage が平文の鍵を使うため)、GitHub トークンを保存しませんでした。代わりに GITHUB_TOKEN を設定するか `gh auth login` でサインインしてください。',
  'error.secretUnavailable':
    'このシステムでは現在シークレットを暗号化できないため、GitHub トークンを保存しませんでした。代わりに GITHUB_TOKEN を設定するか `gh auth login` でサインインしてください。',
};

export type ShellTranslate = (key: ShellMessageKey, values?: Values) => string;

export const shellCatalogues: { readonly [L in Locale]: ShellCatalogue } = { en: shellEn, ja: shellJa };

export function shellTranslator(locale: Locale): ShellTranslate {
  return translatorFor(shellCatalogues[locale]);
}
