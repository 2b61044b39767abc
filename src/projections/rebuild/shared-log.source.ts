import type { Checkpoint, EventStore, RecordedEvent, SubscribeOptions, Subscription } from '../../application/ports/event-store.port';
import { deferred } from '../runner/deferred';

type LogSource = Pick<EventStore, 'subscribe' | 'compareCheckpoints'>;

/**
 * The log as several runners of one rebuild see it: one subscription to the store, each page handed to every
 * subscriber that continues from it. Reading and decoding the log costs as much as a projection's own work, so
 * a rebuild of all projections reads it once instead of once per projection; and the store reads the next page
 * while the subscribers apply this one.
 *
 * A subscriber only ever receives a page that begins at or before its own position, so it never misses an
 * event; the part it already has is filtered out by the runner (which skips what its checkpoint covers). One
 * that subscribes behind the shared position (a runner resuming from its checkpoint) restarts the shared
 * subscription from there; the others wait until it has caught up with them.
 */
export class SharedLogSource implements LogSource {
  private readonly readers = new Set<SharedReader>();
  private upstream: Upstream | null = null;
  /** Deliveries and caught-up notices, in log order. */
  private deliveries: Promise<void> = Promise.resolve();
  /** Restarts of the shared subscription never overlap. */
  private control: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: LogSource,
    private readonly batchSize: number,
  ) {}

  compareCheckpoints(a: Checkpoint, b: Checkpoint): number {
    return this.store.compareCheckpoints(a, b);
  }

  subscribe(options: SubscribeOptions): Subscription {
    const reader = new SharedReader(options, (ended) => this.detach(ended));
    this.readers.add(reader);
    this.exclusively(() => this.place(reader));
    return reader;
  }

  /** Serves `reader` from the running subscription if it continues from there, else restarts it. */
  private async place(reader: SharedReader): Promise<void> {
    if (reader.ended) return;
    const upstream = this.upstream;
    if (upstream !== null && !this.before(reader.position, upstream.position)) {
      const at = upstream.position;
      if (upstream.caughtUp) this.deliveries = this.deliveries.then(() => this.noteCaughtUp(upstream, at));
      return;
    }
    await this.stopUpstream();
    const open = [...this.readers].filter((r) => !r.ended);
    if (open.length === 0) return;
    const from = open.map((r) => r.position).reduce((a, b) => (this.before(a, b) ? a : b));
    const started: Upstream = { subscription: null, position: from, caughtUp: false };
    this.upstream = started;
    started.subscription = this.store.subscribe({
      after: from,
      batchSize: this.batchSize,
      onBatch: (events) => this.receive(started, events),
      onCaughtUp: () => {
        started.caughtUp = true;
        // Where the log ended then: the next page may be received before this notice is passed on.
        const at = started.position;
        this.deliveries = this.deliveries.then(() => this.noteCaughtUp(started, at));
      },
    });
    started.subscription.done.catch((error: unknown) => this.exclusively(() => this.failed(started, error)));
  }

  /** Hands the page on and lets the store read the next one while the subscribers apply this one. */
  private async receive(upstream: Upstream, events: RecordedEvent[]): Promise<void> {
    const from = upstream.position;
    const to = events[events.length - 1].checkpoint;
    upstream.position = to;
    const previous = this.deliveries;
    this.deliveries = previous.then(() => this.deliver(from, to, events));
    await previous;
  }

  private async deliver(from: Checkpoint | null, to: Checkpoint, events: RecordedEvent[]): Promise<void> {
    const continuing = [...this.readers].filter((r) => !r.ended && !this.before(r.position, from) && this.before(r.position, to));
    await Promise.all(continuing.map((r) => r.receive(events, to)));
  }

  /** Tells each subscriber that has everything up to `at` that it caught up with the log. */
  private noteCaughtUp(upstream: Upstream, at: Checkpoint | null): void {
    if (this.upstream !== upstream) return;
    for (const reader of this.readers) {
      if (!reader.ended && !this.before(reader.position, at)) reader.noteCaughtUp();
    }
  }

  /** The store failed for good (not an outage, which the subscription rides out): every subscriber ends with it. */
  private async failed(upstream: Upstream, error: unknown): Promise<void> {
    if (this.upstream !== upstream) return;
    this.upstream = null;
    await this.deliveries;
    for (const reader of [...this.readers]) reader.fail(error);
  }

  private detach(reader: SharedReader): void {
    this.readers.delete(reader);
    if (this.readers.size === 0) this.exclusively(() => this.stopUpstream());
  }

  private async stopUpstream(): Promise<void> {
    const upstream = this.upstream;
    this.upstream = null;
    await upstream?.subscription?.stop();
    await this.deliveries;
  }

  /** Whether position `a` comes before `b` (`null`: before the first event). */
  private before(a: Checkpoint | null, b: Checkpoint | null): boolean {
    if (a === null) return b !== null;
    return b !== null && this.store.compareCheckpoints(a, b) < 0;
  }

  /** A failure here (the store refused to subscribe) ends every subscriber rather than leaving one waiting. */
  private exclusively(work: () => Promise<void>): void {
    this.control = this.control.then(work).catch((error: unknown) => {
      for (const reader of [...this.readers]) reader.fail(error);
    });
  }
}

interface Upstream {
  subscription: Subscription | null;
  /** The end of the last page received: what the next page continues from. */
  position: Checkpoint | null;
  caughtUp: boolean;
}

/** One subscriber's view: its position, and its subscription's life. */
class SharedReader implements Subscription {
  position: Checkpoint | null;
  ended = false;
  private caughtUp = false;
  private inFlight: Promise<void> = Promise.resolve();
  private readonly ending = deferred<void>();

  constructor(
    private readonly options: SubscribeOptions,
    private readonly detach: (reader: SharedReader) => void,
  ) {
    this.position = options.after ?? null;
  }

  get done(): Promise<void> {
    return this.ending.promise;
  }

  /** Never rejects: a subscriber's failure ends its own subscription, not the others'. */
  receive(events: RecordedEvent[], to: Checkpoint): Promise<void> {
    this.inFlight = this.options.onBatch(events).then(
      () => {
        this.position = to;
      },
      (error: unknown) => this.fail(error),
    );
    return this.inFlight;
  }

  noteCaughtUp(): void {
    if (this.caughtUp) return;
    this.caughtUp = true;
    this.options.onCaughtUp?.(this.position);
  }

  fail(error: unknown): void {
    if (this.end()) this.ending.reject(error);
  }

  async stop(): Promise<void> {
    if (!this.end()) return this.done.catch(() => undefined);
    await this.inFlight;
    this.ending.resolve();
  }

  /** False when it had ended already. */
  private end(): boolean {
    if (this.ended) return false;
    this.ended = true;
    this.detach(this);
    return true;
  }
}
