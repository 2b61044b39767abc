import type { FundingReportComparison } from '../../../domain/reporting/funding-report.comparison';
import type { FundingReport } from '../../../domain/reporting/funding-report.model';
import type { CalendarDate } from '../../../domain/time/calendar-date.value';

export interface DownloadLink {
  href: string;
  label: string;
  detail: string;
}

/**
 * The files come from the API itself, which takes the session cookie for reading: the same route, the same
 * bytes as a program gets. Each link names the Datenstand the page shows, so a file downloaded later is the
 * report that was on the screen, even when the form said "today".
 */
const REPORT_API = '/api/reports/funding';

type Scoped = Pick<FundingReport, 'period' | 'scope'>;

function queryOf(scoped: Scoped, parameters: Record<string, string>): string {
  const unit = scoped.scope.organisationUnitId;
  return new URLSearchParams({ period: scoped.period.code, ...(unit === null ? {} : { organisationUnit: unit }), ...parameters }).toString();
}

export function reportDownloads(report: FundingReport): DownloadLink[] {
  const href = (format: string) => `${REPORT_API}?${queryOf(report, { asRecordedOn: report.recorded.asRecordedOn, format })}`;
  return [
    { href: href('csv'), label: 'Bericht als CSV herunterladen', detail: 'für Excel und LibreOffice: eine Datei, UTF-8, Semikolon' },
    { href: href('xlsx'), label: 'Bericht als Excel-Arbeitsmappe (XLSX) herunterladen', detail: 'ein Blatt je Kennzahlengruppe und eines mit den gesperrten Werten' },
  ];
}

export function comparisonDownloads(comparison: FundingReportComparison): DownloadLink[] {
  const dates = { before: comparison.before.asRecordedOn, after: comparison.after.asRecordedOn };
  return [{ href: `${REPORT_API}/comparison?${queryOf(comparison, { ...dates, format: 'csv' })}`, label: 'Vergleich als CSV herunterladen', detail: 'für Excel und LibreOffice' }];
}

/** The report page for one Datenstand of a compared report. */
export function reportPageHref(scoped: Scoped, asRecordedOn: CalendarDate): string {
  return `/berichte?${queryOf(scoped, { asRecordedOn })}`;
}
