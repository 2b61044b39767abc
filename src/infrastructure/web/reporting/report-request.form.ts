import { parseReportPeriod, type ReportPeriod } from '../../../domain/reporting/report-period.value';
import { ReportPeriodInvalidError } from '../../../domain/reporting/reporting.errors';
import { yearOf, type CalendarDate } from '../../../domain/time/calendar-date.value';
import type { Choice, FieldSpec } from '../forms/form.types';
import type { DistrictUnit } from './district-units.reader';

/**
 * The report forms. Each field is named like the API's query parameter, so the API's DTO validates the form,
 * the report's own refusals come back under the field's name, and the download links repeat the query.
 */

const YEARS_OFFERED = 5;
const PERIOD_SUFFIXES = ['', '-H1', '-H2', '-Q1', '-Q2', '-Q3', '-Q4'];

/** The quarter before today's: the one a report to the ministry is usually due for. */
export function lastCompletedQuarter(today: CalendarDate): string {
  const year = yearOf(today);
  const quarter = Math.ceil(Number(today.slice(5, 7)) / 3);
  return quarter === 1 ? `${year - 1}-Q4` : `${year}-Q${quarter - 1}`;
}

/**
 * Years, half-years and quarters of the last five years that have begun, newest year first. A period asked
 * for by address outside them is offered too, so the form always shows the report below it.
 */
export function periodChoices(today: CalendarDate, requested: string): Choice[] {
  const current = yearOf(today);
  const years = new Set(Array.from({ length: YEARS_OFFERED }, (_, offset) => current - offset));
  const asked = periodOrNull(requested);
  if (asked !== null) years.add(asked.year);
  return [...years]
    .sort((a, b) => b - a)
    .flatMap((year) => PERIOD_SUFFIXES.map((suffix) => parseReportPeriod(`${year}${suffix}`)))
    .filter((period) => period.from <= today || period.code === asked?.code)
    .map((period) => ({ value: period.code, label: period.label, group: String(period.year) }));
}

function periodOrNull(code: string): ReportPeriod | null {
  try {
    return parseReportPeriod(code);
  } catch (error) {
    if (error instanceof ReportPeriodInvalidError) return null;
    throw error;
  }
}

function scopeFields(periods: readonly Choice[], units: readonly DistrictUnit[]): FieldSpec[] {
  return [
    { name: 'period', label: 'Berichtszeitraum', kind: 'select', choices: periods, required: true },
    {
      name: 'organisationUnit',
      label: 'Organisationseinheit',
      kind: 'select',
      choices: units.map((unit) => ({ value: unit.id, label: unit.name })),
      emptyChoice: 'Ganzer Kreis',
    },
  ];
}

export function reportFields(periods: readonly Choice[], units: readonly DistrictUnit[]): FieldSpec[] {
  return [
    ...scopeFields(periods, units),
    {
      name: 'asRecordedOn',
      label: 'Datenstand',
      kind: 'date',
      width: 'medium',
      hint: 'Nur, was bis zum Ende dieses Tages erfasst war; ohne Angabe heute.',
    },
  ];
}

export function comparisonFields(periods: readonly Choice[], units: readonly DistrictUnit[]): FieldSpec[] {
  return [...scopeFields(periods, units), ...comparedDates()];
}

/** The two Datenstände alone: the report page asks only for these, its period and unit go along hidden. */
export function comparedDates(): FieldSpec[] {
  return [
    { name: 'before', label: 'Früherer Datenstand', kind: 'date', width: 'medium', required: true, hint: 'Etwa der Tag, an dem der Bericht verschickt wurde.' },
    { name: 'after', label: 'Späterer Datenstand', kind: 'date', width: 'medium', hint: 'Ohne Angabe: heute.' },
  ];
}
