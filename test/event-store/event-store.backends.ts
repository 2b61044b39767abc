import type { EventStore } from '../../src/application/ports/event-store.port';
import { KurrentDbEventStore } from '../../src/infrastructure/event-store/kurrentdb.event-store';
import { PostgresEventStore } from '../../src/infrastructure/event-store/postgres.event-store';
import { availableDatabaseKinds, openTestDatabase } from '../support/test-database';

export interface OpenedStore {
  store: EventStore;
  dispose(): Promise<void>;
}

export interface EventStoreBackend {
  name: string;
  /** PostgreSQL refuses an event id stored in another stream; KurrentDB knows ids per stream only (ADR 0003). */
  uniqueEventIdsAcrossStreams: boolean;
  open(options?: { clock?: () => Date }): Promise<OpenedStore>;
}

/**
 * Every backend this run can reach: PGlite always, the server and KurrentDB when their URLs are set. KurrentDB
 * keeps its streams between runs: the contract uses fresh stream names and reads the log relative to its head.
 */
export function eventStoreBackends(): EventStoreBackend[] {
  const backends: EventStoreBackend[] = availableDatabaseKinds().map((kind) => ({
    name: kind === 'pglite' ? 'PostgreSQL on PGlite' : 'PostgreSQL server',
    uniqueEventIdsAcrossStreams: true,
    open: async (options) => {
      const test = await openTestDatabase(kind);
      return { store: new PostgresEventStore(test.database, options), dispose: test.dispose };
    },
  }));
  const kurrentDbUrl = process.env.KIM_TEST_KURRENTDB_URL;
  if (kurrentDbUrl) {
    backends.push({
      name: 'KurrentDB',
      uniqueEventIdsAcrossStreams: false,
      open: async (options) => {
        const store = KurrentDbEventStore.connect(kurrentDbUrl, options);
        return { store, dispose: () => store.close() };
      },
    });
  }
  return backends;
}
