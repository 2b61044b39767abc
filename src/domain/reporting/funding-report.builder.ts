import type { FundingMeasures } from './funding-measures.model';
import type { FundingReportRequest } from './funding-measures.fold';
import {
  PRIMARY_SYMBOL,
  SECONDARY_SYMBOL,
  type FundingReport,
  type PublishedValue,
  type ReportRow,
  type ReportTable,
  type SuppressedCell,
  type SuppressionReason,
} from './funding-report.model';
import { fundingReportTables } from './funding-report.tables';
import { germanDate } from './report-period.value';
import { CellRegistry, type CellSpec, type RowSpec, type TableSpec } from './report-table.layout';
import { suppressSmallCells, type Suppression } from './small-cell.suppression';

/** Bump when a figure's definition changes: reports of different definitions must not be compared. */
export const FUNDING_REPORT_DEFINITION_VERSION = 1;

export interface ScopeNames {
  districtName: string;
  /** Null for the whole district. */
  organisationUnitName: string | null;
}

const EXPLANATIONS: Record<SuppressionReason, string> = {
  primary: 'Wert von 1 bis 4: zum Schutz der Personen als "<5" ausgewiesen.',
  secondary: 'Zusätzlich gesperrt ("x"), damit sich kein Wert unter 5 aus einer Zeilen- oder Spaltensumme errechnen lässt.',
  derived: 'Nicht ausgewiesen, weil der Wert aus gesperrten Werten berechnet würde.',
};

export const CONFIDENTIALITY_NOTE =
  'Der Bericht enthält nur Fallzahlen, keine Angaben zu einzelnen Personen. Werte von 1 bis 4 sind als "<5" ausgewiesen. ' +
  'Mit "x" gesperrt sind weitere Werte, aus denen sich sonst ein Wert unter 5 über eine Summe errechnen ließe, sowie ' +
  'Anteile, Stunden und Durchschnitte, die aus gesperrten Werten berechnet würden. Welche Werte gesperrt sind und warum, ' +
  'steht im Abschnitt "Gesperrte Werte".';

/** The published report: tables of the measures, suppressed, with the list of what was suppressed and why. */
export function buildFundingReport(measures: FundingMeasures, request: FundingReportRequest, names: ScopeNames): FundingReport {
  const cells = new CellRegistry();
  const groups = fundingReportTables(measures, cells);
  const suppression = suppressSmallCells(cells.values, cells.lines);
  const suppressed: SuppressedCell[] = [];
  const publishTable = (table: TableSpec): ReportTable => {
    const publishRow = (row: RowSpec): ReportRow => ({
      key: row.key,
      label: row.label,
      format: row.format,
      cells: row.cells.map((cell, index) => {
        const { value, reason } = published(cell, cells.values, suppression);
        if (reason !== null) suppressed.push({ table: table.id, row: row.key, column: table.columns[index].key, reason, explanation: EXPLANATIONS[reason] });
        return value;
      }),
    });
    return {
      id: table.id,
      title: table.title,
      rowHeader: table.rowHeader,
      columns: table.columns,
      rows: table.rows.map(publishRow),
      totalRow: table.totalRow === null ? null : publishRow(table.totalRow),
      note: table.note,
    };
  };
  const publishedGroups = groups.map((group) => ({ id: group.id, title: group.title, tables: group.tables.map(publishTable) }));

  const { period, scope, cutoff } = request;
  return {
    report: 'kim-funding-report',
    definitionVersion: FUNDING_REPORT_DEFINITION_VERSION,
    title: 'Förderbericht Kommunales Integrationsmanagement (KIM)',
    period: { code: period.code, kind: period.kind, label: period.label, from: period.from, to: period.to },
    scope: {
      districtId: scope.districtId,
      districtName: names.districtName,
      organisationUnitId: scope.organisationUnitId,
      organisationUnitName: names.organisationUnitName,
    },
    recorded: {
      asRecordedOn: cutoff.asRecordedOn,
      recordedBefore: new Date(cutoff.recordedBefore).toISOString(),
      description: `Stand der Erfassung: alles, was bis zum Ende des ${germanDate(cutoff.asRecordedOn)} (deutsche Zeit) gespeichert war.`,
    },
    confidentiality: CONFIDENTIALITY_NOTE,
    groups: publishedGroups,
    suppressed,
  };
}

function published(cell: CellSpec, values: ReadonlyMap<string, number>, suppression: ReadonlyMap<string, Suppression>): { value: PublishedValue; reason: SuppressionReason | null } {
  if (cell.kind === 'count') {
    const how = suppression.get(cell.key);
    if (how === 'primary') return { value: PRIMARY_SYMBOL, reason: 'primary' };
    if (how === 'secondary') return { value: SECONDARY_SYMBOL, reason: 'secondary' };
    return { value: values.get(cell.key) as number, reason: null };
  }
  if (cell.inputs.some((key) => suppression.has(key))) return { value: SECONDARY_SYMBOL, reason: 'derived' };
  return { value: cell.value, reason: null };
}
