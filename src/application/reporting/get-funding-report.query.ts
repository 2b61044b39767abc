import { Query } from '@nestjs/cqrs';
import type { Actor } from '../../domain/case/access.policy';
import type { FundingReport } from '../../domain/reporting/funding-report.model';
import type { CalendarDate } from '../../domain/time/calendar-date.value';

/** The funding report of the reader's district, or of one of its units, as recorded on a day (default: today). */
export class GetFundingReportQuery extends Query<FundingReport> {
  constructor(
    readonly reader: Actor,
    readonly period: string,
    readonly organisationUnitId: string | null,
    readonly asRecordedOn: CalendarDate | null,
  ) {
    super();
  }
}
