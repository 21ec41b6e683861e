/**
 * The worker's configuration: one validated object, parsed once at the edge (CLI or app shell) and
 * passed down. Nothing below reads process.env.
 */
import { z } from 'zod';
import { agentPresets } from '../../../shared/settings.ts';
import { guardrailsConfigShape } from './guardrails-config.ts';

const repository = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,38}\/[A-Za-z0-9._-]{1,100}$/, 'must be "owner/name"');
// FIFO queues need MessageGroupId, deduplication and per-group ordering that the worker does not
// implement (its leases, releases and quarantine assume a standard queue): refuse them plainly.
const queueUrl = z
  .string()
  .refine((url) => !/\.fifo\/?$/i.test(url), 'FIFO queues are not supported: use a standard queue')
  .regex(
    /^https?:\/\/[A-Za-z0-9.-]+(?::\d{1,5})?\/\d{12}\/[A-Za-z0-9_-]{1,80}(?:\.fifo)?$/,
    'must be an SQS queue URL',
  );
const httpUrl = z.string().regex(/^(?:https?|file):\/\/\S+$/, 'must be an http(s) or file URL');

export const workerConfigSchema = z.object({
  /** The task queue. */
  queueUrl,
  /** The DLQ; found from the queue's RedrivePolicy when not set. */
  dlqUrl: queueUrl.nullable().default(null),
  /** AWS region; from the queue URL or AWS_REGION when not set. */
  region: z
    .string()
    .regex(/^[a-z]{2}(?:-[a-z]+)+-\d$/, 'must be an AWS region like us-east-1')
    .nullable()
    .default(null),
  /** AWS profile name; credentials themselves never pass through the app. */
  profile: z.string().min(1).nullable().default(null),
  /** AWS_ENDPOINT_URL_SQS: a local emulator, or a VPC endpoint. */
  sqsEndpoint: z.url().nullable().default(null),
  /** Repositories whose issues this worker will act on. Empty refuses all. */
  repositories: z.array(repository).default([]),
  dataDir: z.string().min(1),
  /** Lease on each received message (VisibilityTimeout), in seconds. */
  leaseSeconds: z.number().int().min(30).max(43_200).default(300),
  /** Heartbeat interval; default a third of the lease. */
  heartbeatSeconds: z.number().int().min(1).nullable().default(null),
  /** How many jobs run at once. */
  concurrency: z.number().int().min(1).max(16).default(1),
  /** Long-poll wait per ReceiveMessage call (SQS's maximum is 20). */
  waitTimeSeconds: z.number().int().min(0).max(20).default(20),
  /** Visibility delays for retryable failures, by receive count (the last repeats). */
  retryBackoffSeconds: z.array(z.number().int().min(0).max(43_200)).min(1).default([60, 300, 900]),
  /** How long running jobs may finish after a stop before they are cancelled and released. */
  shutdownGraceSeconds: z.number().int().min(0).max(3600).default(30),
  /** A job running longer than this is stopped. */
  maxJobMinutes: z.number().int().min(1).max(690).default(60),
  /** No agent output for this long means the agent hung. */
  idleOutputMinutes: z.number().int().min(1).max(240).default(10),
  agent: z
    .object({
      preset: z.enum(agentPresets).default('aider'),
      /** Program and arguments for 'custom', or to override a preset's program path. */
      command: z.array(z.string().min(1)).nullable().default(null),
      model: z.string().nullable().default(null),
      extraArgs: z.array(z.string()).default([]),
      /**
       * The OS sandbox around the agent (bubblewrap on Linux, Seatbelt on macOS): 'auto' uses it
       * where the machine has one, 'required' refuses to run jobs without it, 'off' never uses it.
       * Default 'auto' (optional in the type so code that builds an agent section needs no change).
       */
      sandbox: z.enum(['auto', 'required', 'off']).optional(),
      /** Hosts ("host", "host:port", "*.domain" or a URL) the sandboxed agent may reach besides its model API. */
      allowedHosts: z.array(z.string().min(1).max(300)).max(100).optional(),
    })
    .prefault({}),
  github: z
    .object({
      apiUrl: httpUrl.default('https://api.github.com'),
      serverUrl: httpUrl.default('https://github.com'),
      openAsDraft: z.boolean().default(false),
    })
    .prefault({}),
  // Checks before push, spend limits, approve before push (guardrails-config.ts).
  ...guardrailsConfigShape,
});

export type WorkerConfig = Readonly<z.infer<typeof workerConfigSchema>>;
export type WorkerConfigInput = z.input<typeof workerConfigSchema>;

/** The heartbeat interval in ms: the configured one, or a third of the lease. */
export function heartbeatMs(config: Pick<WorkerConfig, 'leaseSeconds' | 'heartbeatSeconds'>): number {
  const seconds = config.heartbeatSeconds ?? config.leaseSeconds / 3;
  return Math.max(1, Math.min(seconds, config.leaseSeconds / 2)) * 1000;
}
