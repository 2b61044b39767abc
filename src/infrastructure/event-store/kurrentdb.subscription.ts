import type { AllStreamResolvedEvent, AllStreamSubscription, Position } from '@kurrent/kurrentdb-client';
import { EventStoreUnavailableError } from '../../application/ports/event-store.errors';
import type { Checkpoint, RecordedEvent, Subscription } from '../../application/ports/event-store.port';
import { comparePositions, encodeCheckpoint } from './kurrentdb.checkpoint';
import { toStoreError } from './kurrentdb.error-mapping';
import { toRecordedEvent } from './kurrentdb.event-mapping';

/** A partly filled batch goes out when no further event arrives within this many milliseconds. */
export const IDLE_FLUSH_MS = 20;

export interface KurrentDbSubscriptionOptions {
  /** Exclusive: only events after it are delivered. */
  after: Position | null;
  batchSize: number;
  onBatch: (events: RecordedEvent[]) => Promise<void>;
  onCaughtUp?: (checkpoint: Checkpoint | null) => void;
}

/**
 * Delivers a catch-up subscription on `$all` in batches, one `onBatch` at a time. Events at or before the
 * last one seen are dropped, so a server that resends (or starts inclusively) never causes a double delivery.
 */
export class KurrentDbSubscription implements Subscription {
  readonly done: Promise<void>;
  private readonly reader: SubscriptionReader;
  private lastSeen: Position | null;
  private checkpoint: Checkpoint | null;

  constructor(
    private readonly source: AllStreamSubscription,
    private readonly options: KurrentDbSubscriptionOptions,
  ) {
    this.reader = new SubscriptionReader(source);
    this.lastSeen = options.after;
    this.checkpoint = options.after ? encodeCheckpoint(options.after) : null;
    this.done = this.run();
    // The consumer learns of a failure through `done`; an unobserved one must not crash the process.
    this.done.catch(() => undefined);
  }

  async stop(): Promise<void> {
    this.reader.stop();
    await this.done.catch(() => undefined);
  }

  private async run(): Promise<void> {
    let batch: RecordedEvent[] = [];
    const flush = async (): Promise<void> => {
      if (batch.length === 0) return;
      const delivered = batch;
      batch = [];
      await this.options.onBatch(delivered);
      this.checkpoint = delivered[delivered.length - 1].checkpoint;
    };
    try {
      for (;;) {
        const pulled = await this.reader.next(batch.length > 0 ? IDLE_FLUSH_MS : null);
        if (pulled.kind === 'stopped') return;
        if (pulled.kind === 'idle') {
          await flush();
        } else if (pulled.kind === 'caught-up') {
          await flush();
          this.options.onCaughtUp?.(this.checkpoint);
        } else {
          const event = this.accept(pulled.event);
          if (event) batch.push(event);
          if (batch.length >= this.options.batchSize) await flush();
        }
      }
    } finally {
      await this.release();
    }
  }

  private accept(resolved: AllStreamResolvedEvent): RecordedEvent | null {
    const stored = resolved.event;
    if (!stored) return null;
    if (this.lastSeen && comparePositions(stored.position, this.lastSeen) <= 0) return null;
    this.lastSeen = stored.position;
    // The server-side filter drops system event types; events of ours never live in a system stream.
    if (stored.streamId.startsWith('$')) return null;
    return toRecordedEvent(stored);
  }

  private async release(): Promise<void> {
    try {
      await this.source.unsubscribe();
    } catch {
      // Never connected, or already gone: nothing left to cancel.
    }
    this.source.destroy();
  }
}

type Pulled =
  | { kind: 'event'; event: AllStreamResolvedEvent }
  | { kind: 'caught-up' }
  | { kind: 'idle' }
  | { kind: 'stopped' };

/**
 * Pulls events one by one from the client's readable stream and places its `caughtUp` signal exactly in
 * the event order. The signal is emitted while the client's transform runs, when the events before it may
 * still sit in the readable buffer: those are counted, and the signal is reported once they have been taken.
 */
class SubscriptionReader {
  private taken = 0;
  private caughtUpAfter: number | null = null;
  private caughtUpReported = false;
  private failure: Error | null = null;
  private ended = false;
  private stopped = false;
  private changed = false;
  private wake: (() => void) | null = null;

  constructor(private readonly source: AllStreamSubscription) {
    source.on('readable', () => this.notify());
    source.on('end', () => {
      this.ended = true;
      this.notify();
    });
    // Listening to 'error' also keeps an unhandled stream error from crashing the process.
    source.on('error', (error) => {
      this.failure ??= error;
      this.notify();
    });
    source.on('caughtUp', () => {
      this.caughtUpAfter ??= this.taken + source.readableLength;
      this.notify();
    });
  }

  stop(): void {
    this.stopped = true;
    this.notify();
  }

  /** The next event, or `idle` when none arrived within `idleMs` (`null`: wait as long as it takes). */
  async next(idleMs: number | null): Promise<Pulled> {
    for (;;) {
      this.changed = false;
      if (this.stopped) return { kind: 'stopped' };
      if (this.failure) throw toStoreError(this.failure, 'a subscription');
      if (!this.caughtUpReported && this.caughtUpAfter !== null && this.taken >= this.caughtUpAfter) {
        this.caughtUpReported = true;
        return { kind: 'caught-up' };
      }
      const event = this.source.read() as AllStreamResolvedEvent | null;
      if (event !== null) {
        this.taken += 1;
        return { kind: 'event', event };
      }
      if (this.ended) throw new EventStoreUnavailableError('The KurrentDB subscription was ended by the server');
      // read() may itself have raised a signal (it runs the client's transform): look again before waiting.
      if (this.changed) continue;
      if (!(await this.waitForChange(idleMs))) return { kind: 'idle' };
    }
  }

  private notify(): void {
    this.changed = true;
    this.wake?.();
  }

  private waitForChange(timeoutMs: number | null): Promise<boolean> {
    return new Promise((resolve) => {
      const timer =
        timeoutMs === null
          ? null
          : setTimeout(() => {
              this.wake = null;
              resolve(false);
            }, timeoutMs);
      this.wake = () => {
        if (timer) clearTimeout(timer);
        this.wake = null;
        resolve(true);
      };
    });
  }
}
