import { recordCutoff, startOfGermanDay } from '../../../src/domain/reporting/record-cutoff.value';
import { germanDate, parseReportPeriod } from '../../../src/domain/reporting/report-period.value';
import { ReportPeriodInvalidError } from '../../../src/domain/reporting/reporting.errors';

describe('report periods', () => {
  it.each([
    ['2025', 'year', '2025-01-01', '2025-12-31', 'Jahr 2025'],
    ['2025-H1', 'half_year', '2025-01-01', '2025-06-30', '1. Halbjahr 2025'],
    ['2025-H2', 'half_year', '2025-07-01', '2025-12-31', '2. Halbjahr 2025'],
    ['2024-Q1', 'quarter', '2024-01-01', '2024-03-31', '1. Quartal 2024'],
    ['2025-Q2', 'quarter', '2025-04-01', '2025-06-30', '2. Quartal 2025'],
    ['2025-Q4', 'quarter', '2025-10-01', '2025-12-31', '4. Quartal 2025'],
  ])('%s is a %s from %s to %s', (code, kind, from, to, label) => {
    expect(parseReportPeriod(code)).toEqual({ code, kind, year: Number(code.slice(0, 4)), from, to, label });
  });

  it.each(['2025-Q5', '2025-H3', '25', '2025-q1', '2025-01', '1999', ' 2025', 2025, null])('refuses %p', (code) => {
    expect(() => parseReportPeriod(code)).toThrow(ReportPeriodInvalidError);
  });

  it('prints dates the German way', () => {
    expect(germanDate('2025-03-31')).toBe('31.03.2025');
  });
});

describe('"as recorded on" a day', () => {
  it('ends at midnight in Germany: 23:00 UTC in winter, 22:00 UTC in summer', () => {
    expect(recordCutoff('2025-01-10').recordedBefore).toBe(Date.parse('2025-01-10T23:00:00Z'));
    expect(recordCutoff('2025-04-10').recordedBefore).toBe(Date.parse('2025-04-10T22:00:00Z'));
  });

  it('is right on the days the clocks change', () => {
    // Summer time starts on 30 March 2025 at 02:00 and ends on 26 October at 03:00 (German time).
    expect(startOfGermanDay('2025-03-30')).toBe(Date.parse('2025-03-29T23:00:00Z'));
    expect(startOfGermanDay('2025-03-31')).toBe(Date.parse('2025-03-30T22:00:00Z'));
    expect(startOfGermanDay('2025-10-26')).toBe(Date.parse('2025-10-25T22:00:00Z'));
    expect(startOfGermanDay('2025-10-27')).toBe(Date.parse('2025-10-26T23:00:00Z'));
  });
});
