import type { FundingReport } from '../../domain/reporting/funding-report.model';

const REASONS = { primary: 'Wert unter 5', secondary: 'Sekundärsperrung', derived: 'aus gesperrten Werten berechnet' } as const;

export const SUPPRESSED_HEADER = ['Tabelle', 'Zeile', 'Spalte', 'Grund', 'Erläuterung'];

/** The suppression list as people read it: titles and labels instead of keys. */
export function suppressedCellLines(report: FundingReport): string[][] {
  const tables = new Map(
    report.groups.flatMap((group) =>
      group.tables.map((table) => [
        table.id,
        {
          title: `${group.title}: ${table.title}`,
          rows: new Map([...table.rows, ...(table.totalRow ? [table.totalRow] : [])].map((row) => [row.key, row.label])),
          columns: new Map(table.columns.map((column) => [column.key, column.label])),
        },
      ]),
    ),
  );
  return report.suppressed.map((cell) => {
    const table = tables.get(cell.table);
    return [table?.title ?? cell.table, table?.rows.get(cell.row) ?? cell.row, table?.columns.get(cell.column) ?? cell.column, REASONS[cell.reason], cell.explanation];
  });
}
