import type { CalendarDate } from '../time/calendar-date.value';
import { germanCalendarDate, minutes } from '../time/instant.value';
import { DateBeforeOpeningError, DateInFutureError, DateOutOfOrderError } from './case.errors';
import { calendarDate } from './command-input.guards';

/** Clocks of client devices drift; a date entered just before midnight must not fail by a minute. */
export const CLOCK_TOLERANCE_MS = minutes(5);

/** "Today" as the command's clock sees it, in Germany, and the latest date that is not yet the future. */
export interface DecisionClock {
  readonly today: CalendarDate;
  readonly latestAllowed: CalendarDate;
}

export function decisionClock(nowMs: number): DecisionClock {
  return { today: germanCalendarDate(nowMs), latestAllowed: germanCalendarDate(nowMs + CLOCK_TOLERANCE_MS) };
}

/** A date that has happened: valid and not in the future. */
export function pastDate(field: string, value: unknown, clock: DecisionClock): CalendarDate {
  const date = calendarDate(field, value);
  if (date > clock.latestAllowed) throw new DateInFutureError(field);
  return date;
}

/** A date that has happened within the case: not in the future and not before the case was opened. */
export function caseDate(field: string, value: unknown, clock: DecisionClock, openedOn: CalendarDate): CalendarDate {
  const date = pastDate(field, value, clock);
  if (date < openedOn) throw new DateBeforeOpeningError(field);
  return date;
}

/** `date` must not lie before the date of the earlier fact it follows up (`earlierField` names that fact's date). */
export function assertNotBefore(field: string, date: CalendarDate, earlierField: string, earlier: CalendarDate | null): void {
  if (earlier !== null && date < earlier) throw new DateOutOfOrderError(field, earlierField);
}
