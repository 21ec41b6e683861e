/** Tells the user when the DLQ grows: a task has failed for good and needs a look. */
import type { WorkerSnapshot } from '../../../shared/snapshot.ts';
import type { Notifier } from '../ports/notifier.ts';

export function watchDlqGrowth(
  source: { onSnapshot(listener: (snapshot: WorkerSnapshot) => void): () => void },
  notifier: Notifier,
): () => void {
  let last: number | null = null;
  return source.onSnapshot((snapshot) => {
    // Visible + in flight: listing the DLQ hides its messages for a moment, which is not a change.
    const dlq = snapshot.stats.dlq;
    if (!dlq) return;
    const count = dlq.visible + dlq.inFlight;
    if (last !== null && count > last) {
      notifier.notify({
        kind: 'dlq-item',
        subject: null,
        title: 'A task moved to the dead-letter queue',
        body: `${count} task${count === 1 ? '' : 's'} in the DLQ (approximate). Open CodingWorker to redrive or delete.`,
        url: null,
        jobId: null,
      });
    }
    last = count;
  });
}
