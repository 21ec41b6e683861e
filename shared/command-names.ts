/**
 * The bridge's command names as a plain list, for the preload: it must stay tiny (no zod) because a
 * sandboxed preload is bundled whole. shared/bridge.ts checks at compile time that it matches.
 */
export const COMMAND_NAMES = [
  'getSnapshot',
  'pause',
  'resume',
  'cancelJob',
  'refreshStats',
  'listDlq',
  'redriveDlqItem',
  'redriveAllDlq',
  'deleteDlqItem',
  'listHistory',
  'getJobLog',
  'getSettings',
  'updateSettings',
  'runDoctor',
  'setGitHubToken',
  'clearGitHubToken',
  'openExternal',
  'listApprovals',
  'getApprovalDiff',
  'decideApproval',
  'retryDlqItemWithNote',
  'retryJobWithNote',
  'sendSampleIssue',
] as const;

/** IPC channels, declared once. */
export const IPC_COMMAND_CHANNEL = 'codingworker:command';
export const IPC_EVENT_CHANNEL = 'codingworker:event';
