/**
 * The configuration as far as it is valid, for the doctor: every invalid key is reported and falls
 * back to its default, so the checks that do not depend on it still run. A missing or invalid queue
 * URL leaves `queueUrl` null (the queue checks then say so, with the fix).
 */
import { ConfigError, configIssueError, mergeConfigSources, type ConfigSources } from './load-config.ts';
import { workerConfigSchema, type WorkerConfig } from './worker-config.ts';

export type PartialWorkerConfig = Omit<WorkerConfig, 'queueUrl'> & { readonly queueUrl: string | null };

export interface ConfigProblem {
  /** The top-level key at fault ("queueUrl"), or "(config)" for the file as a whole. */
  readonly key: string;
  /** "Invalid configuration: queueUrl (CODINGWORKER_QUEUE_URL) must be an SQS queue URL". */
  readonly message: string;
}

export interface LenientConfig {
  readonly config: PartialWorkerConfig;
  /** One per invalid key, in the order found. */
  readonly problems: readonly ConfigProblem[];
}

const lenientSchema = workerConfigSchema.extend({
  queueUrl: workerConfigSchema.shape.queueUrl.nullable().default(null),
});

/** Each round drops the keys at fault; a schema this size cannot need more rounds than it has keys. */
const MAX_ROUNDS = 64;

export function loadConfigLeniently(sources: ConfigSources): LenientConfig {
  const problems: ConfigProblem[] = [];
  let merge;
  try {
    merge = mergeConfigSources(sources);
  } catch (error) {
    // An unreadable config file (or agent command): report it, then use the other sources.
    problems.push({ key: '(config)', message: error instanceof Error ? error.message : String(error) });
    merge = mergeConfigSources({
      ...sources,
      configPath: null,
      env: { ...sources.env, CODINGWORKER_CONFIG: undefined, CODINGWORKER_AGENT_COMMAND: undefined },
    });
  }
  const merged = structuredClone(merge.merged);
  const missingQueue = merged.queueUrl === undefined;
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const result = lenientSchema.safeParse(merged);
    if (result.success) {
      if (missingQueue)
        problems.unshift({ key: 'queueUrl', message: new ConfigError('queueUrl', 'is required').message });
      return { config: result.data, problems };
    }
    for (const issue of result.error.issues) {
      const key = String(issue.path[0] ?? '(config)');
      problems.push({ key, message: configIssueError(issue, { ...merge, merged }).message });
      dropPath(merged, issue.path);
    }
  }
  throw new ConfigError('(config)', 'could not be read even with its invalid keys removed');
}

function dropPath(target: Record<string, unknown>, path: readonly PropertyKey[]): void {
  // An issue inside an array (retryBackoffSeconds.1) drops the whole array: its default is whole.
  const keys = path.map(String);
  const firstIndex = keys.findIndex((key) => /^\d+$/.test(key));
  const cut = firstIndex === -1 ? keys : keys.slice(0, firstIndex);
  if (cut.length === 0) return;
  let node: unknown = target;
  for (const key of cut.slice(0, -1)) {
    node = (node as Record<string, unknown> | undefined)?.[key];
    if (typeof node !== 'object' || node === null) return;
  }
  delete (node as Record<string, unknown>)[cut[cut.length - 1]!];
}
