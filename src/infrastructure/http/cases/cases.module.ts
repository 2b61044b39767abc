import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ExecuteCaseCommandHandler } from '../../../application/cases/execute-case-command.handler';
import { CLOCK, type Clock, systemClock } from '../../../application/ports/clock.port';
import { IDEMPOTENCY_STORE } from '../../../application/ports/idempotency.port';
import { APP_CONFIG, type AppConfig } from '../../config/app.config';
import { PersonalDataModule } from '../../crypto/personal-data.module';
import type { Database } from '../../database/database';
import { DatabaseModule } from '../../database/database.module';
import { DATABASE } from '../../database/database.tokens';
import { EventStoreModule } from '../../event-store/event-store.module';
import { IdempotencyKeyExpiry } from '../../idempotency/idempotency-key.expiry';
import { PostgresIdempotencyStore } from '../../idempotency/postgres.idempotency-store';
import { LOGGER, type Logger } from '../../logging/logger';
import { CaseCommandExecutor } from './case-command.executor';
import { CaseLifecycleController } from './case-lifecycle.controller';
import { CaseWorkController } from './case-work.controller';
import { CasesController } from './cases.controller';

const HOUR_MS = 3_600_000;

/** The write side of cases: the command API, the CommandBus and the command handler with its ports. */
@Module({
  imports: [CqrsModule.forRoot(), DatabaseModule, EventStoreModule, PersonalDataModule],
  controllers: [CasesController, CaseWorkController, CaseLifecycleController],
  providers: [
    ExecuteCaseCommandHandler,
    CaseCommandExecutor,
    { provide: CLOCK, useValue: systemClock },
    { provide: IDEMPOTENCY_STORE, useFactory: (database: Database) => new PostgresIdempotencyStore(database), inject: [DATABASE] },
    {
      provide: IdempotencyKeyExpiry,
      useFactory: (database: Database, config: AppConfig, clock: Clock, logger: Logger) =>
        new IdempotencyKeyExpiry(new PostgresIdempotencyStore(database), config.idempotencyRetentionHours * HOUR_MS, clock, logger),
      inject: [DATABASE, APP_CONFIG, CLOCK, LOGGER],
    },
  ],
})
export class CasesModule {}
