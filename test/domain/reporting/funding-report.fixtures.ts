import { reportSourceEventsOf } from '../../support/report-facts';
import type { RecordedEvent } from '../../../src/application/ports/event-store.port';
import { buildFundingReport, type ScopeNames } from '../../../src/domain/reporting/funding-report.builder';
import type { FundingReport, PublishedValue, ReportTable } from '../../../src/domain/reporting/funding-report.model';
import { foldFundingMeasures, type FundingReportRequest } from '../../../src/domain/reporting/funding-measures.fold';
import { recordCutoff } from '../../../src/domain/reporting/record-cutoff.value';
import { extractReportFacts } from '../../../src/domain/reporting/report-facts.extractor';
import { parseReportPeriod } from '../../../src/domain/reporting/report-period.value';

export const SCOPE_NAMES: ScopeNames = { districtName: 'Kreis Heinsberg (Test)', organisationUnitName: null };

export function reportRequest(districtId: string, period: string, asRecordedOn: string, organisationUnitId: string | null = null): FundingReportRequest {
  return { period: parseReportPeriod(period), scope: { districtId, organisationUnitId }, cutoff: recordCutoff(asRecordedOn) };
}

/** The published report folded from a raw log: the reference every other path is compared with. */
export function reportOf(log: readonly RecordedEvent[], request: FundingReportRequest, names = SCOPE_NAMES): FundingReport {
  return buildFundingReport(foldFundingMeasures(extractReportFacts(reportSourceEventsOf(log)), request), request, names);
}

export function findTable(report: FundingReport, id: string): ReportTable {
  const table = report.groups.flatMap((group) => group.tables).find((candidate) => candidate.id === id);
  if (table === undefined) throw new Error(`No table ${id}`);
  return table;
}

/** A table as label -> cells, the way a person reads it. */
export function rowsOf(table: ReportTable): Record<string, PublishedValue[]> {
  return Object.fromEntries([...table.rows, ...(table.totalRow ? [table.totalRow] : [])].map((row) => [row.label, row.cells]));
}

/** The lines a published table adds up: each row to its total column, each column to the total row. */
export function publishedLines(table: ReportTable): Array<{ total: PublishedValue; parts: PublishedValue[] }> {
  const lines: Array<{ total: PublishedValue; parts: PublishedValue[] }> = [];
  const totalColumn = table.columns.findIndex((column) => column.key === 'total');
  if (totalColumn >= 0) for (const row of [...table.rows, ...(table.totalRow ? [table.totalRow] : [])]) lines.push({ total: row.cells[totalColumn], parts: row.cells.filter((_, i) => i !== totalColumn) });
  if (table.totalRow !== null) table.columns.forEach((_, c) => lines.push({ total: (table.totalRow as { cells: PublishedValue[] }).cells[c], parts: table.rows.map((row) => row.cells[c]) }));
  return lines;
}
