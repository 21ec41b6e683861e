import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../shared/settings.ts';
import { noteProblem } from '../../../src-renderer/common/retry-note.ts';
import {
  emptyRepositoryChecks,
  toGuardrailsForm,
  validateGuardrailsForm,
} from '../../../src-renderer/settings/guardrails-form.ts';

describe('the guardrails settings form', () => {
  it('turns settings into a form and back, commands one argument per line', () => {
    const values = {
      repositorySettings: {
        'octo/app': {
          setupCommand: ['npm', 'ci'],
          checkCommand: ['npm', 'run', 'test:unit'],
          checkTimeoutSeconds: 300,
          onCheckFailure: 'fail' as const,
        },
      },
      perJobUsd: 1.5,
      perDayUsd: null,
      approveBeforePush: true,
      approvalTimeoutMinutes: 60,
    };
    const form = toGuardrailsForm(values);
    expect(form.repositories[0]).toMatchObject({
      setupCommand: 'npm\nci',
      checkCommand: 'npm\nrun\ntest:unit',
    });
    expect(form.perDayUsd).toBe('');
    expect(validateGuardrailsForm(form)).toEqual({ ok: true, values });
  });

  it('says which field is wrong', () => {
    const form = {
      ...toGuardrailsForm(defaultSettings),
      perJobUsd: '-3',
      perDayUsd: 'five',
      approvalTimeoutMinutes: '0',
      repositories: [
        { ...emptyRepositoryChecks, repository: 'octo/app' },
        { ...emptyRepositoryChecks, repository: 'Octo/App', checkTimeoutSeconds: 'soon' },
        { ...emptyRepositoryChecks, repository: 'not a repo' },
      ],
    };
    const result = validateGuardrailsForm(form);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toEqual({
      perJobUsd: 'settings.problem.usd',
      perDayUsd: 'settings.problem.usd',
      approvalTimeoutMinutes: 'settings.problem.approvalTimeout',
      'repo.1.repository': 'settings.problem.duplicateRepository',
      'repo.1.checkTimeoutSeconds': 'settings.problem.checkTimeout',
      'repo.2.repository': 'settings.problem.invalid-repository',
    });
  });

  it('accepts "$5" and an empty limit as no limit', () => {
    const result = validateGuardrailsForm({
      ...toGuardrailsForm(defaultSettings),
      perDayUsd: '$5',
      perJobUsd: ' ',
    });
    expect(result.ok && result.values).toMatchObject({ perDayUsd: 5, perJobUsd: null });
  });
});

describe('the retry note', () => {
  it('needs a note of at most 4,000 characters and a model name, if any', () => {
    expect(noteProblem('  ', '')).toBe('retry.noteRequired');
    expect(noteProblem('x'.repeat(4001), '')).toBe('retry.noteTooLong');
    expect(noteProblem('use tabs', '--dangerous')).toBe('retry.invalidModel');
    expect(noteProblem('use tabs', 'anthropic/claude-sonnet-4')).toBeNull();
  });
});
