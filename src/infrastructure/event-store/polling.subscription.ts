import type { Checkpoint, EventStore, ReadAllResult, SubscribeOptions, Subscription } from '../../application/ports/event-store.port';
import { EventStoreUnavailableError } from '../../application/ports/event-store.errors';

const DEFAULT_BATCH_SIZE = 500;
/** Once caught up, the pause between reads. */
const LIVE_POLL_MS = 50;
const MAX_RETRY_DELAY_MS = 5_000;

/**
 * A catch-up-then-live subscription over `readAll`. Live delivery is a poll every 50 ms: the ordered read is one
 * index range scan, cheaper than NOTIFY, which takes a database-wide lock at every commit. A store outage is
 * retried with backoff (the subscription knows its position); a failing handler ends the subscription.
 *
 * While catching up (the last batch was full) the next batch is read while the handler works on this one, so the
 * server's half of a batch and the client's half overlap. Batches are still handed over one at a time, in order,
 * each only after the previous one's handler resolved; the batch read ahead continues from the end of the batch
 * being handled, which is where the handler's checkpoint will be. (Pages larger than the batches, split up, read
 * slower here: more events alive at once cost more garbage collection than the round trips saved.)
 */
export class PollingSubscription implements Subscription {
  readonly done: Promise<void>;
  private stopped = false;
  private wake: (() => void) | null = null;

  private constructor(
    private readonly store: Pick<EventStore, 'readAll'>,
    private readonly options: SubscribeOptions,
  ) {
    this.done = this.loop();
  }

  static start(store: Pick<EventStore, 'readAll'>, options: SubscribeOptions): PollingSubscription {
    return new PollingSubscription(store, options);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.done.catch(() => undefined);
  }

  private async loop(): Promise<void> {
    const batchSize = this.options.batchSize ?? DEFAULT_BATCH_SIZE;
    let checkpoint: Checkpoint | null = this.options.after ?? null;
    let caughtUp = false;
    let retryDelay = 100;
    let readAhead: Promise<ReadAllResult> | null = null;
    try {
      while (!this.stopped) {
        let page: ReadAllResult;
        try {
          page = await (readAhead ?? this.store.readAll({ after: checkpoint, limit: batchSize }));
          retryDelay = 100;
        } catch (error) {
          if (!(error instanceof EventStoreUnavailableError)) throw error;
          await this.sleep(retryDelay);
          retryDelay = Math.min(retryDelay * 2, MAX_RETRY_DELAY_MS);
          continue;
        } finally {
          readAhead = null;
        }
        const full = page.events.length === batchSize;
        if (full) {
          readAhead = this.store.readAll({ after: page.checkpoint, limit: batchSize });
          // Awaited at the top of the loop or in `finally`; until then a rejection must not count as unhandled.
          readAhead.catch(() => undefined);
        }
        if (page.events.length > 0) {
          await this.options.onBatch(page.events);
          checkpoint = page.checkpoint;
        }
        if (!full) {
          if (!caughtUp) {
            caughtUp = true;
            this.options.onCaughtUp?.(checkpoint);
          }
          // Also after a page with events: under a steady stream of appends, reading again at once returns a
          // handful each time, and every batch costs the subscriber (a projection: a transaction). Pausing lets
          // the next batch gather; events wait at most this long, as when the log was idle (HTTP benchmark,
          // docs/BENCHMARKS.md: about 0.75 -> 0.5 statements per command with the runners in the process).
          await this.sleep(LIVE_POLL_MS);
        }
      }
    } finally {
      // No read may outlive the subscription: the caller may close the database once `done` settles.
      await readAhead?.catch(() => undefined);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}

