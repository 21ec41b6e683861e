/** The retry note's checks, as the bridge makes them (non-empty, at most 4,000 characters, a model name). Pure. */
import { MAX_NOTE_CHARS } from '../../shared/task-message.ts';
import type { MessageKey } from '../../shared/i18n/ui-messages.ts';

const MODEL = /^[A-Za-z0-9][A-Za-z0-9._:/@+-]{0,199}$/;

export function noteProblem(note: string, model: string): MessageKey | null {
  const trimmed = note.trim();
  if (trimmed === '') return 'retry.noteRequired';
  if (trimmed.length > MAX_NOTE_CHARS) return 'retry.noteTooLong';
  if (model.trim() !== '' && !MODEL.test(model.trim())) return 'retry.invalidModel';
  return null;
}
