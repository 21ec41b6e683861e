/**
 * The doctor's check of the agent's OS sandbox: which one confines the agent here, or — plainly —
 * that the agent runs unconfined and why. With `agent.sandbox: "required"` a missing sandbox is a
 * failure (no job would run); with "auto" a warning; with "off" a warning that says it was chosen.
 */
import type { DoctorCheck } from '../../../shared/doctor-check.ts';
import {
  describeSandbox,
  detectSandbox,
  UNCONFINED_NOTICE,
  type SandboxSupport,
} from '../agent/sandbox/detect.ts';
import { ok, problem, type DoctorInput } from './check-result.ts';

const TITLE = 'Agent sandbox';

export async function checkSandbox(
  input: DoctorInput,
  detect: () => Promise<SandboxSupport> = () => detectSandbox(process.platform, input.env.PATH),
): Promise<DoctorCheck> {
  const mode = input.config.agent?.sandbox ?? 'auto';
  if (mode === 'off')
    return problem(
      'sandbox',
      TITLE,
      'warn',
      `${UNCONFINED_NOTICE}: agent.sandbox is "off"`,
      'Set agent.sandbox to "auto" so the agent cannot read your credentials or reach other hosts.',
    );
  const support = await detect();
  if (support.kind !== 'none') return ok('sandbox', TITLE, describeSandbox(support));
  const fix =
    process.platform === 'linux'
      ? 'Install bubblewrap and socat (Debian/Ubuntu: `sudo apt-get install bubblewrap socat`).'
      : 'Use macOS (Seatbelt) or Linux (bubblewrap) to confine the agent.';
  return problem(
    'sandbox',
    TITLE,
    mode === 'required' ? 'fail' : 'warn',
    mode === 'required'
      ? `agent.sandbox is "required" but there is no sandbox (${support.reason}): no job will run`
      : describeSandbox(support),
    fix,
  );
}
