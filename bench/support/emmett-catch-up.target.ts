import { randomUUID } from 'node:crypto';
import { dumbo } from '@event-driven-io/dumbo';
import {
  getPostgreSQLEventStore,
  postgreSQLEventStoreConsumer,
  postgreSQLEventStoreMessageBatchPuller,
} from '@event-driven-io/emmett-postgresql';
import { Pool } from 'pg';
import { createScratchDatabase } from './bench-database.fixture';
import { newEmmettBenchEvent } from './bench-events.factory';
import type { CatchUpTarget, ReadMode, RunningReader } from './catch-up.target';
import type { Delivery } from './delivery.audit';
import { nowMicros } from './latency.stats';

/**
 * Our read batch size for Emmett too, and no pause between full batches: Emmett's defaults (100 messages, then
 * 50 ms sleep) would cap it near 2,000 events/s, which says nothing about its reads.
 */
const PULLING = { batchSize: 500, pullingFrequencyInMs: 0 };

interface EmmettMessage {
  metadata: { messageId: string; streamName: string; streamPosition: bigint };
}

/**
 * Emmett 0.42's PostgreSQL event store in a fresh database. Two readers: its consumer with a reactor (what an
 * Emmett application runs; it stores a checkpoint per message) and the bare batch puller underneath it (the
 * consumer's read loop alone, the nearest to our `readAll` paging).
 */
export async function openEmmettTarget(url: string, writers: number, tag: string): Promise<CatchUpTarget> {
  const database = await createScratchDatabase(url, tag);
  const pool = new Pool({ connectionString: database.url, max: writers });
  const store = getPostgreSQLEventStore(database.url, { connectionOptions: { pool } });
  await store.schema.migrate();
  return {
    store: 'Emmett 0.42',
    append: async (stream, eventsBefore, count, firstSequence) => {
      const events = Array.from({ length: count }, (_, i) => newEmmettBenchEvent(firstSequence + i));
      // Emmett counts versions from 1 and takes 0 as "the stream must not exist yet".
      await store.appendToStream(stream, events, { expectedStreamVersion: BigInt(eventsBefore) });
      return events.map((e) => e.metadata.messageId);
    },
    readers: {
      consumer: (mode) => consumerReader(database.url, mode),
      puller: (mode) => pullerReader(database.url, mode),
    },
    dispose: async () => {
      await store.close();
      await pool.end();
      await database.drop();
    },
  };
}

function toDelivery(message: EmmettMessage): Delivery {
  const { messageId, streamName, streamPosition } = message.metadata;
  return { id: messageId, stream: streamName, revision: Number(streamPosition) - 1 };
}

function consumerReader(connectionString: string, mode: ReadMode): RunningReader {
  const deliveries: Delivery[] = [];
  let lastDelivery = nowMicros();
  const consumer = postgreSQLEventStoreConsumer({
    connectionString,
    pulling: PULLING,
    stopWhen: mode === 'until-caught-up' ? { noMessagesLeft: true } : undefined,
  });
  consumer.reactor({
    // A new processor each time: a stored checkpoint would make a second read start at the end.
    processorId: `kim-bench-${randomUUID()}`,
    eachMessage: async (message) => {
      deliveries.push(toDelivery(message as unknown as EmmettMessage));
      lastDelivery = nowMicros();
    },
  });
  const running = consumer.start();
  return { deliveries, lastDeliveryAtMicros: () => lastDelivery, caughtUp: running, stop: () => consumer.close() };
}

function pullerReader(connectionString: string, mode: ReadMode): RunningReader {
  const deliveries: Delivery[] = [];
  let lastDelivery = nowMicros();
  const pool = dumbo({ connectionString });
  const abort = new AbortController();
  const puller = postgreSQLEventStoreMessageBatchPuller({
    executor: pool.execute,
    ...PULLING,
    stopWhen: mode === 'until-caught-up' ? { noMessagesLeft: true } : undefined,
    signal: abort.signal,
    eachBatch: async (messages) => {
      for (const message of messages) deliveries.push(toDelivery(message as unknown as EmmettMessage));
      lastDelivery = nowMicros();
    },
  });
  const running = puller.start({ startFrom: 'BEGINNING' });
  return {
    deliveries,
    lastDeliveryAtMicros: () => lastDelivery,
    caughtUp: running,
    stop: async () => {
      abort.abort();
      await puller.stop();
      await pool.close();
    },
  };
}
