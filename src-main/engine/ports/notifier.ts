import type { Notice } from '../../../shared/notice.ts';

/** Tells the user something happened. The Electron shell shows native notifications; headless logs. */
export interface Notifier {
  notify(notice: Notice): void;
}
