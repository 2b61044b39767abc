import { formatCalendarDate, daysInMonth, type CalendarDate } from '../time/calendar-date.value';
import { ReportPeriodInvalidError } from './reporting.errors';

export type ReportPeriodKind = 'quarter' | 'half_year' | 'year';

/** A reporting period of the funding rule: a calendar quarter, half-year or year, both ends included. */
export interface ReportPeriod {
  /** As requested and printed: `2025-Q1`, `2025-H2`, `2025`. */
  code: string;
  kind: ReportPeriodKind;
  year: number;
  from: CalendarDate;
  to: CalendarDate;
  /** German, e.g. "1. Quartal 2025". */
  label: string;
}

const PERIOD = /^(\d{4})(?:-(Q[1-4]|H[12]))?$/;
const FIRST_YEAR = 2000;
const LAST_YEAR = 2999;

export function parseReportPeriod(code: unknown): ReportPeriod {
  const match = typeof code === 'string' ? PERIOD.exec(code) : null;
  if (match === null) throw new ReportPeriodInvalidError();
  const year = Number(match[1]);
  if (year < FIRST_YEAR || year > LAST_YEAR) throw new ReportPeriodInvalidError();
  const part = match[2];
  if (part === undefined) return period(code as string, 'year', year, 1, 12, `Jahr ${year}`);
  const index = Number(part.slice(1));
  if (part.startsWith('Q')) return period(code as string, 'quarter', year, index * 3 - 2, index * 3, `${index}. Quartal ${year}`);
  return period(code as string, 'half_year', year, index * 6 - 5, index * 6, `${index}. Halbjahr ${year}`);
}

function period(code: string, kind: ReportPeriodKind, year: number, firstMonth: number, lastMonth: number, label: string): ReportPeriod {
  return {
    code,
    kind,
    year,
    from: formatCalendarDate({ year, month: firstMonth, day: 1 }),
    to: formatCalendarDate({ year, month: lastMonth, day: daysInMonth(year, lastMonth) }),
    label,
  };
}

/** `31.03.2025`: how dates appear in German documents. */
export function germanDate(date: CalendarDate): string {
  return `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;
}
