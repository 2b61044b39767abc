import { Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app.config';
import { LOGGER, type Logger } from '../logging/logger';
import { type Database, openDatabase } from './database';
import { DatabaseHealthContributor } from './database.health';
import { DATABASE } from './database.tokens';
import { assertSchemaCurrent, migrateToLatest } from './migrations';

/**
 * Opens the database before anything else can use it: migrated on start when configured, else refused unless
 * the schema is exactly what this code expects (installations that migrate from the CLI as a deploy step).
 */
async function openReadyDatabase(config: AppConfig, logger: Logger): Promise<Database> {
  const database = await openDatabase(config.database);
  try {
    if (config.migrateOnStart) {
      const applied = await migrateToLatest(database);
      logger.info({ kind: database.kind, applied }, applied.length > 0 ? 'database migrated' : 'database schema is current');
    } else {
      await assertSchemaCurrent(database);
      logger.info({ kind: database.kind }, 'database schema is current');
    }
    return database;
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** Runs after the HTTP server has stopped and after the modules that use the database have shut down. */
@Injectable()
class DatabaseShutdown implements OnApplicationShutdown {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  async onApplicationShutdown(): Promise<void> {
    await this.database.close();
  }
}

@Module({
  providers: [
    { provide: DATABASE, useFactory: openReadyDatabase, inject: [APP_CONFIG, LOGGER] },
    DatabaseHealthContributor,
    DatabaseShutdown,
  ],
  exports: [DATABASE, DatabaseHealthContributor],
})
export class DatabaseModule {}
