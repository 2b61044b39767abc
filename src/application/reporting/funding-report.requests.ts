import type { ScopeNames } from '../../domain/reporting/funding-report.builder';
import type { FundingReportRequest } from '../../domain/reporting/funding-measures.fold';
import type { ReportScope } from '../../domain/reporting/funding-measures.model';
import { recordCutoff } from '../../domain/reporting/record-cutoff.value';
import { parseReportPeriod } from '../../domain/reporting/report-period.value';
import { AsRecordedOnInFutureError, ReportDistrictNotFoundError, ReportOrganisationUnitNotFoundError } from '../../domain/reporting/reporting.errors';
import type { CalendarDate } from '../../domain/time/calendar-date.value';
import { germanCalendarDate } from '../../domain/time/instant.value';
import type { Clock } from '../ports/clock.port';
import type { ReportingDirectory } from './reporting-directory.port';

export interface ResolvedReportRequest {
  request: FundingReportRequest;
  names: ScopeNames;
}

/**
 * Turns what a reader asked for into a report request: the period, a scope whose unit lies in the district,
 * and a cut-off that is not in the future (a day still under way is allowed: it then means "so far").
 */
export class FundingReportRequests {
  constructor(
    private readonly directory: ReportingDirectory,
    private readonly clock: Clock,
  ) {}

  today(): CalendarDate {
    return germanCalendarDate(this.clock.now().getTime());
  }

  async resolve(scope: ReportScope, period: string, asRecordedOn: CalendarDate | null, field = 'asRecordedOn'): Promise<ResolvedReportRequest> {
    const parsedPeriod = parseReportPeriod(period);
    const names = await this.names(scope);
    const day = asRecordedOn ?? this.today();
    if (day > this.today()) throw new AsRecordedOnInFutureError(field);
    return { request: { period: parsedPeriod, scope, cutoff: recordCutoff(day) }, names };
  }

  private async names(scope: ReportScope): Promise<ScopeNames> {
    const districtName = await this.directory.districtName(scope.districtId);
    if (districtName === null) throw new ReportDistrictNotFoundError();
    if (scope.organisationUnitId === null) return { districtName, organisationUnitName: null };
    const unit = await this.directory.organisationUnit(scope.organisationUnitId);
    if (unit === null || unit.districtId !== scope.districtId) throw new ReportOrganisationUnitNotFoundError();
    return { districtName, organisationUnitName: unit.name };
  }
}
