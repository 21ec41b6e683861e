/** The doctor's checks of local programs: git, and the configured coding agent. */
import { execa } from 'execa';
import type { DoctorCheck } from '../../../shared/records.ts';
import { agentProgram } from './agent-program.ts';
import { ok, problem, type DoctorInput } from './check-result.ts';

export function checkGit({ env }: DoctorInput): Promise<DoctorCheck> {
  return checkProgram(
    'git',
    'git',
    'git',
    ['--version'],
    'Install git (Xcode command line tools: `xcode-select --install`).',
    env,
  );
}

export function checkAgent({ config, env }: DoctorInput): Promise<DoctorCheck> {
  const program = agentProgram(config.agent);
  const fix =
    config.agent.preset === 'aider'
      ? 'Install Aider: `pipx install aider-chat` (or `uv tool install aider-chat`), then check `aider --version`.'
      : `Install ${program.program} or fix the agent command in Settings.`;
  return checkProgram(
    'agent',
    `Coding agent (${config.agent.preset})`,
    program.program,
    program.versionArgs,
    fix,
    env,
  );
}

/** Runs `program args` (no shell) and reports its first line, or why it did not run. */
export async function checkProgram(
  id: string,
  title: string,
  program: string,
  args: readonly string[],
  fix: string,
  env: DoctorInput['env'],
): Promise<DoctorCheck> {
  try {
    const { stdout } = await execa(program, [...args], {
      env: { PATH: env.PATH ?? '', HOME: env.HOME ?? '' },
      extendEnv: false,
      timeout: 20_000,
      stdin: 'ignore',
    });
    return ok(id, title, `${program}: ${stdout.split('\n')[0]?.trim() || 'found'}`);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const detail =
      code === 'ENOENT'
        ? `${program} was not found on PATH.`
        : `${program} did not run: ${(error as Error).message.split('\n')[0]}`;
    return problem(id, title, 'fail', detail, fix);
  }
}
