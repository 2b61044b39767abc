import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ExecuteCaseCommandHandler } from '../../../application/cases/execute-case-command.handler';
import { CLOCK, systemClock } from '../../../application/ports/clock.port';
import { IDEMPOTENCY_STORE } from '../../../application/ports/idempotency.port';
import { PersonalDataModule } from '../../crypto/personal-data.module';
import type { Database } from '../../database/database';
import { DatabaseModule } from '../../database/database.module';
import { DATABASE } from '../../database/database.tokens';
import { EventStoreModule } from '../../event-store/event-store.module';
import { PostgresIdempotencyStore } from '../../idempotency/postgres.idempotency-store';
import { CaseCommandExecutor } from './case-command.executor';
import { CaseLifecycleController } from './case-lifecycle.controller';
import { CaseWorkController } from './case-work.controller';
import { CasesController } from './cases.controller';

/** The write side of cases: the command API, the CommandBus and the command handler with its ports. */
@Module({
  imports: [CqrsModule.forRoot(), DatabaseModule, EventStoreModule, PersonalDataModule],
  controllers: [CasesController, CaseWorkController, CaseLifecycleController],
  providers: [
    ExecuteCaseCommandHandler,
    CaseCommandExecutor,
    { provide: CLOCK, useValue: systemClock },
    { provide: IDEMPOTENCY_STORE, useFactory: (database: Database) => new PostgresIdempotencyStore(database), inject: [DATABASE] },
  ],
})
export class CasesModule {}
