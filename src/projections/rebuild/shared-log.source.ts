import type { Checkpoint, EventStore, RecordedEvent, SubscribeOptions, Subscription } from '../../application/ports/event-store.port';
import { deferred, type Deferred } from '../runner/deferred';

type LogSource = Pick<EventStore, 'subscribe' | 'compareCheckpoints'>;

export interface SharedLogSourceOptions {
  /** How many pages a subscriber may be handed beyond the one it is applying; 0 keeps all in step. */
  maxPagesAhead?: number;
}

/**
 * Each runner applies a page in a transaction of its own. Were they kept in step, Node would idle at the end of
 * every page waiting for the slowest runner's statement, and the server at the start of the next while Node
 * builds everyone's rows. One page of slack already lets those halves overlap; three also absorb pages that cost
 * one projection much more than another (many new cases, say), while the pages held stay few: a page is one array
 * shared by all subscribers, so at most this many plus two are alive at once (the one applied, the one read ahead).
 */
const DEFAULT_MAX_PAGES_AHEAD = 3;

/**
 * The log as several runners of one rebuild see it: one subscription to the store, each page handed to every
 * subscriber that continues from it. Reading and decoding the log costs as much as a projection's own work, so
 * a rebuild of all projections reads it once instead of once per projection; and the store reads the next page
 * while the subscribers apply this one.
 *
 * Each subscriber applies its pages one after the other, in log order, and may run ahead of the slowest by up to
 * `maxPagesAhead` pages; while one holds more, the shared subscription reads no further (the store awaits the
 * hand-over before it reads on), so the slowest bounds memory.
 *
 * A subscriber only ever receives a page that begins at or before the end of what it was handed, so it never
 * misses an event; the part it already has is filtered out by the runner (which skips what its checkpoint covers).
 * One that subscribes behind the shared position (a runner resuming from its checkpoint) restarts the shared
 * subscription from there; the others wait until it has caught up with them.
 */
export class SharedLogSource implements LogSource {
  private readonly readers = new Set<SharedReader>();
  private readonly maxPagesAhead: number;
  private upstream: Upstream | null = null;
  /** Settles when a subscriber has applied a page or ended: the upstream may have room to hand on. */
  private room: Deferred<void> | null = null;
  /** Restarts of the shared subscription never overlap. */
  private control: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: LogSource,
    private readonly batchSize: number,
    options: SharedLogSourceOptions = {},
  ) {
    this.maxPagesAhead = options.maxPagesAhead ?? DEFAULT_MAX_PAGES_AHEAD;
  }

  compareCheckpoints(a: Checkpoint, b: Checkpoint): number {
    return this.store.compareCheckpoints(a, b);
  }

  subscribe(options: SubscribeOptions): Subscription {
    const reader = new SharedReader(options, {
      detach: (ended) => this.detach(ended),
      progressed: () => this.makeRoom(),
    });
    this.readers.add(reader);
    this.exclusively(() => this.place(reader));
    return reader;
  }

  /**
   * Serves `reader` from the running subscription if it continues from there, else restarts it. Positions here
   * are what a subscriber was handed: it applies its queue whatever the upstream does, so the next page it needs
   * begins where its queue ends.
   */
  private async place(reader: SharedReader): Promise<void> {
    if (reader.ended) return;
    const upstream = this.upstream;
    if (upstream !== null && !this.before(reader.handed, upstream.position)) {
      if (upstream.caughtUp) reader.noteCaughtUp();
      return;
    }
    await this.stopUpstream();
    const open = [...this.readers];
    if (open.length === 0) return;
    const from = open.map((r) => r.handed).reduce((a, b) => (this.before(a, b) ? a : b));
    const started: Upstream = { subscription: null, position: from, caughtUp: false };
    this.upstream = started;
    started.subscription = this.store.subscribe({
      after: from,
      batchSize: this.batchSize,
      onBatch: (events) => this.receive(started, events),
      onCaughtUp: () => this.noteCaughtUp(started),
    });
    started.subscription.done.catch((error: unknown) => this.exclusively(() => this.failed(started, error)));
  }

  /** Hands the page on, then holds the store back until every subscriber has room for the next one. */
  private async receive(upstream: Upstream, events: RecordedEvent[]): Promise<void> {
    // A page read before a restart: the restarted subscription delivers it again from where it is needed.
    if (this.upstream !== upstream) return;
    const from = upstream.position;
    const to = events[events.length - 1].checkpoint;
    upstream.position = to;
    for (const reader of this.readers) {
      if (!this.before(reader.handed, from) && this.before(reader.handed, to)) reader.hand(events, to);
    }
    while (this.upstream === upstream && [...this.readers].some((r) => r.unapplied > this.maxPagesAhead)) {
      this.room ??= deferred<void>();
      await this.room.promise;
    }
  }

  /**
   * Tells each subscriber that was handed everything up to where the log ended that it caught up, once it has
   * applied that much: the next page may be handed on before it has.
   */
  private noteCaughtUp(upstream: Upstream): void {
    if (this.upstream !== upstream) return;
    upstream.caughtUp = true;
    for (const reader of this.readers) {
      if (!this.before(reader.handed, upstream.position)) reader.noteCaughtUp();
    }
  }

  /** The store failed for good (not an outage, which the subscription rides out): every subscriber ends with it. */
  private async failed(upstream: Upstream, error: unknown): Promise<void> {
    if (this.upstream !== upstream) return;
    this.upstream = null;
    for (const reader of [...this.readers]) reader.fail(error);
  }

  private makeRoom(): void {
    this.room?.resolve();
    this.room = null;
  }

  /** An ended subscriber's queue never holds the others back. */
  private detach(reader: SharedReader): void {
    this.readers.delete(reader);
    this.makeRoom();
    if (this.readers.size === 0) this.exclusively(() => this.stopUpstream());
  }

  private async stopUpstream(): Promise<void> {
    const upstream = this.upstream;
    this.upstream = null;
    // A hand-over waiting for room would otherwise keep the store's subscription from stopping.
    this.makeRoom();
    await upstream?.subscription?.stop();
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

interface Page {
  events: RecordedEvent[];
  to: Checkpoint;
}

interface ReaderHooks {
  detach(reader: SharedReader): void;
  /** A page was applied: there may be room for the next. */
  progressed(): void;
}

/** One subscriber's view: the pages handed to it and not yet applied, and its subscription's life. */
class SharedReader implements Subscription {
  /** The end of the last page handed to it (where it started, before the first). */
  handed: Checkpoint | null;
  ended = false;
  /** In log order; the first is being applied. */
  private readonly pages: Page[] = [];
  /** The notice waits until this page is applied (`null`: no notice pending). */
  private caughtUpAfter: Page | null = null;
  private caughtUp = false;
  private applied: Checkpoint | null;
  private applying: Promise<void> = Promise.resolve();
  private readonly ending = deferred<void>();

  constructor(
    private readonly options: SubscribeOptions,
    private readonly hooks: ReaderHooks,
  ) {
    this.handed = options.after ?? null;
    this.applied = this.handed;
  }

  get done(): Promise<void> {
    return this.ending.promise;
  }

  /** Pages handed to it and not yet applied, the one in flight included. */
  get unapplied(): number {
    return this.pages.length;
  }

  hand(events: RecordedEvent[], to: Checkpoint): void {
    this.pages.push({ events, to });
    this.handed = to;
    if (this.pages.length === 1) this.applying = this.applyQueued();
  }

  /** The log ended at what it was handed last: tells it so once it has applied that. */
  noteCaughtUp(): void {
    if (this.caughtUp) return;
    const last = this.pages.at(-1);
    if (last === undefined) this.tellCaughtUp();
    else this.caughtUpAfter = last;
  }

  /** Ends the subscription with `error` once its page in flight has been applied. */
  fail(error: unknown): void {
    if (this.end()) void this.applying.then(() => this.ending.reject(error));
  }

  async stop(): Promise<void> {
    if (!this.end()) return this.done.catch(() => undefined);
    await this.applying;
    this.ending.resolve();
  }

  /** Never rejects: a subscriber's failure ends its own subscription, not the others'. */
  private async applyQueued(): Promise<void> {
    while (!this.ended && this.pages.length > 0) {
      const page = this.pages[0];
      try {
        await this.options.onBatch(page.events);
      } catch (error) {
        this.fail(error);
        return;
      }
      if (this.ended) return;
      this.pages.shift();
      this.applied = page.to;
      if (this.caughtUpAfter === page) this.tellCaughtUp();
      this.hooks.progressed();
    }
  }

  private tellCaughtUp(): void {
    this.caughtUpAfter = null;
    this.caughtUp = true;
    this.options.onCaughtUp?.(this.applied);
  }

  /** False when it had ended already. Drops what it was handed and has not applied (the page in flight finishes). */
  private end(): boolean {
    if (this.ended) return false;
    this.ended = true;
    this.pages.length = 0;
    this.hooks.detach(this);
    return true;
  }
}
