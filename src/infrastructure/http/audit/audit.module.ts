import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { Kysely } from 'kysely';
import { AUDIT_TRAIL_READER } from '../../../application/audit/audit-trail.port';
import { CaseAccessRecorder } from '../../../application/audit/case-access.recorder';
import { SearchAuditTrailHandler } from '../../../application/audit/search-audit-trail.handler';
import { STREAM_INTEGRITY } from '../../../application/audit/stream-integrity.port';
import { VerifyCaseIntegrityHandler } from '../../../application/audit/verify-case-integrity.handler';
import { GetCaseFileHandler } from '../../../application/case-reading/get-case-file.handler';
import { GetCaseHistoryHandler } from '../../../application/case-reading/get-case-history.handler';
import { RevealPersonalDataHandler } from '../../../application/case-reading/reveal-personal-data.handler';
import { VisibleCaseLoader } from '../../../application/case-reading/visible-case.loader';
import { CLOCK, systemClock } from '../../../application/ports/clock.port';
import { EVENT_STORE, type EventStore } from '../../../application/ports/event-store.port';
import { PostgresAuditTrailReader } from '../../../projections/audit-trail/audit-trail.reader';
import { ProjectionsModule } from '../../../projections/projections.module';
import { ReadModelLocator } from '../../../projections/read/read-model.locator';
import { PersonalDataModule } from '../../crypto/personal-data.module';
import type { Database } from '../../database/database';
import { DatabaseModule } from '../../database/database.module';
import { DATABASE } from '../../database/database.tokens';
import { EventStoreModule } from '../../event-store/event-store.module';
import { StoredStreamIntegrity } from '../../event-store/stored.stream-integrity';
import { AuditTrailController } from './audit-trail.controller';
import { CaseReadingController } from './case-reading.controller';

/**
 * The read side of a case for people: the case file, its replay, reveal and integrity, each read recorded in
 * the case's access stream; and the audit trail read model. Identity's global guards protect every route.
 */
@Module({
  imports: [CqrsModule.forRoot(), DatabaseModule, EventStoreModule, PersonalDataModule, ProjectionsModule],
  controllers: [CaseReadingController, AuditTrailController],
  providers: [
    VisibleCaseLoader,
    CaseAccessRecorder,
    GetCaseFileHandler,
    GetCaseHistoryHandler,
    RevealPersonalDataHandler,
    VerifyCaseIntegrityHandler,
    SearchAuditTrailHandler,
    { provide: CLOCK, useValue: systemClock },
    // EVENT_STORE is the adapter itself today; should it become the upcasting wrapper, this needs the inner store.
    { provide: STREAM_INTEGRITY, useFactory: (store: EventStore) => new StoredStreamIntegrity(store), inject: [EVENT_STORE] },
    {
      provide: AUDIT_TRAIL_READER,
      // The read model's tables are not in DatabaseSchema: they live in a generation schema of their own.
      useFactory: (database: Database, locator: ReadModelLocator) => new PostgresAuditTrailReader(database.db as unknown as Kysely<unknown>, locator),
      inject: [DATABASE, ReadModelLocator],
    },
  ],
})
export class AuditModule {}
