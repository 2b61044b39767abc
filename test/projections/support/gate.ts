import type { EventStore, SubscribeOptions, Subscription } from '../../../src/application/ports/event-store.port';

/** Holds a subscriber's batches until the test has looked around. */
export class Gate {
  private reachedResolve!: () => void;
  private openResolve!: () => void;
  /** Settles when the first batch arrived at the gate. */
  readonly reached = new Promise<void>((resolve) => (this.reachedResolve = resolve));
  private readonly opened = new Promise<void>((resolve) => (this.openResolve = resolve));

  async pass(): Promise<void> {
    this.reachedResolve();
    await this.opened;
  }

  open(): void {
    this.openResolve();
  }
}

/**
 * The store as its subscribers see it behind `current()` (when there is one): batches wait before they reach
 * the runner, outside any transaction (on PGlite, a transaction held open would block every other query).
 */
export function behindGate(store: EventStore, current: () => Gate | null): EventStore {
  return Object.assign(Object.create(store) as EventStore, {
    subscribe: (options: SubscribeOptions): Subscription =>
      store.subscribe({
        ...options,
        onBatch: async (events) => {
          await current()?.pass();
          await options.onBatch(events);
        },
      }),
  });
}
