import type { FundingMeasures } from '../../domain/reporting/funding-measures.model';
import type { FundingReportRequest } from '../../domain/reporting/funding-measures.fold';
import type { RecordedLater } from '../../domain/reporting/funding-report.comparison';

/** The funding report's read model: raw figures for a request, and what was recorded between two cut-offs. */
export interface FundingReportReadModel {
  /** Must equal the domain's `foldFundingMeasures` over the raw log for the same request. */
  measures(request: FundingReportRequest): Promise<FundingMeasures>;
  /** Facts of the district recorded at or after `from` and before `to` (epoch ms). */
  recordedBetween(districtId: string, from: number, to: number): Promise<RecordedLater[]>;
}

export const FUNDING_REPORT_READ_MODEL = Symbol('FundingReportReadModel');
