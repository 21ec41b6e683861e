// The agent's sandbox settings (issue #10): agent.sandbox (auto / required / off) and
// agent.allowedHosts in the settings form, validated with the same schema the worker uses, and
// passed to the engine's config at the next start.
import { describe, expect, it } from 'vitest';
import { defaultSettings, validateSettings } from '../../../shared/settings.ts';
import {
  configInputFromSettings,
  settingsFromConfig,
} from '../../../src-main/engine/app/settings-service.ts';
import { loadConfig } from '../../../src-main/engine/config/load-config.ts';
import { problemKey, toForm, validateForm } from '../../../src-renderer/settings/settings-form.ts';

const form = (change: Partial<ReturnType<typeof toForm>> = {}) => ({ ...toForm(defaultSettings), ...change });

describe('settings form: the agent sandbox', () => {
  it('defaults to automatic with no extra hosts', () => {
    expect(toForm(defaultSettings)).toMatchObject({ agentSandbox: 'auto', agentAllowedHosts: '' });
  });

  it('reads the mode and the hosts, one per line (or comma-separated)', () => {
    const result = validateForm(
      form({
        agentSandbox: 'required',
        agentAllowedHosts:
          ' pypi.org\n\n*.npmjs.org, registry.example.com:8443\nhttps://ollama.lan:11434/v1\n[::1]:8080',
      }),
    );
    expect(result).toMatchObject({
      ok: true,
      settings: {
        agentSandbox: 'required',
        agentAllowedHosts: [
          'pypi.org',
          '*.npmjs.org',
          'registry.example.com:8443',
          'https://ollama.lan:11434/v1',
          '[::1]:8080',
        ],
      },
    });
  });

  it('round-trips the settings', () => {
    const settings = { ...defaultSettings, agentSandbox: 'off' as const, agentAllowedHosts: ['pypi.org'] };
    expect(validateForm(toForm(settings))).toEqual({ ok: true, settings });
  });

  it("refuses a host that is not one, with a message in the user's language", () => {
    for (const bad of ['ftp://files.example.com', 'host_name', 'example.com:99999999', 'a/b', '*']) {
      const result = validateForm(form({ agentAllowedHosts: `pypi.org\n${bad}` }));
      expect(result, bad).toEqual({
        ok: false,
        problems: { agentAllowedHosts: 'settings.problem.invalid-allowed-host' },
      });
    }
    expect(problemKey('invalid-allowed-host')).toBe('settings.problem.invalid-allowed-host');
  });

  it('refuses a mode that is not auto, required or off (a tampered form or bridge call)', () => {
    const result = validateForm(form({ agentSandbox: 'sometimes' as never }));
    expect(result).toEqual({
      ok: false,
      problems: { agentSandbox: 'settings.problem.invalid-agent-sandbox' },
    });
    expect(validateSettings({ ...defaultSettings, agentAllowedHosts: ['x'.repeat(301)] }).ok).toBe(false);
  });
});

describe('the sandbox settings reach the engine', () => {
  it('become agent.sandbox and agent.allowedHosts of the config, and come back from it', () => {
    const settings = {
      ...defaultSettings,
      agentSandbox: 'required' as const,
      agentAllowedHosts: ['pypi.org'],
    };
    const input = configInputFromSettings(settings);
    expect(input.agent).toMatchObject({ sandbox: 'required', allowedHosts: ['pypi.org'] });
    const config = loadConfig({
      env: {},
      stored: {
        ...input,
        queueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/q',
        repositories: ['o/r'],
      },
    });
    expect(config.agent).toMatchObject({ sandbox: 'required', allowedHosts: ['pypi.org'] });
    expect(settingsFromConfig(config)).toMatchObject({
      agentSandbox: 'required',
      agentAllowedHosts: ['pypi.org'],
    });
  });
});
