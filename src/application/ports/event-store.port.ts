/**
 * The event log: the only source of truth. Every adapter (PostgreSQL on a server or on PGlite, KurrentDB)
 * implements this port with the same semantics; `test/event-store/event-store.contract.ts` is the proof.
 */

/** Who did something: every event names its author. */
export interface Actor {
  userId: string;
  role: string;
  organisationUnitId: string | null;
  districtId?: string | null;
}

/** What the caller supplies with each event; the store adds `recordedAt`. */
export interface NewEventMetadata {
  /** When the fact happened in the world (ISO 8601). */
  occurredAt: string;
  actor: Actor;
  correlationId: string;
  causationId: string | null;
}

export interface EventMetadata extends NewEventMetadata {
  /** When the store accepted the event (ISO 8601), from the store's clock. */
  recordedAt: string;
}

export interface NewEvent<T = unknown> {
  /** A UUID. Deterministic ids (derived from the command id) make a retried append a no-op. */
  id: string;
  type: string;
  schemaVersion: number;
  data: T;
  metadata: NewEventMetadata;
}

/**
 * A position in the store's single total order of all events. Opaque: persist as-is, hand back to `readAll` /
 * `subscribe` to continue after it, and order two of them only with `EventStore.compareCheckpoints`.
 */
export type Checkpoint = string;

export interface RecordedEvent<T = unknown> {
  id: string;
  streamId: string;
  /** 0 for the first event of a stream. */
  revision: number;
  checkpoint: Checkpoint;
  type: string;
  schemaVersion: number;
  data: T;
  metadata: EventMetadata;
  /** SHA-256 (hex) chaining this event to the previous one of its stream; see `integrity.ts`. */
  hash: string;
}

/**
 * `any`: no check. `no_stream`: the stream must not exist. `stream_exists`: it must have at least one event.
 * A number: the stream's last revision must be exactly this (-1 is not accepted: use `no_stream`).
 */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

export interface AppendResult {
  /** The revision of the last event of the stream after the append. */
  nextExpectedRevision: number;
  /** The checkpoint of the last appended event; a query can wait for a projection to reach it. */
  checkpoint: Checkpoint;
  /** False when the append was a retry whose events were already stored: nothing new was written. */
  written: boolean;
}

export interface ReadStreamOptions {
  direction?: 'forwards' | 'backwards';
  /** Inclusive. Defaults to the start (forwards) or the end (backwards). */
  fromRevision?: number;
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive; `null` or absent reads from the beginning. */
  after?: Checkpoint | null;
  limit: number;
}

export interface ReadAllResult {
  events: RecordedEvent[];
  /** Where the next read continues: the last event's checkpoint, or `after` when nothing was read. */
  checkpoint: Checkpoint | null;
}

export interface SubscribeOptions {
  after?: Checkpoint | null;
  batchSize?: number;
  /**
   * Called with each batch in order; the next batch is delivered only after the returned promise resolves
   * (an adapter may read it meanwhile).
   * A throw ends the subscription (see `Subscription.done`): the consumer resumes from its own checkpoint.
   */
  onBatch: (events: RecordedEvent[]) => Promise<void>;
  /** Called once the subscription has delivered everything that existed when it started. */
  onCaughtUp?: (checkpoint: Checkpoint | null) => void;
}

export interface Subscription {
  /** Stops after the batch in flight; resolves when stopped. */
  stop(): Promise<void>;
  /** Settles when the subscription ends: resolves on `stop()`, rejects with the error that ended it. */
  readonly done: Promise<void>;
}

export interface EventStore {
  /** All events commit together or none does. */
  append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult>;
  /** A stream that does not exist reads as empty. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Every event of every stream in one total order, each exactly once, only committed ones. */
  readAll(options: ReadAllOptions): Promise<ReadAllResult>;
  /** Catches up from `after`, then delivers new events as they commit. */
  subscribe(options: SubscribeOptions): Subscription;
  /**
   * Negative when `a` comes before `b` in the global order, 0 when equal, positive after. Both must come from
   * this store: a query waiting for its own write compares the append's checkpoint with a projection's.
   */
  compareCheckpoints(a: Checkpoint, b: Checkpoint): number;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EventStore');
