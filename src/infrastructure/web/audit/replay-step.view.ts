import type { CaseHistoryEntry } from '../../../application/case-reading/get-case-history.query';
import { isErased } from '../../../application/ports/personal-data-vault.port';
import { CASE_PHASE_LABELS } from '../../../domain/case/case.phase';
import { personalDataPaths } from '../../../domain/case/personal-data.registry';
import type { CaseState } from '../../../domain/case/case.state';
import { JURISDICTIONS } from '../../../domain/residence-law/benefit-jurisdiction.vocabulary';
import { LEGAL_BASES, RESIDENCE_CATEGORIES } from '../../../domain/residence-law/residence-status.taxonomy';
import type { StaffNames } from '../../identity/staff-directory.repository';
import type { Row } from '../case-file/case-file.view';
import { germanDate, germanInstant } from '../rendering/german-format';

export interface ReplayStepView {
  index: number;
  revision: number;
  eventId: string;
  label: string;
  summary: string;
  by: string;
  occurredAt: string;
  recordedAt: string;
  data: Row[];
  stateAfter: Row[];
  /** Registry paths of this entry whose values are masked: what a reveal can show. */
  maskedFields: string[];
}

const MASK = '●●●● (maskiert)';

/** One entry of the replay with the case as it stood right after it. */
export function replayStepView(entry: CaseHistoryEntry, index: number, staff: StaffNames): ReplayStepView {
  return {
    index,
    revision: entry.revision,
    eventId: entry.eventId,
    label: entry.label,
    summary: entry.summary,
    by: staff.users.get(entry.actor.userId) ?? entry.actor.userId,
    occurredAt: germanInstant(entry.occurredAt),
    recordedAt: germanInstant(entry.recordedAt),
    data: dataRows(entry.data, ''),
    stateAfter: stateRows(entry.stateAfter, staff),
    maskedFields: maskedPaths(entry.type, entry.data),
  };
}

function isMasked(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { $masked?: unknown }).$masked === true;
}

/** The stored data as path and value, personal values masked or marked as erased: nothing is interpreted. */
export function dataRows(value: unknown, path: string): Row[] {
  if (isMasked(value)) return [{ label: path, value: MASK }];
  if (isErased(value)) return [{ label: path, value: '(gelöscht)' }];
  if (Array.isArray(value)) {
    if (value.length === 0) return [{ label: path, value: '(keine)' }];
    return value.flatMap((item, index) => dataRows(item, `${path}[${index}]`));
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, inner]) => dataRows(inner, path === '' ? key : `${path}.${key}`));
  }
  return [{ label: path, value: value === null ? '–' : String(value) }];
}

/** Which registry paths of the entry hold a masked value (`needs[].note` if any of the notes is masked). */
export function maskedPaths(eventType: string, data: unknown): string[] {
  let paths: readonly string[];
  try {
    paths = personalDataPaths(eventType);
  } catch {
    return [];
  }
  return paths.filter((path) => valuesAt(data, path.split('.')).some(isMasked));
}

function valuesAt(value: unknown, segments: readonly string[]): unknown[] {
  if (segments.length === 0) return [value];
  if (typeof value !== 'object' || value === null) return [];
  const [segment, ...rest] = segments;
  const key = segment.endsWith('[]') ? segment.slice(0, -2) : segment;
  const inner = Object.prototype.hasOwnProperty.call(value, key) ? (value as Record<string, unknown>)[key] : undefined;
  if (segment.endsWith('[]')) return Array.isArray(inner) ? inner.flatMap((item) => valuesAt(item, rest)) : [];
  return valuesAt(inner, rest);
}

function stateRows(state: CaseState, staff: StaffNames): Row[] {
  if (!state.opened) return [{ label: 'Fall', value: 'noch nicht angelegt' }];
  const openOf = (record: Readonly<Record<string, { open?: boolean; done?: boolean; active?: boolean }>>, isOpen: (entry: { open?: boolean; done?: boolean }) => boolean) => {
    const entries = Object.values(record);
    return `${entries.filter(isOpen).length} offen von ${entries.length}`;
  };
  const consents = Object.entries(state.consents).map(([key, consent]) => `${key}: ${consent.active ? 'wirksam' : 'widerrufen'}`);
  const status = state.legalStatus?.status;
  return [
    { label: 'Phase', value: CASE_PHASE_LABELS[state.phase] },
    { label: 'Organisationseinheit', value: staff.units.get(state.organisationUnitId) ?? state.organisationUnitId },
    { label: 'Fallverantwortung', value: staff.users.get(state.caseManagerId) ?? state.caseManagerId },
    { label: 'Einwilligungen', value: consents.length === 0 ? 'keine' : consents.join('; ') },
    { label: 'Ziele', value: openOf(state.goals, (goal) => goal.open === true) },
    { label: 'Weiterleitungen', value: openOf(state.referrals, (referral) => referral.open === true) },
    { label: 'Wiedervorlagen', value: openOf(state.followUps, (followUp) => followUp.done === false) },
    {
      label: 'Aufenthaltsstatus',
      value: status
        ? `${RESIDENCE_CATEGORIES[status.category]} (${LEGAL_BASES[status.legalBasis].paragraph})${status.validUntil ? `, gültig bis ${germanDate(status.validUntil)}` : ''}`
        : 'nicht erfasst',
    },
    { label: 'Rechtskreis', value: state.jurisdiction ? JURISDICTIONS[state.jurisdiction].label : 'nicht erfasst' },
    { label: 'Abgeschlossen am', value: germanDate(state.closedOn) },
    { label: 'Personenbezogene Daten', value: state.erased ? 'gelöscht' : 'vorhanden (verschlüsselt)' },
  ];
}
