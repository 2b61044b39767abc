/**
 * The dimensions the funding report counts by, beyond the case vocabularies, each with its German label.
 * Codes are part of the JSON format: a label may be reworded, a code is never renamed.
 */

import { codes } from '../case/case.vocabulary';

/** Age at the end of the period, from the birth year (the exact date of birth is sealed personal data). */
export const AGE_BAND_LABELS = {
  '0-17': '0 bis 17 Jahre',
  '18-26': '18 bis 26 Jahre',
  '27-44': '27 bis 44 Jahre',
  '45-64': '45 bis 64 Jahre',
  '65+': '65 Jahre und älter',
  unknown: 'Geburtsjahr nicht erfasst',
} as const;
export type AgeBand = keyof typeof AGE_BAND_LABELS;
export const AGE_BANDS = codes(AGE_BAND_LABELS);

export function ageBandOf(birthYear: number | null, yearOfPeriodEnd: number): AgeBand {
  if (birthYear === null) return 'unknown';
  const age = yearOfPeriodEnd - birthYear;
  if (age <= 17) return '0-17';
  if (age <= 26) return '18-26';
  if (age <= 44) return '27-44';
  if (age <= 64) return '45-64';
  return '65+';
}

/** Where a referral made in the period stood at the period's end. */
export const REFERRAL_STATUS_LABELS = {
  open: 'noch offen',
  taken_up: 'angenommen',
  completed: 'abgeschlossen',
  declined: 'abgelehnt',
  no_show: 'nicht erschienen',
  no_answer: 'keine Rückmeldung',
} as const;
export type ReferralStatus = keyof typeof REFERRAL_STATUS_LABELS;
export const REFERRAL_STATUSES = codes(REFERRAL_STATUS_LABELS);

/** What became of goals in the period: agreed in it, or closed in it with an outcome. */
export const GOAL_MEASURE_LABELS = {
  agreed: 'vereinbart',
  achieved: 'erreicht',
  partly_achieved: 'teilweise erreicht',
  dropped: 'aufgegeben',
} as const;
export type GoalMeasure = keyof typeof GOAL_MEASURE_LABELS;
export const GOAL_MEASURES = codes(GOAL_MEASURE_LABELS);

/** Assessed need in a life area, last assessment against the first (levels 0 none .. 3 acute). */
export const NEED_CHANGE_LABELS = {
  decreased: 'Bedarf gesunken',
  unchanged: 'Bedarf unverändert',
  increased: 'Bedarf gestiegen',
} as const;
export type NeedChange = keyof typeof NEED_CHANGE_LABELS;
export const NEED_CHANGES = codes(NEED_CHANGE_LABELS);

export const SERVICE_GAP_MEASURE_LABELS = {
  reports: 'Meldungen',
  clients_affected: 'betroffene Personen (Angabe der Meldenden)',
} as const;
export type ServiceGapMeasure = keyof typeof SERVICE_GAP_MEASURE_LABELS;
export const SERVICE_GAP_MEASURES = codes(SERVICE_GAP_MEASURE_LABELS);

/** Rows for values the case does not record (no country, no status, no jurisdiction yet). */
export const NOT_RECORDED = 'unknown';
export const NOT_RECORDED_LABEL = 'nicht erfasst';
