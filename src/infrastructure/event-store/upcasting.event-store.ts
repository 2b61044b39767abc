import type {
  AppendResult,
  Checkpoint,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadAllResult,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from '../../application/ports/event-store.port';

/** Turns the data of one schema version of one event type into the next version's. */
export type Upcaster = (data: unknown) => unknown;

/** Per event type, per stored schema version: the step to version + 1. */
export type UpcasterRegistry = Readonly<Record<string, Readonly<Record<number, Upcaster>>>>;

/**
 * Stored events are never rewritten: old schema versions are lifted to the current one on every read.
 * Integrity checks read the inner store, since hashes cover what is stored.
 */
export class UpcastingEventStore implements EventStore {
  constructor(
    private readonly inner: EventStore,
    private readonly upcasters: UpcasterRegistry,
  ) {}

  append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    return this.inner.append(streamId, events, expected);
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return (await this.inner.readStream(streamId, options)).map((e) => this.upcast(e));
  }

  async readAll(options: ReadAllOptions): Promise<ReadAllResult> {
    const result = await this.inner.readAll(options);
    return { ...result, events: result.events.map((e) => this.upcast(e)) };
  }

  subscribe(options: SubscribeOptions): Subscription {
    return this.inner.subscribe({ ...options, onBatch: (events) => options.onBatch(events.map((e) => this.upcast(e))) });
  }

  compareCheckpoints(a: Checkpoint, b: Checkpoint): number {
    return this.inner.compareCheckpoints(a, b);
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private upcast(event: RecordedEvent): RecordedEvent {
    const steps = this.upcasters[event.type];
    if (!steps) return event;
    let { data, schemaVersion } = event;
    while (steps[schemaVersion]) {
      data = steps[schemaVersion](data);
      schemaVersion += 1;
    }
    return schemaVersion === event.schemaVersion ? event : { ...event, data, schemaVersion };
  }
}
