import type { PublishedValue, ValueFormat } from '../../domain/reporting/funding-report.model';

/**
 * Numbers as German spreadsheet software reads them from text: no thousands separator (a "1.234" could be
 * read as a date or 1,234), a decimal comma, one decimal for hours, shares and averages.
 */
export function germanNumber(value: PublishedValue, format: ValueFormat): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  return format === 'count' ? String(value) : value.toFixed(1).replace('.', ',');
}
