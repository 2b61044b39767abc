import fc from 'fast-check';
import { germanCalendarDate, parseInstant } from '../../../src/domain/time/instant.value';

describe('parseInstant', () => {
  it.each([
    ['2025-03-10T09:00:00Z', Date.UTC(2025, 2, 10, 9)],
    ['2025-03-10T10:00:00+01:00', Date.UTC(2025, 2, 10, 9)],
    ['2025-03-10T09:00Z', Date.UTC(2025, 2, 10, 9)],
    ['2025-03-10T09:00:00.123456Z', Date.UTC(2025, 2, 10, 9, 0, 0, 123)],
  ])('reads %s', (text, expected) => {
    expect(parseInstant(text)).toBe(expected);
  });

  it.each(['2025-03-10T09:00:00', '2025-03-10', '2025-02-30T09:00:00Z', '2025-03-10T24:00:00Z', '2025-03-10T09:60:00Z', 'yesterday', 42, null])(
    'refuses %p',
    (value) => {
      expect(parseInstant(value)).toBeNull();
    },
  );

  it('property: the form the store writes (`toISOString`) reads as the same instant written with an offset', () => {
    // Digits of every slot, out of range included: both spellings must agree on validity and on the instant.
    const slot = (digits: number, max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(digits, '0'));
    const canonical = fc
      .tuple(slot(4, 9999), slot(2, 19), slot(2, 39), slot(2, 29), slot(2, 69), slot(2, 69), slot(3, 999))
      .map(([year, month, day, hour, minute, second, ms]) => `${year}-${month}-${day}T${hour}:${minute}:${second}.${ms}`);
    fc.assert(
      fc.property(canonical, fc.boolean(), (text, wholeSeconds) => {
        // Without the fraction too, as clients write the time a thing happened.
        const written = wholeSeconds ? text.slice(0, 19) : text;
        expect(parseInstant(`${written}Z`)).toBe(parseInstant(`${written}+00:00`));
      }),
      { numRuns: 4000 },
    );
    fc.assert(
      fc.property(fc.date({ min: new Date('0100-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }), (date) => {
        expect(parseInstant(date.toISOString())).toBe(date.getTime());
      }),
    );
  });

  it('reads a year before 100 as that year, and a letter among the digits as no instant', () => {
    expect(parseInstant('0099-03-10T09:00:00.000Z')).toBe(Date.parse('0099-03-10T09:00:00.000+00:00'));
    expect(parseInstant('0099-03-10T09:00:00.000Z')).not.toBe(Date.UTC(99, 2, 10, 9));
    expect(parseInstant('2025-03-10T09:00:00.12xZ')).toBeNull();
    expect(parseInstant('2025-03-1xT09:00:00.123Z')).toBeNull();
    expect(parseInstant('0099-03-10T09:00:00Z')).toBe(Date.parse('0099-03-10T09:00:00+00:00'));
    expect(parseInstant('2025-03-10T09:00:0xZ')).toBeNull();
    expect(parseInstant('2025-03-10T09:00:00.Z')).toBeNull();
  });
});

describe('germanCalendarDate', () => {
  const at = (iso: string) => germanCalendarDate(Date.parse(iso));

  it('is the UTC date plus one hour in winter and two hours in summer', () => {
    expect(at('2025-01-15T22:59:59Z')).toBe('2025-01-15');
    expect(at('2025-01-15T23:00:00Z')).toBe('2025-01-16');
    expect(at('2025-07-15T21:59:59Z')).toBe('2025-07-15');
    expect(at('2025-07-15T22:00:00Z')).toBe('2025-07-16');
  });

  it('switches to summer time at 01:00 UTC on the last Sunday of March', () => {
    // 30 March 2025: 00:59 UTC is 01:59 CET; 01:00 UTC is 03:00 CEST.
    expect(at('2025-03-29T22:59:00Z')).toBe('2025-03-29');
    expect(at('2025-03-29T23:00:00Z')).toBe('2025-03-30');
    expect(at('2025-03-30T21:59:00Z')).toBe('2025-03-30');
    expect(at('2025-03-30T22:00:00Z')).toBe('2025-03-31');
  });

  it('switches back at 01:00 UTC on the last Sunday of October', () => {
    // 26 October 2025.
    expect(at('2025-10-25T21:59:00Z')).toBe('2025-10-25');
    expect(at('2025-10-25T22:00:00Z')).toBe('2025-10-26');
    expect(at('2025-10-26T22:59:00Z')).toBe('2025-10-26');
    expect(at('2025-10-26T23:00:00Z')).toBe('2025-10-27');
  });

  it('agrees with the platform time-zone database for Europe/Berlin', () => {
    const berlin = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' });
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1997, 0, 1), max: Date.UTC(2037, 11, 31) }), (ms) => {
        expect(germanCalendarDate(ms)).toBe(berlin.format(ms));
      }),
      { numRuns: 2000 },
    );
  });
});
