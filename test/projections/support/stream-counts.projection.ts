import { type Kysely, sql } from 'kysely';
import type { EventStore, RecordedEvent } from '../../../src/application/ports/event-store.port';
import type { Projection } from '../../../src/projections/projection';

export interface StreamCount {
  streamId: string;
  events: number;
  eventIds: string[];
}

export interface ApplyContext {
  /** The event's place in its batch. */
  index: number;
  batch: readonly RecordedEvent[];
  trx: Kysely<unknown>;
  /** The generation's schema. */
  schema: string;
}

export interface StreamCountsHooks {
  /** Runs before each event is applied, inside the runner's transaction; a throw fails the batch. */
  beforeEvent?(event: RecordedEvent, context: ApplyContext): Promise<void> | void;
}

/**
 * The test projection: per stream, how many events and their ids in order. Applying an event twice or
 * skipping one shows in both columns.
 */
export function streamCountsProjection(name: string, version = 1, hooks: StreamCountsHooks = {}): Projection {
  return {
    name,
    version,
    async setup(db, schema) {
      await sql`CREATE TABLE ${sql.id(schema, 'stream_counts')} (
        stream_id text PRIMARY KEY,
        events integer NOT NULL,
        event_ids text[] NOT NULL
      )`.execute(db);
    },
    async apply(trx, schema, events) {
      for (const [index, event] of events.entries()) {
        await hooks.beforeEvent?.(event, { index, batch: events, trx, schema });
        await sql`INSERT INTO ${sql.id(schema, 'stream_counts')} AS counts (stream_id, events, event_ids)
          VALUES (${event.streamId}, 1, ARRAY[${event.id}]::text[])
          ON CONFLICT (stream_id) DO UPDATE
            SET events = counts.events + 1, event_ids = counts.event_ids || EXCLUDED.event_ids`.execute(trx);
      }
    },
  };
}

/** The read model as stored, sorted by stream. */
export async function readStreamCounts<DB>(db: Kysely<DB>, schema: string): Promise<StreamCount[]> {
  const result = await sql<{ stream_id: string; events: number; event_ids: string[] }>`
    SELECT stream_id, events, event_ids FROM ${sql.id(schema, 'stream_counts')} ORDER BY stream_id`.execute(db);
  return result.rows.map((row) => ({ streamId: row.stream_id, events: row.events, eventIds: row.event_ids }));
}

/** What a rebuild from nothing over `events` must produce. */
export function foldStreamCounts(events: readonly RecordedEvent[]): StreamCount[] {
  const byStream = new Map<string, StreamCount>();
  for (const event of events) {
    const count = byStream.get(event.streamId) ?? { streamId: event.streamId, events: 0, eventIds: [] };
    count.events += 1;
    count.eventIds.push(event.id);
    byStream.set(event.streamId, count);
  }
  return [...byStream.values()].sort((a, b) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0));
}

/** Every event of the log, in order. */
export async function readWholeLog(store: Pick<EventStore, 'readAll'>): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await store.readAll({ after, limit: 1000 });
    if (page.events.length === 0) return events;
    events.push(...page.events);
    after = page.checkpoint;
  }
}
