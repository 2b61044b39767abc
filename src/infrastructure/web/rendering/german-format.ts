import { isCalendarDate, type CalendarDate } from '../../../domain/time/calendar-date.value';

/**
 * Dates and times as a German reader writes them. Business dates are calendar days (no time zone); instants
 * are shown in Germany's time, since that is where the case managers work.
 */
const INSTANT = new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', dateStyle: 'medium', timeStyle: 'short' });

/** `2025-03-06` → `06.03.2025`; anything that is not a date is shown as a dash, never echoed. */
export function germanDate(value: CalendarDate | null | undefined): string {
  if (value === null || value === undefined || !isCalendarDate(value)) return '–';
  const [year, month, day] = value.split('-');
  return `${day}.${month}.${year}`;
}

export function germanInstant(value: string | null | undefined): string {
  const epoch = value ? Date.parse(value) : Number.NaN;
  return Number.isNaN(epoch) ? '–' : INSTANT.format(epoch);
}

/** "1 Tag", "3 Tage": German plurals of the few nouns the pages count. */
export function counted(count: number, singular: string, plural: string): string {
  return `${count} ${count === 1 ? singular : plural}`;
}
