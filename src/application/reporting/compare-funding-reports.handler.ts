import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { buildFundingReport } from '../../domain/reporting/funding-report.builder';
import { compareFundingReports, type FundingReportComparison } from '../../domain/reporting/funding-report.comparison';
import { fundingReportScopeFor } from '../../domain/reporting/report-access.policy';
import { ComparisonOrderError } from '../../domain/reporting/reporting.errors';
import { CompareFundingReportsQuery } from './compare-funding-reports.query';
import { FUNDING_REPORT_READ_MODEL, type FundingReportReadModel } from './funding-report-read-model.port';
import { FundingReportRequests } from './funding-report.requests';

@QueryHandler(CompareFundingReportsQuery)
export class CompareFundingReportsHandler implements IQueryHandler<CompareFundingReportsQuery, FundingReportComparison> {
  constructor(
    @Inject(FUNDING_REPORT_READ_MODEL) private readonly readModel: FundingReportReadModel,
    @Inject(FundingReportRequests) private readonly requests: FundingReportRequests,
  ) {}

  async execute(query: CompareFundingReportsQuery): Promise<FundingReportComparison> {
    const scope = fundingReportScopeFor(query.reader, query.organisationUnitId);
    const before = await this.requests.resolve(scope, query.period, query.before, 'before');
    const after = await this.requests.resolve(scope, query.period, query.after, 'after');
    if (after.request.cutoff.recordedBefore <= before.request.cutoff.recordedBefore) throw new ComparisonOrderError();
    const [earlier, later, between] = await Promise.all([
      this.readModel.measures(before.request),
      this.readModel.measures(after.request),
      this.readModel.recordedBetween(scope.districtId, before.request.cutoff.recordedBefore, after.request.cutoff.recordedBefore),
    ]);
    return compareFundingReports(buildFundingReport(earlier, before.request, before.names), buildFundingReport(later, after.request, after.names), between);
  }
}
