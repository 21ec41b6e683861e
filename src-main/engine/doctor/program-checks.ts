/** The doctor's checks of local programs (git); agent-checks.ts checks the agent the same way. */
import { execa } from 'execa';
import type { DoctorCheck } from '../../../shared/doctor-check.ts';
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
