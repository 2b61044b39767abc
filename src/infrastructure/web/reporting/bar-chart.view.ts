import type { ReportTable } from '../../../domain/reporting/funding-report.model';
import { TOTAL_KEY } from '../../../domain/reporting/report-table.layout';
import { publishedFigure } from './report-figure.format';

export interface BarView {
  label: string;
  labelY: number;
  barY: number;
  /** 0 for a zero and for a suppressed value: that has no bar, only its symbol. */
  width: number;
  value: string;
  valueX: number;
  valueY: number;
}

export interface BarChartView {
  titleId: string;
  /** The accessible name: what the chart shows and where its numbers are. */
  title: string;
  width: number;
  height: number;
  barHeight: number;
  bars: BarView[];
}

/** Drawing units of the SVG's viewBox; the stylesheet scales the whole chart to the column it sits in. */
const WIDTH = 640;
const LONGEST_BAR = 560;
const ROW_HEIGHT = 44;
const LABEL_BASELINE = 15;
const BAR_TOP = 21;
const BAR_HEIGHT = 16;
const VALUE_GAP = 6;

/**
 * A horizontal bar per row of a table of counts, for the column its rows add up in (the total, else the only
 * or first one). Labels stand above their bars, so long German labels need no abbreviation. A suppressed
 * value draws no bar (its size is exactly what must not be shown), only its symbol. The numbers are in the
 * table beside it, so the chart is one image with a name, not a second table for screen readers.
 */
export function barChartOf(table: ReportTable, titleId: string): BarChartView | null {
  if (table.rows.length < 2 || table.rows.some((row) => row.format !== 'count')) return null;
  const totalColumn = table.columns.findIndex((column) => column.key === TOTAL_KEY);
  const column = totalColumn >= 0 ? totalColumn : 0;
  const values = table.rows.map((row) => row.cells[column]);
  const largest = Math.max(0, ...values.map((value) => (typeof value === 'number' ? value : 0)));
  const bars = table.rows.map((row, index): BarView => {
    const value = values[index];
    const top = index * ROW_HEIGHT;
    const width = typeof value === 'number' && value > 0 ? Math.max(1, Math.round((value / largest) * LONGEST_BAR)) : 0;
    return {
      label: row.label,
      labelY: top + LABEL_BASELINE,
      barY: top + BAR_TOP,
      width,
      value: publishedFigure(value, 'count').text,
      valueX: width + VALUE_GAP,
      valueY: top + BAR_TOP + BAR_HEIGHT - 3,
    };
  });
  const columnNote = table.columns.length > 1 ? `, Spalte „${table.columns[column].label}“` : '';
  return {
    titleId,
    title: `Balkendiagramm: ${table.title}${columnNote}. Die Zahlen stehen in der Tabelle.`,
    width: WIDTH,
    height: bars.length * ROW_HEIGHT,
    barHeight: BAR_HEIGHT,
    bars,
  };
}
