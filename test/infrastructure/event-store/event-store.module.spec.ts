import { Test } from '@nestjs/testing';
import { EVENT_STORE, type EventStore } from '../../../src/application/ports/event-store.port';
import { type AppConfig, ConfigError, loadConfig } from '../../../src/infrastructure/config/app.config';
import { ConfigModule } from '../../../src/infrastructure/config/config.module';
import type { Database } from '../../../src/infrastructure/database/database';
import { DATABASE } from '../../../src/infrastructure/database/database.tokens';
import { EventStoreModule } from '../../../src/infrastructure/event-store/event-store.module';
import { KurrentDbEventStore } from '../../../src/infrastructure/event-store/kurrentdb.event-store';
import { PostgresEventStore } from '../../../src/infrastructure/event-store/postgres.event-store';
import { createLogger } from '../../../src/infrastructure/logging/logger';
import { LoggingModule } from '../../../src/infrastructure/logging/logging.module';

/** No database is opened: the adapter choice is what is under test, and neither adapter connects eagerly. */
const unusedDatabase = { kind: 'pglite', schema: 'public', close: async () => undefined } as unknown as Database;

async function eventStoreFor(env: NodeJS.ProcessEnv): Promise<{ eventStore: EventStore; close: () => Promise<void> }> {
  const config: AppConfig = loadConfig(env);
  const moduleRef = await Test.createTestingModule({
    imports: [ConfigModule.forRoot(config), LoggingModule.forRoot(createLogger({ level: 'silent' })), EventStoreModule],
  })
    .overrideProvider(DATABASE)
    .useValue(unusedDatabase)
    .compile();
  return { eventStore: moduleRef.get<EventStore>(EVENT_STORE), close: () => moduleRef.close() };
}

describe('EventStoreModule', () => {
  it('provides the PostgreSQL event store by default', async () => {
    const { eventStore, close } = await eventStoreFor({});
    expect(eventStore).toBeInstanceOf(PostgresEventStore);
    await close();
  });

  it('provides the KurrentDB event store when configured', async () => {
    const { eventStore, close } = await eventStoreFor({ KIM_EVENT_STORE: 'kurrentdb', KIM_KURRENTDB_URL: 'kurrentdb://127.0.0.1:1?tls=false' });
    expect(eventStore).toBeInstanceOf(KurrentDbEventStore);
    await close();
  });

  it('reports a connection string the client cannot parse as a configuration error that does not quote it', async () => {
    const failure = eventStoreFor({ KIM_EVENT_STORE: 'kurrentdb', KIM_KURRENTDB_URL: 'kurrentdb://admin:s3cret@node1:port' });
    await expect(failure).rejects.toBeInstanceOf(ConfigError);
    await expect(failure).rejects.toThrow(/KIM_KURRENTDB_URL/);
    await expect(failure).rejects.not.toThrow(/s3cret/);
  });
});
