/** Fan-out of bridge events to every connected UI (Electron windows, WebSocket clients). */
import type { BridgeEvent } from '../../../shared/bridge.ts';

export type EventListener = (event: BridgeEvent) => void;

export class EventHub {
  readonly #listeners = new Set<EventListener>();

  subscribe(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  publish(event: BridgeEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch {
        // One broken client must not stop the others from hearing about the worker.
      }
    }
  }

  get size(): number {
    return this.#listeners.size;
  }
}
