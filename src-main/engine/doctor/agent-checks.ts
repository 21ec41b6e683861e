/**
 * The doctor's checks of the configured coding agent: installed and at least the supported
 * version; the model's key variable present; and — only when asked (`doctor --agent-request`),
 * since it costs a request — one tiny real request to the model API with that key. Each result
 * says what to fix.
 */
import { execa } from 'execa';
import type { DoctorCheck } from '../../../shared/doctor-check.ts';
import { describeError } from '../../../shared/describe-error.ts';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { agentConfigurationProblem, keyVariableForModel } from '../agent/agent-preflight.ts';
import {
  AGENT_INSTALL_HINTS,
  compareVersions,
  MINIMUM_AGENT_VERSIONS,
  parseVersion,
} from '../agent/agent-versions.ts';
import { agentProgram } from './agent-program.ts';
import { ok, problem, type DoctorInput } from './check-result.ts';

/** `agent.command` may be a wrapper (`uvx --from aider-chat aider`): its arguments come first. */
export async function checkAgentInstalled({ config, env }: DoctorInput): Promise<DoctorCheck> {
  const { preset } = config.agent;
  const title = `Coding agent (${preset})`;
  const program = agentProgram(config.agent);
  const [file, ...prefix] = config.agent.command ?? [program.program];
  const install =
    preset === 'custom'
      ? 'Fix agent.command (CODINGWORKER_AGENT_COMMAND) so it names an installed program.'
      : `Install it: \`${AGENT_INSTALL_HINTS[preset]}\`, or set agent.command (CODINGWORKER_AGENT_COMMAND) to its full path.`;
  let stdout: string;
  try {
    ({ stdout } = await execa(file!, [...prefix, ...program.versionArgs], {
      env: { PATH: env.PATH ?? '', HOME: env.HOME ?? '' },
      extendEnv: false,
      timeout: 30_000,
      stdin: 'ignore',
    }));
  } catch (error) {
    const code = (error as { code?: string }).code;
    const detail =
      code === 'ENOENT'
        ? `${file} was not found on PATH.`
        : `${file} did not run: ${describeError(error).split('\n')[0]}`;
    return problem('agent', title, 'fail', detail, install);
  }
  const first = stdout.split('\n')[0]?.trim() || 'found';
  if (preset === 'custom') return ok('agent', title, `${file}: ${first}`);
  const version = parseVersion(stdout);
  const minimum = MINIMUM_AGENT_VERSIONS[preset];
  if (version === null) {
    return problem('agent', title, 'warn', `${file} printed no version ("${first}").`, install);
  }
  if (compareVersions(version, minimum) < 0) {
    return problem(
      'agent',
      title,
      'fail',
      `${file} is version ${version}; the worker needs ${minimum} or later.`,
      `Upgrade it: \`${AGENT_INSTALL_HINTS[preset]}\` (a newer version).`,
    );
  }
  return ok('agent', title, `${file}: ${version} (supported: ${minimum} or later)`);
}

export async function checkAgentKey({ config, env }: DoctorInput): Promise<DoctorCheck> {
  const title = `Model key for ${config.agent.preset}`;
  const home = env.HOME;
  const missing = agentConfigurationProblem({
    agent: config.agent,
    env,
    hasAiderConfig: home?.startsWith('/') === true && existsSync(join(home, '.aider.conf.yml')),
  });
  if (missing !== null) {
    return problem(
      'agent-key',
      title,
      'fail',
      missing,
      'Set the variable in the environment the worker starts in (never in the settings file), then run doctor again.',
    );
  }
  const key = modelKeyVariable(config.agent.preset, config.agent.model, env);
  return ok('agent-key', title, key ? `${key} is set.` : 'The agent has what it needs to start.');
}

/** The variable that holds the key the agent will use, when the worker can tell. */
function modelKeyVariable(
  preset: DoctorInput['config']['agent']['preset'],
  model: string | null,
  env: DoctorInput['env'],
): string | null {
  const first = (...names: string[]) => names.find((name) => (env[name] ?? '') !== '') ?? null;
  if (preset === 'claude-code')
    return first('ANTHROPIC_API_KEY', 'ANTHROPIC_AUTH_TOKEN', 'CLAUDE_CODE_OAUTH_TOKEN');
  if (preset === 'codex') return first('CODEX_API_KEY', 'OPENAI_API_KEY');
  return model ? keyVariableForModel(model) : null;
}

/** One tiny request (one output token) to the model API the agent would use, with its key. */
export async function checkAgentRequest({ config, env }: DoctorInput): Promise<DoctorCheck> {
  const title = `A request to the model API (${config.agent.preset})`;
  const target = requestTarget(config.agent.preset, config.agent.model, env);
  if (target === null) {
    return ok(
      'agent-request',
      title,
      'Skipped: the doctor can try only OpenAI- and Anthropic-compatible APIs with a key in the environment.',
    );
  }
  try {
    const response = await fetch(target.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...target.headers },
      body: JSON.stringify(target.body),
      signal: AbortSignal.timeout(30_000),
    });
    if (response.ok) return ok('agent-request', title, `${target.url} answered with ${target.keyName}.`);
    const status = response.status;
    if (status === 401 || status === 403) {
      return problem(
        'agent-request',
        title,
        'fail',
        `The model API rejected the key in ${target.keyName} (HTTP ${status}).`,
        `Create a new key and set ${target.keyName}.`,
      );
    }
    return problem(
      'agent-request',
      title,
      status === 429 ? 'warn' : 'fail',
      `${target.url} answered HTTP ${status}.`,
      status === 429
        ? 'The key works but is rate-limited now; try later.'
        : 'Check the model name and base URL.',
    );
  } catch (error) {
    return problem(
      'agent-request',
      title,
      'fail',
      `${target.url} could not be reached: ${describeError(error)}`,
      'Check the network, the proxy settings, or the base URL variable.',
    );
  }
}

interface RequestTarget {
  readonly url: string;
  readonly keyName: string;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

function requestTarget(
  preset: DoctorInput['config']['agent']['preset'],
  model: string | null,
  env: DoctorInput['env'],
): RequestTarget | null {
  const anthropic =
    preset === 'claude-code' ||
    (preset === 'aider' && model !== null && keyVariableForModel(model) === 'ANTHROPIC_API_KEY');
  const openai =
    preset === 'codex' ||
    (preset === 'aider' && model !== null && keyVariableForModel(model) === 'OPENAI_API_KEY');
  if (anthropic) {
    const keyName = ['ANTHROPIC_API_KEY', 'ANTHROPIC_AUTH_TOKEN'].find((name) => env[name]);
    if (!keyName) return null;
    const base = (env.ANTHROPIC_BASE_URL || 'https://api.anthropic.com').replace(/\/+$/, '');
    const auth: Record<string, string> =
      keyName === 'ANTHROPIC_API_KEY'
        ? { 'x-api-key': env[keyName]! }
        : { authorization: `Bearer ${env[keyName]!}` };
    return {
      url: `${base}/v1/messages`,
      keyName,
      headers: { ...auth, 'anthropic-version': '2023-06-01' },
      body: {
        model: (model ?? env.ANTHROPIC_MODEL ?? 'claude-haiku-4-5').replace(/^anthropic\//, ''),
        max_tokens: 1,
        messages: [{ role: 'user', content: 'ping' }],
      },
    };
  }
  if (openai) {
    const keyName =
      preset === 'codex' ? ['CODEX_API_KEY', 'OPENAI_API_KEY'].find((name) => env[name]) : 'OPENAI_API_KEY';
    if (!keyName || !env[keyName]) return null;
    const base = (
      (preset === 'codex' ? env.OPENAI_BASE_URL : env.OPENAI_API_BASE || env.OPENAI_BASE_URL) ||
      'https://api.openai.com/v1'
    ).replace(/\/+$/, '');
    return {
      url: `${base}/chat/completions`,
      keyName,
      headers: { authorization: `Bearer ${env[keyName]!}` },
      body: {
        model: (model ?? 'gpt-4o-mini').replace(/^openai\//, ''),
        max_tokens: 1,
        messages: [{ role: 'user', content: 'ping' }],
      },
    };
  }
  return null;
}
