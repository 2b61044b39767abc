import type { FundingReportComparison } from '../../domain/reporting/funding-report.comparison';
import type { FundingReport } from '../../domain/reporting/funding-report.model';

/**
 * JSON for machines. The report is built with its keys in a fixed order and holds nothing that varies between
 * runs (no generation time), so the same request always gives the same bytes.
 */
export function fundingReportJson(report: FundingReport | FundingReportComparison): Buffer {
  return Buffer.from(`${JSON.stringify(report, null, 2)}\n`, 'utf8');
}
