import { Module } from '@nestjs/common';
import { CaseCommandExecutor } from '../http/cases/case-command.executor';
import { CLOCK, systemClock } from '../../application/ports/clock.port';
import { IDEMPOTENCY_STORE } from '../../application/ports/idempotency.port';
import type { Database } from '../database/database';
import { DatabaseModule } from '../database/database.module';
import { DATABASE } from '../database/database.tokens';
import { PostgresIdempotencyStore } from '../idempotency/postgres.idempotency-store';
import { StaffDirectory } from '../identity/staff-directory.repository';
import { TemplateRenderer } from './rendering/template.renderer';
import { CaseActionController } from './case-file/case-action.controller';
import { CaseActionPages } from './case-file/case-action.pages';
import { CaseFileController } from './case-file/case-file.controller';
import { CaseReadingGateway } from './case-file/case-reading.gateway';
import { AuditController } from './audit/audit.controller';
import { CaseloadController } from './caseload/caseload.controller';
import { CoordinationController } from './coordination/coordination.controller';
import { IntakeController } from './intake/intake.controller';
import { DistrictUnitsReader } from './reporting/district-units.reader';
import { FundingReportPagesController } from './reporting/funding-report-pages.controller';
import { LoginController } from './session/login.controller';
import { WebSignIn } from './session/web-sign-in';
import { StartController } from './start.controller';
import { StaticAssetsController } from './static-assets.controller';
import { WebExceptionFilter } from './web-exception.filter';

/**
 * The web interface: German HTML pages rendered on the server from the same commands and queries as the API
 * (docs/decisions/0009-web-ui.md). It needs no front-end build and works without script; the identity
 * module's global guards protect every page, and every form carries the session's CSRF token.
 */
@Module({
  imports: [DatabaseModule],
  // In this order: `/faelle/neu` must be matched before `/faelle/:caseId`.
  controllers: [
    StaticAssetsController,
    LoginController,
    StartController,
    CaseloadController,
    IntakeController,
    CaseFileController,
    CaseActionController,
    CoordinationController,
    AuditController,
    FundingReportPagesController,
  ],
  providers: [
    TemplateRenderer,
    WebSignIn,
    CaseReadingGateway,
    CaseActionPages,
    WebExceptionFilter,
    // The API's executor, so a form and a request to the API run a command the same way (idempotency, revision).
    CaseCommandExecutor,
    { provide: CLOCK, useValue: systemClock },
    { provide: IDEMPOTENCY_STORE, useFactory: (database: Database) => new PostgresIdempotencyStore(database), inject: [DATABASE] },
    { provide: StaffDirectory, useFactory: (database: Database) => new StaffDirectory(database.db), inject: [DATABASE] },
    { provide: DistrictUnitsReader, useFactory: (database: Database) => new DistrictUnitsReader(database.db), inject: [DATABASE] },
  ],
})
export class WebModule {}
