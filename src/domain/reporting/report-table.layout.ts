import type { ReportColumn, ValueFormat } from './funding-report.model';
import type { SumLine } from './small-cell.suppression';

/**
 * Tables before suppression: every count is a cell with a key, and every published total is a line over its
 * parts. A key may appear in several tables (the number of people is the total of each people table); it is
 * one cell, suppressed everywhere or nowhere.
 */
export interface CountCellSpec {
  kind: 'count';
  key: string;
}

/** A share, average or sum of hours, computed from counts; hidden when any count it uses is. */
export interface DerivedCellSpec {
  kind: 'derived';
  value: number | null;
  inputs: readonly string[];
}

export type CellSpec = CountCellSpec | DerivedCellSpec;

export interface RowSpec {
  key: string;
  label: string;
  format: ValueFormat;
  cells: CellSpec[];
}

export interface TableSpec {
  id: string;
  title: string;
  rowHeader: string;
  columns: ReportColumn[];
  rows: RowSpec[];
  totalRow: RowSpec | null;
  note: string | null;
}

export const TOTAL_KEY = 'total';
export const TOTAL_LABEL = 'Insgesamt';

/** Collects cells, their values and lines while tables are built. */
export class CellRegistry {
  readonly values = new Map<string, number>();
  readonly lines: SumLine[] = [];

  count(key: string, value: number): CountCellSpec {
    const known = this.values.get(key);
    if (known !== undefined && known !== value) throw new RangeError(`Cell ${key} is ${known} in one table and ${value} in another`);
    this.values.set(key, value);
    return { kind: 'count', key };
  }

  line(total: string, parts: readonly string[]): void {
    this.lines.push({ total, parts });
  }
}

export interface CountTableInput {
  id: string;
  title: string;
  rowHeader: string;
  columns: ReportColumn[];
  rows: Array<{ key: string; label: string; values: readonly number[] }>;
  /** Adds a total column (each row's sum) and publishes it. */
  rowTotals: boolean;
  /** Adds a total row (each column's sum) and publishes it. */
  columnTotals: boolean;
  /** The key of every column total, where it is one figure shared with other tables. */
  sharedColumnTotal?: string;
  note?: string;
}

/** A table of counts with the totals it publishes, and the lines that keep suppressed counts protected. */
export function countTable(registry: CellRegistry, input: CountTableInput): TableSpec {
  const key = (row: string, column: string) => cellKey(input.id, row, column);
  const columnKeys = input.columns.map((column) => column.key);
  const rows: RowSpec[] = input.rows.map((row) => {
    const cells = row.values.map((value, i) => registry.count(key(row.key, columnKeys[i]), value));
    if (input.rowTotals) {
      const total = registry.count(key(row.key, TOTAL_KEY), sum(row.values));
      registry.line(total.key, cells.map((cell) => cell.key));
      cells.push(total);
    }
    return { key: row.key, label: row.label, format: 'count', cells };
  });
  const allColumns = input.rowTotals ? [...columnKeys, TOTAL_KEY] : columnKeys;
  let totalRow: RowSpec | null = null;
  if (input.columnTotals) {
    const cells = allColumns.map((column, i) => {
      const value = sum(rows.map((row) => registry.values.get((row.cells[i] as CountCellSpec).key) as number));
      const total = registry.count(input.sharedColumnTotal ?? key(TOTAL_KEY, column), value);
      registry.line(total.key, rows.map((row) => (row.cells[i] as CountCellSpec).key));
      return total;
    });
    // The total row adds up too: its column totals make the grand total.
    if (input.rowTotals) registry.line(cells[cells.length - 1].key, cells.slice(0, -1).map((cell) => cell.key));
    totalRow = { key: TOTAL_KEY, label: TOTAL_LABEL, format: 'count', cells };
  }
  return {
    id: input.id,
    title: input.title,
    rowHeader: input.rowHeader,
    columns: input.rowTotals ? [...input.columns, { key: TOTAL_KEY, label: TOTAL_LABEL }] : input.columns,
    rows,
    totalRow,
    note: input.note ?? null,
  };
}

export function cellKey(table: string, row: string, column: string): string {
  return `${table}/${row}/${column}`;
}

export function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** One decimal, as the report prints hours, shares and averages; null where there is no base. */
export function ratio(numerator: number, denominator: number, scale: number): number | null {
  return denominator === 0 ? null : Math.round((numerator * scale * 10) / denominator) / 10;
}
