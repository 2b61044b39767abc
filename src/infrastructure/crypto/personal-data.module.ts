import { Module } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { systemClock } from '../../application/ports/clock.port';
import { PERSONAL_DATA_VAULT, type PersonalDataVault } from '../../application/ports/personal-data-vault.port';
import { APP_CONFIG, type AppConfig } from '../config/app.config';
import type { Database } from '../database/database';
import { DatabaseModule } from '../database/database.module';
import { DATABASE } from '../database/database.tokens';
import { loadOrCreateMasterKeyFile } from './master-key';
import { PostgresPersonalDataVault } from './postgres.personal-data-vault';

export const MASTER_KEY_FILE = 'master.key';

/**
 * The configured master key; without one, the embedded installation's key file beside its data, created on
 * first start. A database that lives only in memory gets a key that lives only in memory too.
 */
export function masterKeyFor(config: AppConfig): Buffer {
  if (config.masterKey !== null) return config.masterKey;
  if (config.database.kind === 'pglite' && config.database.dataDir === null) return randomBytes(32);
  return loadOrCreateMasterKeyFile(join(config.dataDir, MASTER_KEY_FILE));
}

/** The client keys that seal personal data: for the command path now, for reading case histories later. */
@Module({
  imports: [DatabaseModule],
  providers: [
    {
      provide: PERSONAL_DATA_VAULT,
      useFactory: (config: AppConfig, database: Database): PersonalDataVault =>
        new PostgresPersonalDataVault(database, masterKeyFor(config), systemClock.now),
      inject: [APP_CONFIG, DATABASE],
    },
  ],
  exports: [PERSONAL_DATA_VAULT],
})
export class PersonalDataModule {}
