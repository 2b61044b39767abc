import { calendarDateOfEpochDay, daysInMonth, digitsAt, epochDayOf, epochDayOfParts, formatCalendarDate, type CalendarDate } from './calendar-date.value';

/** A point in time as ISO 8601 with an explicit offset (`2025-03-01T09:30:00Z`, `...+01:00`). */
export type Instant = string;

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;

/** Milliseconds since the epoch, or null unless `value` is a real instant with an offset (no 24:00, no 30 Feb). */
export function parseInstant(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const canonical = canonicalInstant(value);
  if (canonical !== undefined) return canonical;
  const match = INSTANT.exec(value);
  if (match === null) return null;
  // Field by field rather than through an array: a projection rebuild parses two instants per event.
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const hour = Number(match[4]);
  const minute = Number(match[5]);
  const second = match[6] === undefined ? 0 : Number(match[6]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  if (match[7] !== 'Z' && (Number(match[7].slice(4, 6)) > 59 || Number(match[7].slice(1, 3)) > 18)) return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}

const CANONICAL_LENGTH = 24;
const WHOLE_SECONDS_LENGTH = 20;
const DASH = 45;
const COLON = 58;
const DOT = 46;
const LETTER_T = 84;
const LETTER_Z = 90;

/**
 * `YYYY-MM-DDTHH:MM:SS.sssZ`, as `toISOString` writes it and the store's clock records every event, and
 * `YYYY-MM-DDTHH:MM:SSZ`, as clients commonly write when a thing happened, read digit by digit and counted into
 * milliseconds here: a rebuild parses three instants per event, and the regular expression and `Date.parse` took
 * most of a second of a million events' rebuild (each match allocated its array and groups, 0.3 of the 9.3 GB it
 * allocates); a loop over the separators and `Date.UTC` then still took twice as long (155-342 against 83-150 ns
 * a call, alternating in one process). Null for a date or time that does not exist; undefined for any other
 * shape, which `parseInstant` then reads in full.
 */
function canonicalInstant(text: string): number | null | undefined {
  const wholeSeconds = text.length === WHOLE_SECONDS_LENGTH;
  if (!wholeSeconds && text.length !== CANONICAL_LENGTH) return undefined;
  if (text.charCodeAt(4) !== DASH || text.charCodeAt(7) !== DASH || text.charCodeAt(10) !== LETTER_T) return undefined;
  if (text.charCodeAt(13) !== COLON || text.charCodeAt(16) !== COLON) return undefined;
  if (wholeSeconds ? text.charCodeAt(19) !== LETTER_Z : text.charCodeAt(19) !== DOT || text.charCodeAt(23) !== LETTER_Z) return undefined;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const second = digitsAt(text, 17, 2);
  const ms = wholeSeconds ? 0 : digitsAt(text, 20, 3);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || ms < 0) return undefined;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  return epochDayOfParts(year, month, day) * MS_PER_DAY + hour * MS_PER_HOUR + minute * MS_PER_MINUTE + second * 1000 + ms;
}

/**
 * The calendar date in Germany (Europe/Berlin) at an instant. KIM is a German programme, so "today" for a date
 * entered by a case manager is the German date: at 00:30 in Berlin it is already tomorrow in UTC terms.
 * The EU summer-time rule is computed here rather than taken from the platform's time-zone database, so the
 * answer does not depend on which ICU data a machine happens to ship.
 */
export function germanCalendarDate(epochMs: number): CalendarDate {
  const offsetHours = isEuSummerTime(epochMs) ? 2 : 1;
  return calendarDateOfEpochDay(Math.floor((epochMs + offsetHours * MS_PER_HOUR) / MS_PER_DAY));
}

/** Summer time runs from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October. */
function isEuSummerTime(epochMs: number): boolean {
  const year = Number(calendarDateOfEpochDay(Math.floor(epochMs / MS_PER_DAY)).slice(0, 4));
  const start = lastSundayOf(year, 3) * MS_PER_DAY + MS_PER_HOUR;
  const end = lastSundayOf(year, 10) * MS_PER_DAY + MS_PER_HOUR;
  return epochMs >= start && epochMs < end;
}

function lastSundayOf(year: number, month: number): number {
  const lastDay = epochDayOf(formatCalendarDate({ year, month, day: daysInMonth(year, month) }));
  const weekday = (((lastDay + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
  return lastDay - weekday;
}

export function minutes(count: number): number {
  return count * MS_PER_MINUTE;
}
