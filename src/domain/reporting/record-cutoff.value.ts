import { addDays, epochDayOf, type CalendarDate } from '../time/calendar-date.value';
import { germanCalendarDate } from '../time/instant.value';

/**
 * "As recorded on" a day: the report uses exactly the events the store had accepted by the end of that day in
 * Germany, so a report sent to the ministry can be produced again byte for byte, and a corrected one compared
 * with it. The cut-off is an instant; everything recorded before it counts, nothing after.
 */
export interface RecordCutoff {
  asRecordedOn: CalendarDate;
  /** Epoch milliseconds: the start of the next German day. */
  recordedBefore: number;
}

const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;

export function recordCutoff(asRecordedOn: CalendarDate): RecordCutoff {
  return { asRecordedOn, recordedBefore: startOfGermanDay(addDays(asRecordedOn, 1)) };
}

/** Midnight in Berlin is 22:00 or 23:00 UTC the day before, depending on summer time. */
export function startOfGermanDay(date: CalendarDate): number {
  const utcMidnight = epochDayOf(date) * MS_PER_DAY;
  const summer = utcMidnight - 2 * MS_PER_HOUR;
  return germanCalendarDate(summer) === date ? summer : utcMidnight - MS_PER_HOUR;
}
