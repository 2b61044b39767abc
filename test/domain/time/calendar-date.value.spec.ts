import fc from 'fast-check';
import {
  addDays,
  addMonths,
  calendarDateOfEpochDay,
  epochDayOf,
  epochDayOfParts,
  firstDayOfNextMonth,
  isCalendarDate,
  parseCalendarDate,
} from '../../../src/domain/time/calendar-date.value';

const anyDate = fc
  .integer({ min: epochDayOf('1900-01-01'), max: epochDayOf('2999-12-31') })
  .map((day) => calendarDateOfEpochDay(day));

describe('calendar dates', () => {
  it.each(['2024-02-29', '2025-12-31', '1900-01-01'])('accepts %s', (value) => {
    expect(isCalendarDate(value)).toBe(true);
  });

  it.each(['2025-02-29', '1900-02-29', '2025-04-31', '2025-13-01', '2025-1-1', '01.03.2025', '2025-03-01T00:00:00Z', '1899-12-31', 20250301])(
    'refuses %p',
    (value) => {
      expect(isCalendarDate(value)).toBe(false);
    },
  );

  it('property: reads a text exactly as the pattern YYYY-MM-DD and the calendar would', () => {
    // The reference: the regular expression the digit-by-digit reading replaced, and the same ranges.
    const reference = (value: string) => {
      const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
      if (match === null) return null;
      const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
      const valid = year >= 1900 && year <= 2999 && month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
      return valid ? { year, month, day } : null;
    };
    // Date-shaped texts with any character anywhere: digits, dashes, signs, spaces, letters, non-ASCII digits.
    const character = fc.constantFrom(...'0123456789-+ /.:Tx\n٣１'.split(''));
    const nearDate = fc.oneof(
      anyDate,
      fc.tuple(anyDate, fc.nat(9), character).map(([date, at, c]) => date.slice(0, at) + c + date.slice(at + 1)),
      fc.tuple(anyDate, fc.string({ unit: character, maxLength: 2 })).map(([date, extra]) => date + extra),
      fc.string({ unit: character, minLength: 8, maxLength: 12 }),
      fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 })).map(
        ([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
      ),
    );
    fc.assert(fc.property(nearDate, (value) => expect(parseCalendarDate(value)).toEqual(reference(value))), { numRuns: 5000 });
  });

  it('converts to and from epoch days without loss, in agreement with the platform', () => {
    fc.assert(
      fc.property(fc.integer({ min: epochDayOf('1900-01-01'), max: epochDayOf('2999-12-31') }), (day) => {
        const date = calendarDateOfEpochDay(day);
        expect(epochDayOf(date)).toBe(day);
        expect(date).toBe(new Date(day * 86_400_000).toISOString().slice(0, 10));
        expect(parseCalendarDate(date)).not.toBeNull();
      }),
    );
  });

  it('counts the days of every date of a whole 400-year cycle, and of the first and last years, as the platform does', () => {
    // Every leap rule recurs within 400 years; years before 100 through setUTCFullYear, which Date.UTC would read as 19xx.
    const platform = (year: number, month: number, day: number) => new Date(0).setUTCFullYear(year, month - 1, day) / 86_400_000;
    const wrong: string[] = [];
    for (const [from, to] of [[0, 2], [1600, 2000], [9998, 9999]]) {
      for (let year = from; year <= to; year++) {
        for (let month = 1; month <= 12; month++) {
          // Feb 29 in every year: in a common one it runs on into March on both sides.
          const days = month === 2 ? 29 : new Date(Date.UTC(2001, month, 0)).getUTCDate();
          for (let day = 1; day <= days; day++) {
            if (epochDayOfParts(year, month, day) !== platform(year, month, day)) wrong.push(`${year}-${month}-${day}`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('orders lexically as in time', () => {
    fc.assert(fc.property(anyDate, anyDate, (a, b) => expect(a < b).toBe(epochDayOf(a) < epochDayOf(b))));
  });

  it('adds days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
  });

  it('adds months, keeping the day where it exists and taking the month’s last day where not', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-03-15', 18)).toBe('2026-09-15');
    expect(addMonths('2025-11-30', 3)).toBe('2026-02-28');
  });

  it('finds the first day of the following month', () => {
    expect(firstDayOfNextMonth('2025-03-15')).toBe('2025-04-01');
    expect(firstDayOfNextMonth('2025-12-31')).toBe('2026-01-01');
  });
});
