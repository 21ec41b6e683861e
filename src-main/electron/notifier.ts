/**
 * The engine's Notifier as native notifications. Clicking one opens the pull request (after the
 * allow-check) or the app on the job or the DLQ.
 */
import { Notification } from 'electron';
import type { Notice } from '../../shared/records.ts';
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
    const notification = new Notification({
      title: noticeTitle(notice, this.#hooks.translate()).slice(0, 200),
      body: notice.body.slice(0, 500),
      silent: false,
    });
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
