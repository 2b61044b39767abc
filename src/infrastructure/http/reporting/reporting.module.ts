import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { Kysely } from 'kysely';
import { CLOCK, type Clock, systemClock } from '../../../application/ports/clock.port';
import { CompareFundingReportsHandler } from '../../../application/reporting/compare-funding-reports.handler';
import { FUNDING_REPORT_READ_MODEL } from '../../../application/reporting/funding-report-read-model.port';
import { FundingReportRequests } from '../../../application/reporting/funding-report.requests';
import { GetFundingReportHandler } from '../../../application/reporting/get-funding-report.handler';
import { REPORTING_DIRECTORY, type ReportingDirectory } from '../../../application/reporting/reporting-directory.port';
import { FundingReportReader } from '../../../projections/funding-report/funding-report.reader';
import { ProjectionsModule } from '../../../projections/projections.module';
import { ReadModelLocator } from '../../../projections/read/read-model.locator';
import type { Database } from '../../database/database';
import { DatabaseModule } from '../../database/database.module';
import { DATABASE } from '../../database/database.tokens';
import { AccountsRepository } from '../../identity/accounts.repository';
import { AccountsReportingDirectory } from '../../reporting/accounts.reporting-directory';
import { FundingReportController } from './funding-report.controller';

/**
 * The funding report: `GET /api/reports/funding` and its comparison, read from the `funding_report`
 * projection (which must be in the projection catalogue). Identity's global guards protect the routes.
 */
@Module({
  imports: [CqrsModule.forRoot(), DatabaseModule, ProjectionsModule],
  controllers: [FundingReportController],
  providers: [
    GetFundingReportHandler,
    CompareFundingReportsHandler,
    { provide: CLOCK, useValue: systemClock },
    {
      provide: REPORTING_DIRECTORY,
      useFactory: (database: Database) => new AccountsReportingDirectory(new AccountsRepository(database.db)),
      inject: [DATABASE],
    },
    {
      provide: FundingReportRequests,
      useFactory: (directory: ReportingDirectory, clock: Clock) => new FundingReportRequests(directory, clock),
      inject: [REPORTING_DIRECTORY, CLOCK],
    },
    {
      provide: FUNDING_REPORT_READ_MODEL,
      // The read model's tables live in a generation schema of their own, not in DatabaseSchema.
      useFactory: (database: Database, locator: ReadModelLocator) => new FundingReportReader(database.db as unknown as Kysely<unknown>, locator),
      inject: [DATABASE, ReadModelLocator],
    },
  ],
})
export class ReportingModule {}
