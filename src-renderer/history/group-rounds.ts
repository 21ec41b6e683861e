/**
 * History rows with review rounds gathered under their issue and pull request. Pure. The list
 * stays newest first: an issue's entry sits where its newest record is; within it come the
 * issue's own jobs (first rounds, retries) and then, per pull request, its review rounds.
 */
import type { JobRecord } from '../../shared/job-record.ts';

export interface RoundGroup {
  readonly pullNumber: number;
  /** Newest first. */
  readonly rounds: readonly JobRecord[];
}

export type HistoryEntry =
  | { readonly kind: 'job'; readonly record: JobRecord }
  | {
      readonly kind: 'issue';
      readonly key: string;
      /** The issue's own jobs, newest first. */
      readonly jobs: readonly JobRecord[];
      readonly pulls: readonly RoundGroup[];
    };

export function groupRounds(records: readonly JobRecord[]): HistoryEntry[] {
  const keyOf = (record: JobRecord) =>
    record.issue ? `${record.issue.repository.toLowerCase()}#${record.issue.number}` : null;
  const withRounds = new Set(records.filter((r) => r.review).map(keyOf));
  const order: (JobRecord | string)[] = [];
  const groups = new Map<string, { jobs: JobRecord[]; pulls: Map<number, JobRecord[]> }>();
  for (const record of records) {
    const key = keyOf(record);
    if (key === null || !withRounds.has(key)) {
      order.push(record);
      continue;
    }
    let group = groups.get(key);
    if (!group) {
      group = { jobs: [], pulls: new Map() };
      groups.set(key, group);
      order.push(key);
    }
    if (record.review) {
      const rounds = group.pulls.get(record.review.pullNumber) ?? [];
      rounds.push(record);
      group.pulls.set(record.review.pullNumber, rounds);
    } else {
      group.jobs.push(record);
    }
  }
  return order.map((item): HistoryEntry => {
    if (typeof item !== 'string') return { kind: 'job', record: item };
    const group = groups.get(item)!;
    const pulls = [...group.pulls].map(([pullNumber, rounds]) => ({ pullNumber, rounds }));
    return { kind: 'issue', key: item, jobs: group.jobs, pulls };
  });
}
