import { PRIMARY_SYMBOL, SECONDARY_SYMBOL, type PublishedValue, type ValueFormat } from '../../../domain/reporting/funding-report.model';

/** A published value as a reader sees it, and what a screen reader adds to a symbol. */
export interface FigureView {
  text: string;
  /** Read out after the symbol, hidden on screen: the legend explains it there. */
  spoken: string | null;
}

const COUNT = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 0 });
const ONE_DECIMAL = new Intl.NumberFormat('de-DE', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** Counts as whole numbers, hours, shares and averages with one decimal, as the report's files have them. */
export function publishedFigure(value: PublishedValue, format: ValueFormat): FigureView {
  if (value === null) return { text: '–', spoken: 'kein Wert' };
  if (value === PRIMARY_SYMBOL) return { text: PRIMARY_SYMBOL, spoken: 'Wert von 1 bis 4' };
  if (value === SECONDARY_SYMBOL) return { text: SECONDARY_SYMBOL, spoken: 'gesperrt' };
  return { text: format === 'count' ? COUNT.format(value) : ONE_DECIMAL.format(value), spoken: null };
}
