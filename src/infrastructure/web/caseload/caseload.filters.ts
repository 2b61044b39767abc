import type { CaseloadSort, CaseloadStatus } from '../../../application/caseload/caseload-read-model.port';
import type { CaseloadRequest } from '../../../application/caseload/get-caseload.query';
import type { Principal } from '../../../application/identity/principal';
import { CASE_PHASE_LABELS, type CasePhase } from '../../../domain/case/case.phase';
import { JURISDICTIONS, type Jurisdiction } from '../../../domain/residence-law/benefit-jurisdiction.vocabulary';
import { RESIDENCE_CATEGORIES, type ResidenceCategory } from '../../../domain/residence-law/residence-status.taxonomy';
import type { FormValues } from '../forms/form.types';

export const CASES_PER_PAGE = 25;

/** German parameter values of the list, each for one of the caseload query's codes. */
export const STATUS_PARAMETERS: Readonly<Record<string, CaseloadStatus>> = { offen: 'open', abgeschlossen: 'closed', alle: 'all' };
export const SORT_PARAMETERS: Readonly<Record<string, { sort: CaseloadSort; label: string }>> = {
  dringlichkeit: { sort: 'urgency', label: 'Dringliche zuerst' },
  'kontakt-alt': { sort: 'lastContactOn', label: 'Längster Abstand zum letzten Kontakt zuerst' },
  'aufnahme-neu': { sort: '-openedOn', label: 'Neueste Fallaufnahme zuerst' },
  'aufnahme-alt': { sort: 'openedOn', label: 'Älteste Fallaufnahme zuerst' },
};

/** The list's filters as the page's query string has them (`?status=offen&ueberfaellig=1`). */
export interface CaseloadFilters {
  scope: 'meine' | 'einheit';
  status: string;
  phase: string;
  aufenthalt: string;
  rechtskreis: string;
  einheit: string;
  fallverantwortung: string;
  ueberfaellig: boolean;
  ablaufend: boolean;
  sortierung: string;
  seite: number;
}

const known = <T extends string>(labels: Readonly<Record<string, unknown>>, value: string | undefined): T | null =>
  value !== undefined && Object.prototype.hasOwnProperty.call(labels, value) ? (value as T) : null;

/**
 * Reads the filters; a value that is not one of the offered choices is ignored (the default applies), since the
 * only way to send one is to edit the address by hand.
 */
export function caseloadFilters(query: FormValues): CaseloadFilters {
  const text = (name: string) => (typeof query[name] === 'string' ? (query[name] as string) : '');
  const page = Number(text('seite'));
  return {
    scope: text('umfang') === 'einheit' ? 'einheit' : 'meine',
    status: known(STATUS_PARAMETERS, text('status')) ?? 'offen',
    phase: known(CASE_PHASE_LABELS, text('phase')) ?? '',
    aufenthalt: known(RESIDENCE_CATEGORIES, text('aufenthalt')) ?? '',
    rechtskreis: known(JURISDICTIONS, text('rechtskreis')) ?? '',
    einheit: /^[A-Za-z0-9._:-]{1,200}$/.test(text('einheit')) ? text('einheit') : '',
    fallverantwortung: /^[A-Za-z0-9._:-]{1,200}$/.test(text('fallverantwortung')) ? text('fallverantwortung') : '',
    ueberfaellig: text('ueberfaellig') === '1',
    ablaufend: text('ablaufend') === '1',
    sortierung: known(SORT_PARAMETERS, text('sortierung')) ?? 'dringlichkeit',
    seite: Number.isSafeInteger(page) && page >= 1 && page <= 10_000 ? page : 1,
  };
}

/** The caseload query for these filters: a case manager's own cases or unit; coordination's district, narrowed. */
export function caseloadRequest(principal: Principal, filters: CaseloadFilters, waitFor: string | null): CaseloadRequest {
  const coordination = principal.role === 'coordination';
  return {
    mine: !coordination && filters.scope === 'meine',
    organisationUnitId: coordination && filters.einheit !== '' ? filters.einheit : null,
    caseManagerId: coordination && filters.fallverantwortung !== '' ? filters.fallverantwortung : null,
    phase: filters.phase === '' ? null : (filters.phase as CasePhase),
    status: STATUS_PARAMETERS[filters.status],
    residenceCategory: filters.aufenthalt === '' ? null : (filters.aufenthalt as ResidenceCategory),
    jurisdiction: filters.rechtskreis === '' ? null : (filters.rechtskreis as Jurisdiction),
    overdueOnly: filters.ueberfaellig,
    expiringPermitsOnly: filters.ablaufend,
    sort: SORT_PARAMETERS[filters.sortierung].sort,
    limit: CASES_PER_PAGE,
    offset: (filters.seite - 1) * CASES_PER_PAGE,
    waitFor,
  };
}

/** The query string of these filters with one page: for the page links. */
export function filtersQuery(filters: CaseloadFilters, page: number): string {
  const parameters = new URLSearchParams();
  if (filters.scope === 'einheit') parameters.set('umfang', 'einheit');
  if (filters.status !== 'offen') parameters.set('status', filters.status);
  for (const name of ['phase', 'aufenthalt', 'rechtskreis', 'einheit', 'fallverantwortung'] as const) if (filters[name] !== '') parameters.set(name, filters[name]);
  if (filters.ueberfaellig) parameters.set('ueberfaellig', '1');
  if (filters.ablaufend) parameters.set('ablaufend', '1');
  if (filters.sortierung !== 'dringlichkeit') parameters.set('sortierung', filters.sortierung);
  if (page > 1) parameters.set('seite', String(page));
  const query = parameters.toString();
  return query === '' ? '' : `?${query}`;
}
