import { Query } from '@nestjs/cqrs';
import type { Actor } from '../../domain/case/access.policy';
import type { FundingReportComparison } from '../../domain/reporting/funding-report.comparison';
import type { CalendarDate } from '../../domain/time/calendar-date.value';

/** The same report as recorded on two days, and what changed between them and why. */
export class CompareFundingReportsQuery extends Query<FundingReportComparison> {
  constructor(
    readonly reader: Actor,
    readonly period: string,
    readonly organisationUnitId: string | null,
    readonly before: CalendarDate,
    readonly after: CalendarDate | null,
  ) {
    super();
  }
}
