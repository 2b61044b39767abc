import type { FundingReport, ReportTable, SuppressionReason } from '../../../domain/reporting/funding-report.model';
import { suppressedCellLines } from '../../reporting/suppressed-cells.labels';
import { germanDate } from '../rendering/german-format';
import { barChartOf, type BarChartView } from './bar-chart.view';
import { publishedFigure, type FigureView } from './report-figure.format';

export interface ReportFact {
  label: string;
  value: string;
}

export interface ReportRowView {
  label: string;
  figures: FigureView[];
  total: boolean;
}

export interface ReportTableView {
  id: string;
  captionId: string;
  caption: string;
  rowHeader: string;
  columns: string[];
  rows: ReportRowView[];
  noteId: string;
  note: string | null;
  chart: BarChartView | null;
  /** One or two columns of figures: narrow enough to stand beside its chart on a wide screen. */
  narrow: boolean;
}

export interface ReportGroupView {
  id: string;
  title: string;
  tables: ReportTableView[];
}

export interface SuppressedCellView {
  table: string;
  row: string;
  column: string;
  reason: string;
}

export interface FundingReportView {
  title: string;
  facts: ReportFact[];
  confidentiality: string;
  groups: ReportGroupView[];
  suppressed: { summary: string; cells: SuppressedCellView[] };
}

const REASON_COUNTS: Record<SuppressionReason, (count: number) => string> = {
  primary: (count) => `${count} mit einem Wert von 1 bis 4 („<5“)`,
  secondary: (count) => `${count} zum Schutz dieser Werte („x“)`,
  derived: (count) => `${count} aus gesperrten Werten berechnet („x“)`,
};

/** The report as the page shows it: the same tables and values as its files, with ids for the page's anchors. */
export function fundingReportView(report: FundingReport): FundingReportView {
  const byReason = (['primary', 'secondary', 'derived'] as const)
    .map((reason) => ({ reason, count: report.suppressed.filter((cell) => cell.reason === reason).length }))
    .filter((entry) => entry.count > 0);
  return {
    title: report.title,
    facts: [...scopeFacts(report), { label: 'Datenstand', value: report.recorded.description }, { label: 'Definition der Kennzahlen', value: `Version ${report.definitionVersion}` }],
    confidentiality: report.confidentiality,
    groups: report.groups.map((group) => ({ id: `gruppe-${anchorOf(group.id)}`, title: group.title, tables: group.tables.map(tableView) })),
    suppressed: {
      summary:
        report.suppressed.length === 0
          ? 'Kein Wert ist gesperrt.'
          : `${report.suppressed.length} Werte sind gesperrt: ${byReason.map((entry) => REASON_COUNTS[entry.reason](entry.count)).join(', ')}.`,
      // The legend explains each reason once; the list names the cells.
      cells: suppressedCellLines(report).map(([table, row, column, reason]) => ({ table, row, column, reason })),
    },
  };
}

/** Period and scope, as the comparison states them too. */
export function scopeFacts(report: Pick<FundingReport, 'period' | 'scope'>): ReportFact[] {
  const { period, scope } = report;
  return [
    { label: 'Zeitraum', value: `${period.label} (${germanDate(period.from)} bis ${germanDate(period.to)})` },
    { label: 'Bereich', value: scope.organisationUnitName === null ? `${scope.districtName}, ganzer Kreis` : `${scope.organisationUnitName}, ${scope.districtName}` },
  ];
}

function tableView(table: ReportTable): ReportTableView {
  const id = `tabelle-${anchorOf(table.id)}`;
  return {
    id,
    captionId: `${id}-titel`,
    caption: table.title,
    rowHeader: table.rowHeader,
    columns: table.columns.map((column) => column.label),
    rows: [...table.rows, ...(table.totalRow === null ? [] : [table.totalRow])].map((row) => ({
      label: row.label,
      figures: row.cells.map((value) => publishedFigure(value, row.format)),
      total: row === table.totalRow,
    })),
    noteId: `${id}-hinweis`,
    note: table.note,
    chart: barChartOf(table, `${id}-diagramm`),
    narrow: table.columns.length <= 2,
  };
}

function anchorOf(key: string): string {
  return key.replace(/[^A-Za-z0-9-]+/g, '-');
}
