/**
 * The engine's Notifier as native notifications. Clicking one opens the pull request (after the
 * allow-check) or the app on the job or the DLQ. A job awaiting approval gets Push and Discard
 * buttons and a reply field (Retry with a note) where the OS has them (macOS); elsewhere a click
 * opens the app on the job, where the same answers are.
 */
import type { ApprovalAnswer } from '../../shared/approval.ts';
import { MAX_NOTE_CHARS } from '../../shared/task-message.ts';
import { Notification } from 'electron';
import type { Notice } from '../../shared/notice.ts';
import type { Notifier } from '../engine/ports/notifier.ts';
import type { ShellTranslate } from '../../shared/i18n/shell-messages.ts';
import { noticeClickAction } from './notice-action.ts';
import { noticeTitle } from './notice-text.ts';
import type { LinkPolicy } from './url-allow.ts';

export interface NotifierHooks {
  readonly linkPolicy: () => LinkPolicy;
  readonly openUrl: (url: string) => Promise<unknown>;
  /** Shows the window on a route of the UI: 'job/<id>', 'dlq', 'history', 'now'. */
  readonly showApp: (route: string) => void;
  /** The shell's words in the user's current language. */
  readonly translate: () => ShellTranslate;
  /** Answers a job at the approval gate (the bridge's decideApproval). */
  readonly answerApproval?: (jobId: string, answer: ApprovalAnswer) => void;
}

export class ElectronNotifier implements Notifier {
  readonly #hooks: NotifierHooks;
  // Electron drops the click handler of a notification that was garbage-collected: hold them.
  readonly #live = new Set<Notification>();

  constructor(hooks: NotifierHooks) {
    this.#hooks = hooks;
  }

  notify(notice: Notice): void {
    if (!Notification.isSupported()) return;
    const t = this.#hooks.translate();
    const answer = this.#hooks.answerApproval;
    const gate = notice.kind === 'approval-needed' && notice.jobId && answer ? notice.jobId : null;
    const notification = new Notification({
      title: noticeTitle(notice, t).slice(0, 200),
      body: notice.body.slice(0, 500),
      silent: false,
      ...(gate
        ? {
            actions: [
              { type: 'button' as const, text: t('notice.actionPush') },
              { type: 'button' as const, text: t('notice.actionDiscard') },
            ],
            hasReply: true,
            replyPlaceholder: t('notice.retryPlaceholder'),
          }
        : {}),
    });
    if (gate && answer) {
      notification.on('action', (_event, index) => {
        answer(gate, index === 0 ? { kind: 'push' } : { kind: 'discard' });
      });
      notification.on('reply', (_event, reply) => {
        const note = reply.trim().slice(0, MAX_NOTE_CHARS);
        if (note) answer(gate, { kind: 'retry', note });
      });
    }
    this.#live.add(notification);
    const forget = () => this.#live.delete(notification);
    notification.on('click', () => {
      forget();
      const action = noticeClickAction(notice, this.#hooks.linkPolicy());
      if (action.kind === 'open-url') void this.#hooks.openUrl(action.url);
      else this.#hooks.showApp(action.route);
    });
    notification.on('close', forget);
    notification.on('failed', forget);
    notification.show();
  }
}
