/**
 * A real SQS peer for tests and the sandbox: fauxqs in-process on 127.0.0.1 (its startFauxqs binds
 * 0.0.0.0, so we build the app and listen ourselves), reached through the real AWS SDK.
 */
export { startLocalSqs, type LocalSqs } from '../../src-main/engine/sandbox/local-sqs.ts';
