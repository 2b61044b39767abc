import type { CalendarDate } from '../time/calendar-date.value';
import type { ReportPeriodKind } from './report-period.value';

/**
 * The funding report as it leaves the system: tables of counts after suppression, and the list of what was
 * suppressed. No id of a person, case or case manager, no free text: only codes, labels and numbers.
 * Everything is plain JSON in a fixed order, so one request always serialises to the same bytes.
 */

/** A shown number, "<5" (a count of 1 to 4), "x" (hidden so that no "<5" can be worked out), or null (no base). */
export type PublishedValue = number | '<5' | 'x' | null;

export const PRIMARY_SYMBOL = '<5';
export const SECONDARY_SYMBOL = 'x';

/** How a row's numbers read: counts; hours, percentages and averages with one decimal. */
export type ValueFormat = 'count' | 'hours' | 'percent' | 'average';

export interface ReportColumn {
  key: string;
  label: string;
}

export interface ReportRow {
  key: string;
  label: string;
  format: ValueFormat;
  cells: PublishedValue[];
}

export interface ReportTable {
  id: string;
  title: string;
  /** The heading of the label column. */
  rowHeader: string;
  columns: ReportColumn[];
  rows: ReportRow[];
  /** Column totals ("Insgesamt"), when the rows add up. */
  totalRow: ReportRow | null;
  /** How to read the table: definitions, the base of a share. */
  note: string | null;
}

export interface ReportGroup {
  id: string;
  title: string;
  tables: ReportTable[];
}

export type SuppressionReason = 'primary' | 'secondary' | 'derived';

export interface SuppressedCell {
  table: string;
  row: string;
  column: string;
  reason: SuppressionReason;
  explanation: string;
}

export interface FundingReport {
  report: 'kim-funding-report';
  /** Bumped when an indicator's definition changes, so figures of different definitions are not compared. */
  definitionVersion: number;
  title: string;
  period: { code: string; kind: ReportPeriodKind; label: string; from: CalendarDate; to: CalendarDate };
  scope: { districtId: string; districtName: string; organisationUnitId: string | null; organisationUnitName: string | null };
  recorded: { asRecordedOn: CalendarDate; recordedBefore: string; description: string };
  confidentiality: string;
  groups: ReportGroup[];
  suppressed: SuppressedCell[];
}
