import type { CaseloadRow, OpenReferral } from '../../application/caseload/caseload-read-model.port';
import type { RecordedEvent } from '../../application/ports/event-store.port';
import { isSealedValue } from '../../application/ports/personal-data-vault.port';
import type { CaseEvent, CaseEventType, CaseOpened } from '../../domain/case/case.events';
import { PERMIT_EXPIRY_WARNING_DAYS } from '../../domain/residence-law/permit-validity.policy';
import type { LegalBasis, ResidenceCategory } from '../../domain/residence-law/residence-status.taxonomy';
import { addDays, type CalendarDate } from '../../domain/time/calendar-date.value';

/** The events that change a caseload row; a batch of only other events needs no row read. */
export const CASELOAD_EVENT_TYPES: ReadonlySet<string> = new Set<CaseEventType>([
  'CaseOpened',
  'CasePhaseChanged',
  'CaseClosed',
  'CaseReopened',
  'CaseReassigned',
  'LegalStatusChanged',
  'EntryCorrected',
  'JurisdictionChanged',
  'CounsellingSessionHeld',
  'FollowUpScheduled',
  'FollowUpDone',
  'ReferralMade',
  'ReferralOutcomeRecorded',
  'ClientDataErased',
]);

/**
 * Folds one event of the case's stream into its row; null while no CaseOpened was seen. Mirrors the domain's
 * `evolve` for what both track (phase, assignment, residence status, jurisdiction), so the caseload never
 * disagrees with what the deciders see.
 */
export function evolveCaseloadRow(row: CaseloadRow | null, recorded: RecordedEvent): CaseloadRow | null {
  const event = { type: recorded.type, data: recorded.data } as CaseEvent;
  if (row === null) return event.type === 'CaseOpened' ? opened(recorded.id, event.data) : null;
  switch (event.type) {
    case 'CasePhaseChanged':
      return { ...row, phase: event.data.to };
    case 'CaseClosed':
      return { ...row, phase: 'closed', closedOn: event.data.closedOn };
    case 'CaseReopened':
      return { ...row, phase: 'assessment', closedOn: null };
    case 'CaseReassigned':
      return { ...row, caseManagerId: event.data.to.caseManagerId, organisationUnitId: event.data.to.organisationUnitId };
    case 'LegalStatusChanged':
      return withStatus(row, event.data.status);
    case 'EntryCorrected':
      return event.data.correctedLegalStatus === null ? row : withStatus(row, event.data.correctedLegalStatus.status);
    case 'JurisdictionChanged':
      return { ...row, jurisdiction: event.data.to };
    case 'CounsellingSessionHeld':
      // Sessions may be recorded after later ones: the last contact is the latest date, not the latest entry.
      return row.lastContactOn !== null && row.lastContactOn >= event.data.heldOn ? row : { ...row, lastContactOn: event.data.heldOn };
    case 'FollowUpScheduled': {
      const rest = row.openFollowUps.filter((f) => f.followUpId !== event.data.followUpId);
      return { ...row, openFollowUps: sortedBy([...rest, { followUpId: event.data.followUpId, dueOn: event.data.dueOn }], 'dueOn', 'followUpId') };
    }
    case 'FollowUpDone':
      return { ...row, openFollowUps: row.openFollowUps.filter((f) => f.followUpId !== event.data.followUpId) };
    case 'ReferralMade': {
      const referral: OpenReferral = {
        referralId: event.data.referralId,
        institutionType: event.data.institution.type,
        institutionName: event.data.institution.name,
        referredOn: event.data.referredOn,
      };
      const rest = row.openReferrals.filter((r) => r.referralId !== referral.referralId);
      return { ...row, openReferrals: sortedBy([...rest, referral], 'referredOn', 'referralId') };
    }
    case 'ReferralOutcomeRecorded':
      return { ...row, openReferrals: row.openReferrals.filter((r) => r.referralId !== event.data.referralId) };
    case 'ClientDataErased':
      return erased(row);
    default:
      return row;
  }
}

/** Crypto-shredding made the ciphertext useless; the read model drops it too, so no copy outlives the key. */
export function erased(row: CaseloadRow): CaseloadRow {
  return { ...row, clientPersonal: null, clientDataErased: true };
}

/** The earliest due date of an open follow-up; none for a closed case, which takes no more work. */
export function nextFollowUpOn(row: CaseloadRow): CalendarDate | null {
  return row.phase === 'closed' || row.openFollowUps.length === 0 ? null : row.openFollowUps[0].dueOn;
}

/**
 * The first day the case is urgent: the day after its next follow-up was due (it is overdue from then), or the
 * day its permit enters the expiry warning window, whichever comes first. Stored, so "urgent first" is an index
 * order rather than a computation over every row: a case is urgent on `today` exactly when this is <= today.
 */
export function urgentFrom(row: CaseloadRow): CalendarDate | null {
  if (row.phase === 'closed') return null;
  const next = nextFollowUpOn(row);
  const candidates = [
    next === null ? null : addDays(next, 1),
    row.permitValidUntil === null ? null : addDays(row.permitValidUntil, -PERMIT_EXPIRY_WARNING_DAYS),
  ].filter((date): date is CalendarDate => date !== null);
  return candidates.length === 0 ? null : candidates.reduce((a, b) => (a <= b ? a : b));
}

function opened(eventId: string, data: CaseOpened['data']): CaseloadRow {
  const personal: unknown = data.client.personal;
  return {
    caseId: data.caseId,
    clientId: data.clientId,
    organisationUnitId: data.organisationUnitId,
    districtId: data.districtId,
    caseManagerId: data.caseManagerId,
    phase: 'intake',
    // Anything but ciphertext (an event written around the command path) is left out rather than copied.
    clientPersonal: isSealedValue(personal) ? { eventId, sealed: personal } : null,
    clientDataErased: false,
    residenceCategory: null,
    legalBasis: null,
    permitValidUntil: null,
    jurisdiction: null,
    openedOn: data.openedOn,
    closedOn: null,
    lastContactOn: null,
    openFollowUps: [],
    openReferrals: [],
  };
}

function withStatus(row: CaseloadRow, status: { category: ResidenceCategory; legalBasis: LegalBasis; validUntil: CalendarDate | null }): CaseloadRow {
  return { ...row, residenceCategory: status.category, legalBasis: status.legalBasis, permitValidUntil: status.validUntil };
}

function sortedBy<T, K extends keyof T>(items: T[], first: K, second: K): T[] {
  return items.sort((a, b) => compare(a[first], b[first]) || compare(a[second], b[second]));
}

function compare(a: unknown, b: unknown): number {
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}
