import { Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../../application/ports/event-store.port';
import { APP_CONFIG, type AppConfig, ConfigError } from '../config/app.config';
import type { Database } from '../database/database';
import { DatabaseModule } from '../database/database.module';
import { DATABASE } from '../database/database.tokens';
import { EventStoreHealthContributor } from './event-store.health';
import { PostgresEventStore } from './postgres.event-store';

export async function openEventStore(config: AppConfig, database: Database): Promise<EventStore> {
  if (config.eventStore.kind === 'postgres') return new PostgresEventStore(database);
  // Loaded only when chosen: the KurrentDB client brings a native gRPC bridge the PostgreSQL setup never needs.
  const { KurrentDbEventStore } = await import('./kurrentdb.event-store');
  try {
    return KurrentDbEventStore.connect(config.eventStore.connectionString);
  } catch {
    // The client's parse error quotes the whole string, credentials included: it must not reach the logs.
    throw new ConfigError([
      { variable: 'KIM_KURRENTDB_URL', expected: 'a connection string the KurrentDB client can parse (value not shown)' },
    ]);
  }
}

/**
 * Modules that use the event store import this one, so Nest shuts them down first; this module in turn
 * imports the database, which therefore closes last.
 */
@Injectable()
class EventStoreShutdown implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.eventStore.close();
  }
}

@Module({
  imports: [DatabaseModule],
  providers: [
    { provide: EVENT_STORE, useFactory: openEventStore, inject: [APP_CONFIG, DATABASE] },
    EventStoreHealthContributor,
    EventStoreShutdown,
  ],
  exports: [EVENT_STORE, EventStoreHealthContributor],
})
export class EventStoreModule {}
