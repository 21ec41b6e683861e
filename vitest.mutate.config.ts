// The unit tests StrykerJS runs against each mutant (npm run mutate, stryker.config.json): those of
// the core decision modules, so a mutation run stays minutes long on a shared two-core machine.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'test/unit/worker/settlement/decide*.test.ts',
      'test/unit/worker/settlement/retry-delay.test.ts',
      'test/unit/worker/offline-backoff.test.ts',
      'test/unit/shared/task-message*.test.ts',
      'test/unit/agent/*-output*.test.ts',
      'test/unit/agent/agent-report.test.ts',
      'test/unit/pipeline/judge-agent-run*.test.ts',
      'test/unit/agent/sandbox/agent-policy.test.ts',
      'test/unit/agent/sandbox/allowed-hosts*.test.ts',
      'test/unit/agent/sandbox/bwrap-args*.test.ts',
      'test/unit/guardrails/guardrails-pure.test.ts',
      'test/unit/spend/*.test.ts',
      'test/unit/pipeline/review-round/verify-round.test.ts',
    ],
    environment: 'node',
  },
});
