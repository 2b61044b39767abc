import { type DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { Kysely } from 'kysely';
import { CaseAccessRecorder } from '../application/audit/case-access.recorder';
import { CASELOAD_READ_MODEL } from '../application/caseload/caseload-read-model.port';
import { CASELOAD_OPTIONS, type CaseloadOptions, DEFAULT_CASELOAD_OPTIONS } from '../application/caseload/caseload.options';
import { GetCaseloadHandler } from '../application/caseload/get-caseload.handler';
import { GetLegalStatusTimelineHandler } from '../application/legal-status-timeline/get-legal-status-timeline.handler';
import { LEGAL_STATUS_TIMELINE_READ_MODEL } from '../application/legal-status-timeline/legal-status-timeline-read-model.port';
import { CLOCK, systemClock } from '../application/ports/clock.port';
import { EVENT_STORE, type EventStore } from '../application/ports/event-store.port';
import { READ_MODEL_WAIT } from '../application/ports/read-model-wait.port';
import { PersonalDataModule } from '../infrastructure/crypto/personal-data.module';
import type { Database } from '../infrastructure/database/database';
import { DatabaseModule } from '../infrastructure/database/database.module';
import { DATABASE } from '../infrastructure/database/database.tokens';
import { EventStoreModule } from '../infrastructure/event-store/event-store.module';
import { CaseloadController } from '../infrastructure/http/read-models/caseload.controller';
import { LegalStatusTimelineController } from '../infrastructure/http/read-models/legal-status-timeline.controller';
import { CaseloadReader } from './caseload/caseload.reader';
import { LegalStatusTimelineReader } from './legal-status-timeline/legal-status-timeline.reader';
import { ProjectionsModule } from './projections.module';
import { CheckpointWaiter } from './read/checkpoint.waiter';
import { ReadModelLocator } from './read/read-model.locator';
import { CheckpointReadModelWait, DEFAULT_WAIT_FOR_TIMEOUT_MS } from './read-model-wait.adapter';

export interface ReadModelsOptions {
  caseload: CaseloadOptions;
  /** How long `?waitFor=` waits for the read model to apply a command's checkpoint. */
  waitForTimeoutMs: number;
}

/**
 * The caseloads (`GET /api/caseload`) and legal-status timelines (`GET /api/cases/{caseId}/legal-status-timeline`):
 * their query handlers on the QueryBus, readers of the active generations and the routes. The projections
 * feeding them (`CASE_READ_MODEL_PROJECTIONS`) run in `ProjectionsModule`'s runners once they are in the
 * projection catalogue.
 */
@Module({})
export class ReadModelsModule {
  static forRoot(options: Partial<ReadModelsOptions> = {}): DynamicModule {
    const caseloadOptions = { ...DEFAULT_CASELOAD_OPTIONS, ...options.caseload };
    return {
      module: ReadModelsModule,
      imports: [CqrsModule.forRoot(), DatabaseModule, EventStoreModule, PersonalDataModule, ProjectionsModule],
      controllers: [CaseloadController, LegalStatusTimelineController],
      providers: [
        GetCaseloadHandler,
        GetLegalStatusTimelineHandler,
        CaseAccessRecorder,
        { provide: CLOCK, useValue: systemClock },
        { provide: CASELOAD_OPTIONS, useValue: caseloadOptions },
        {
          provide: READ_MODEL_WAIT,
          useFactory: (waiter: CheckpointWaiter, store: EventStore) =>
            new CheckpointReadModelWait(waiter, (a, b) => store.compareCheckpoints(a, b), options.waitForTimeoutMs ?? DEFAULT_WAIT_FOR_TIMEOUT_MS),
          inject: [CheckpointWaiter, EVENT_STORE],
        },
        // The read models' tables are not in DatabaseSchema: they live in generation schemas of their own.
        {
          provide: CASELOAD_READ_MODEL,
          useFactory: (database: Database, locator: ReadModelLocator) => new CaseloadReader(database.db as unknown as Kysely<unknown>, locator),
          inject: [DATABASE, ReadModelLocator],
        },
        {
          provide: LEGAL_STATUS_TIMELINE_READ_MODEL,
          useFactory: (database: Database, locator: ReadModelLocator) =>
            new LegalStatusTimelineReader(database.db as unknown as Kysely<unknown>, locator),
          inject: [DATABASE, ReadModelLocator],
        },
      ],
    };
  }
}
