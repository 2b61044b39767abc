import type { FundingReportComparison } from '../../domain/reporting/funding-report.comparison';
import type { FundingReport, PublishedValue, ReportRow, ReportTable } from '../../domain/reporting/funding-report.model';
import { germanDate } from '../../domain/reporting/report-period.value';
import { germanNumber } from './german-number.format';
import { SUPPRESSED_HEADER, suppressedCellLines } from './suppressed-cells.labels';

/**
 * CSV as German Excel and LibreOffice open it by double-click: UTF-8 with byte order mark (else umlauts
 * break), semicolons, CRLF line ends, German headers and decimal commas. One file with one block per table,
 * separated by an empty line, so a clerk sees the whole report in one sheet and nothing gets lost in a zip.
 */
const BOM = '\uFEFF';
const EOL = '\r\n';

export function fundingReportCsv(report: FundingReport): Buffer {
  const lines: string[][] = [
    [report.title],
    ['Zeitraum', report.period.label, `${germanDate(report.period.from)} bis ${germanDate(report.period.to)}`],
    ['Kreis', report.scope.districtName],
    ['Organisationseinheit', report.scope.organisationUnitName ?? 'gesamter Kreis'],
    ['Datenstand', report.recorded.description],
    ['Definitionsstand', String(report.definitionVersion)],
    ['Geheimhaltung', report.confidentiality],
  ];
  for (const group of report.groups) {
    for (const table of group.tables) lines.push([], ...tableLines(`${group.title}: ${table.title}`, table));
  }
  lines.push([], ['Gesperrte Werte'], SUPPRESSED_HEADER, ...suppressedCellLines(report));
  return csv(lines);
}

export function fundingReportComparisonCsv(comparison: FundingReportComparison): Buffer {
  const lines: string[][] = [
    ['Vergleich zweier Förderberichte'],
    ['Zeitraum', comparison.period.label, `${germanDate(comparison.period.from)} bis ${germanDate(comparison.period.to)}`],
    ['Kreis', comparison.scope.districtName],
    ['Organisationseinheit', comparison.scope.organisationUnitName ?? 'gesamter Kreis'],
    ['Früherer Stand', comparison.before.description],
    ['Späterer Stand', comparison.after.description],
    [],
    ['Nachträge und Korrekturen dazwischen'],
    ['Art', 'Eintrag', 'Anzahl'],
    ...[...comparison.lateEntries, ...comparison.corrections].map((cause) => [cause.type === 'late_entry' ? 'Nachtrag' : 'Korrektur', cause.label, germanNumber(cause.count, 'count')]),
    [],
    ['Geänderte Werte'],
    ['Tabelle', 'Zeile', 'Spalte', 'vorher', 'nachher', 'mögliche Ursachen'],
    ...comparison.changes.map((change) => [
      change.tableTitle,
      change.rowLabel,
      change.columnLabel,
      germanValue(change.before),
      germanValue(change.after),
      change.causes.map((cause) => cause.label).join(', '),
    ]),
  ];
  return csv(lines);
}

function tableLines(title: string, table: ReportTable): string[][] {
  const rows = table.totalRow === null ? table.rows : [...table.rows, table.totalRow];
  const lines = [[title], [table.rowHeader, ...table.columns.map((column) => column.label)], ...rows.map(rowLine)];
  if (table.note !== null) lines.push([`Hinweis: ${table.note}`]);
  return lines;
}

function rowLine(row: ReportRow): string[] {
  return [row.label, ...row.cells.map((value) => germanNumber(value, row.format))];
}

/** Values of a comparison, whose rows may be of any format: decimals only where the value has them. */
function germanValue(value: PublishedValue): string {
  return typeof value === 'number' && !Number.isInteger(value) ? germanNumber(value, 'percent') : germanNumber(value, 'count');
}

function csv(lines: readonly string[][]): Buffer {
  return Buffer.from(BOM + lines.map((fields) => fields.map(field).join(';')).join(EOL) + EOL, 'utf8');
}

/** Quoted where a spreadsheet would otherwise split or misread it. */
function field(value: string): string {
  return /[;"\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
