import type { CalendarDate } from '../time/calendar-date.value';

/**
 * Law changes; decisions recorded under old law must stay explainable. Every rule set therefore says from
 * when it applies, and lookups take the date they are asked about. A new law is a new entry, never an edit.
 */
export interface Versioned {
  readonly version: string;
  readonly validFrom: CalendarDate;
}

/** The version in force on `date`: the one with the latest `validFrom` not after it, or null before the first. */
export function versionInForce<T extends Versioned>(versions: readonly T[], date: CalendarDate): T | null {
  let found: T | null = null;
  for (const candidate of versions) {
    if (candidate.validFrom <= date && (found === null || candidate.validFrom > found.validFrom)) found = candidate;
  }
  return found;
}
