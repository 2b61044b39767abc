import type { FundingReportComparison } from '../../domain/reporting/funding-report.comparison';
import type { FundingReport } from '../../domain/reporting/funding-report.model';
import { fundingReportComparisonCsv, fundingReportCsv } from './funding-report.csv-format';
import { fundingReportJson } from './funding-report.json-format';
import { fundingReportXlsx } from './funding-report.xlsx-format';

export const REPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
/** A comparison is a list of changes: no sheet per indicator group to fill. */
export const COMPARISON_FORMATS = ['json', 'csv'] as const;
export type ComparisonFormat = (typeof COMPARISON_FORMATS)[number];

export interface RenderedReport {
  body: Buffer;
  contentType: string;
  /** ASCII only, for Content-Disposition and file systems alike. */
  fileName: string;
}

const CONTENT_TYPES: Record<ReportFormat, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export async function renderFundingReport(report: FundingReport, format: ReportFormat): Promise<RenderedReport> {
  const body = format === 'json' ? fundingReportJson(report) : format === 'csv' ? fundingReportCsv(report) : await fundingReportXlsx(report);
  return { body, contentType: CONTENT_TYPES[format], fileName: `foerderbericht_${baseName(report)}_stand-${report.recorded.asRecordedOn}.${format}` };
}

export function renderFundingReportComparison(comparison: FundingReportComparison, format: ComparisonFormat): RenderedReport {
  const body = format === 'json' ? fundingReportJson(comparison) : fundingReportComparisonCsv(comparison);
  const name = `foerderbericht-vergleich_${baseName(comparison)}_${comparison.before.asRecordedOn}_${comparison.after.asRecordedOn}.${format}`;
  return { body, contentType: CONTENT_TYPES[format], fileName: name };
}

function baseName(report: Pick<FundingReport, 'period' | 'scope'>): string {
  return `${report.period.code}_${slug(report.scope.organisationUnitName ?? report.scope.districtName)}`;
}

function slug(name: string): string {
  const ascii = name
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/Ä/g, 'Ae')
    .replace(/Ö/g, 'Oe')
    .replace(/Ü/g, 'Ue')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
  return ascii.slice(0, 60) || 'bericht';
}
