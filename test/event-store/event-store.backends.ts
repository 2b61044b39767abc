import type { EventStore } from '../../src/application/ports/event-store.port';
import { PostgresEventStore } from '../../src/infrastructure/event-store/postgres.event-store';
import { availableDatabaseKinds, openTestDatabase } from '../support/test-database';

export interface OpenedStore {
  store: EventStore;
  dispose(): Promise<void>;
}

export interface EventStoreBackend {
  name: string;
  open(options?: { clock?: () => Date }): Promise<OpenedStore>;
}

/** Every backend this run can reach: PGlite always, the server and KurrentDB when their URLs are set. */
export function eventStoreBackends(): EventStoreBackend[] {
  const backends: EventStoreBackend[] = availableDatabaseKinds().map((kind) => ({
    name: kind === 'pglite' ? 'PostgreSQL on PGlite' : 'PostgreSQL server',
    open: async (options) => {
      const test = await openTestDatabase(kind);
      return { store: new PostgresEventStore(test.database, options), dispose: test.dispose };
    },
  }));
  return backends;
}
