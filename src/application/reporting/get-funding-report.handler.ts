import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { buildFundingReport } from '../../domain/reporting/funding-report.builder';
import type { FundingReport } from '../../domain/reporting/funding-report.model';
import { fundingReportScopeFor } from '../../domain/reporting/report-access.policy';
import { FUNDING_REPORT_READ_MODEL, type FundingReportReadModel } from './funding-report-read-model.port';
import { FundingReportRequests } from './funding-report.requests';
import { GetFundingReportQuery } from './get-funding-report.query';

@QueryHandler(GetFundingReportQuery)
export class GetFundingReportHandler implements IQueryHandler<GetFundingReportQuery, FundingReport> {
  constructor(
    @Inject(FUNDING_REPORT_READ_MODEL) private readonly readModel: FundingReportReadModel,
    @Inject(FundingReportRequests) private readonly requests: FundingReportRequests,
  ) {}

  async execute(query: GetFundingReportQuery): Promise<FundingReport> {
    const scope = fundingReportScopeFor(query.reader, query.organisationUnitId);
    const { request, names } = await this.requests.resolve(scope, query.period, query.asRecordedOn);
    return buildFundingReport(await this.readModel.measures(request), request, names);
  }
}
