import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../shared/settings.ts';
import {
  changedSettings,
  problemKey,
  problemsByField,
  toForm,
  validateForm,
} from '../../../src-renderer/settings/settings-form.ts';

const queueUrl = 'https://sqs.us-east-1.amazonaws.com/123456789012/codingworker-tasks';
const form = (change: Partial<ReturnType<typeof toForm>> = {}) => ({ ...toForm(defaultSettings), ...change });

describe('settings form', () => {
  it('round-trips the settings', () => {
    const settings = {
      ...defaultSettings,
      queueUrl,
      repositories: ['octo/app', 'octo/docs'],
      extraArgs: ['--yes'],
    };
    expect(validateForm(toForm(settings))).toEqual({ ok: true, settings });
  });

  it('reads lists one per line, and repositories comma- or space-separated too', () => {
    const result = validateForm(
      form({
        repositories: ' octo/app, octo/docs\n\nocto/site ',
        extraArgs: '--yes\n\n --no-git ',
        agentCommand: '',
      }),
    );
    expect(result).toMatchObject({
      ok: true,
      settings: { repositories: ['octo/app', 'octo/docs', 'octo/site'], extraArgs: ['--yes', '--no-git'] },
    });
  });

  it('trims text fields', () => {
    expect(validateForm(form({ queueUrl: `  ${queueUrl} ` }))).toMatchObject({
      ok: true,
      settings: { queueUrl },
    });
  });

  it('rejects an invalid queue URL with its catalogue key', () => {
    expect(validateForm(form({ queueUrl: 'https://example.com/queue' }))).toEqual({
      ok: false,
      problems: { queueUrl: 'settings.problem.invalid-queue-url' },
    });
  });

  it('marks a repository list with one bad entry', () => {
    expect(validateForm(form({ repositories: 'octo/app\nnot a repo' }))).toMatchObject({
      ok: false,
      problems: { repositories: 'settings.problem.invalid-repository' },
    });
  });

  it('asks for whole numbers, then applies the schema’s limits', () => {
    expect(validateForm(form({ leaseSeconds: '12.5', concurrency: '' }))).toEqual({
      ok: false,
      problems: {
        leaseSeconds: 'settings.problem.whole-number',
        concurrency: 'settings.problem.whole-number',
      },
    });
    expect(validateForm(form({ leaseSeconds: '29', maxJobMinutes: '9999', concurrency: '17' }))).toEqual({
      ok: false,
      problems: {
        leaseSeconds: 'settings.problem.lease-min',
        maxJobMinutes: 'settings.problem.duration-max',
        concurrency: 'settings.problem.concurrency-max',
      },
    });
  });

  it('places the worker’s problems on their fields, with unknown ones worded generally', () => {
    expect(
      problemsByField([
        { field: 'queueUrl', problem: 'invalid-queue-url' },
        { field: 'repositories.3', problem: 'invalid-repository' },
        { field: 'model', problem: 'is too long' },
        { field: 'nonsense', problem: 'x' },
      ]),
    ).toEqual({
      queueUrl: 'settings.problem.invalid-queue-url',
      repositories: 'settings.problem.invalid-repository',
      model: 'settings.problem.invalid',
    });
    expect(problemKey('lease-max')).toBe('settings.problem.lease-max');
  });

  it('sends only what changed', () => {
    const next = { ...defaultSettings, queueUrl, repositories: ['octo/app'] };
    expect(changedSettings(defaultSettings, next)).toEqual({ queueUrl, repositories: ['octo/app'] });
    expect(changedSettings(next, next)).toEqual({});
  });
});
