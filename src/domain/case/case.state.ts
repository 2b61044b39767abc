import type { Jurisdiction } from '../residence-law/benefit-jurisdiction.vocabulary';
import type { CalendarDate } from '../time/calendar-date.value';
import type { CaseEvent, LegalStatusRecord } from './case.events';
import type { CasePhase } from './case.phase';
import { consentKey, type ConsentKey } from './consent-scope.value';

/**
 * What decisions need to know about a case, folded from its events. Nothing personal: no names, no notes, so
 * the state can be rebuilt from encrypted events without their keys, and after erasure.
 */
export interface ConsentState {
  readonly givenOn: CalendarDate;
  readonly active: boolean;
}

export interface GoalState {
  readonly agreedOn: CalendarDate;
  readonly open: boolean;
}

export interface ReferralState {
  readonly referredOn: CalendarDate;
  readonly open: boolean;
}

export interface FollowUpState {
  readonly dueOn: CalendarDate;
  readonly done: boolean;
}

export interface OpenedCaseState {
  readonly opened: true;
  readonly caseId: string;
  readonly clientId: string;
  readonly organisationUnitId: string;
  readonly districtId: string;
  readonly caseManagerId: string;
  readonly openedOn: CalendarDate;
  readonly phase: CasePhase;
  /** The current closure's date; null while the case is open. */
  readonly closedOn: CalendarDate | null;
  readonly lastReopenedOn: CalendarDate | null;
  readonly erased: boolean;
  readonly consents: Readonly<Record<ConsentKey, ConsentState>>;
  readonly goals: Readonly<Record<string, GoalState>>;
  readonly referrals: Readonly<Record<string, ReferralState>>;
  readonly followUps: Readonly<Record<string, FollowUpState>>;
  readonly legalStatus: LegalStatusRecord | null;
  readonly naturalised: boolean;
  readonly jurisdiction: Jurisdiction | null;
}

export type CaseState = { readonly opened: false } | OpenedCaseState;

export function initialState(): CaseState {
  return { opened: false };
}

/** Own entries only: an id such as "constructor" must not find something on Object.prototype. */
export function entryOf<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

export function isClosed(state: OpenedCaseState): boolean {
  return state.phase === 'closed';
}

export type CaseManagementConsent = 'never_given' | 'given' | 'withdrawn';

export function caseManagementConsent(state: OpenedCaseState): CaseManagementConsent {
  const consent = entryOf(state.consents, consentKey('case_management', null));
  if (consent === undefined) return 'never_given';
  return consent.active ? 'given' : 'withdrawn';
}

/**
 * Folds one event into the state. Total: an event that cannot apply (anything before `CaseOpened`, a second
 * `CaseOpened`) leaves the state as it is, so a replay never fails half-way; the decider is what keeps such
 * events out of a stream.
 */
export function evolve(state: CaseState, event: CaseEvent): CaseState {
  if (!state.opened) return event.type === 'CaseOpened' ? opened(event.data) : state;
  switch (event.type) {
    case 'CaseOpened':
      return state;
    case 'ConsentRecorded': {
      const key = consentKey(event.data.purpose, event.data.recipient);
      return { ...state, consents: { ...state.consents, [key]: { givenOn: event.data.givenOn, active: true } } };
    }
    case 'ConsentWithdrawn': {
      const key = consentKey(event.data.purpose, event.data.recipient);
      const previous = entryOf(state.consents, key);
      if (previous === undefined) return state;
      return { ...state, consents: { ...state.consents, [key]: { ...previous, active: false } } };
    }
    case 'GoalAgreed':
      return { ...state, goals: { ...state.goals, [event.data.goalId]: { agreedOn: event.data.agreedOn, open: true } } };
    case 'GoalClosed': {
      const goal = entryOf(state.goals, event.data.goalId);
      if (goal === undefined) return state;
      return { ...state, goals: { ...state.goals, [event.data.goalId]: { ...goal, open: false } } };
    }
    case 'ReferralMade':
      return {
        ...state,
        referrals: { ...state.referrals, [event.data.referralId]: { referredOn: event.data.referredOn, open: true } },
      };
    case 'ReferralOutcomeRecorded': {
      const referral = entryOf(state.referrals, event.data.referralId);
      if (referral === undefined) return state;
      return { ...state, referrals: { ...state.referrals, [event.data.referralId]: { ...referral, open: false } } };
    }
    case 'FollowUpScheduled':
      return { ...state, followUps: { ...state.followUps, [event.data.followUpId]: { dueOn: event.data.dueOn, done: false } } };
    case 'FollowUpDone': {
      const followUp = entryOf(state.followUps, event.data.followUpId);
      if (followUp === undefined) return state;
      return { ...state, followUps: { ...state.followUps, [event.data.followUpId]: { ...followUp, done: true } } };
    }
    case 'LegalStatusChanged':
      return withLegalStatus(state, event.data);
    case 'EntryCorrected':
      return event.data.correctedLegalStatus === null ? state : withLegalStatus(state, event.data.correctedLegalStatus);
    case 'JurisdictionChanged':
      return { ...state, jurisdiction: event.data.to };
    case 'CaseReassigned':
      return { ...state, caseManagerId: event.data.to.caseManagerId, organisationUnitId: event.data.to.organisationUnitId };
    case 'CasePhaseChanged':
      return { ...state, phase: event.data.to };
    case 'CaseClosed':
      return { ...state, phase: 'closed', closedOn: event.data.closedOn };
    case 'CaseReopened':
      return { ...state, phase: 'assessment', closedOn: null, lastReopenedOn: event.data.reopenedOn };
    case 'ClientDataErased':
      return { ...state, erased: true };
    case 'NeedsAssessed':
    case 'GoalReviewed':
    case 'CounsellingSessionHeld':
    case 'ServiceGapReported':
      return state;
    default:
      return assertNever(event);
  }
}

function opened(data: Extract<CaseEvent, { type: 'CaseOpened' }>['data']): OpenedCaseState {
  return {
    opened: true,
    caseId: data.caseId,
    clientId: data.clientId,
    organisationUnitId: data.organisationUnitId,
    districtId: data.districtId,
    caseManagerId: data.caseManagerId,
    openedOn: data.openedOn,
    phase: 'intake',
    closedOn: null,
    lastReopenedOn: null,
    erased: false,
    consents: {},
    goals: {},
    referrals: {},
    followUps: {},
    legalStatus: null,
    naturalised: false,
    jurisdiction: null,
  };
}

function withLegalStatus(state: OpenedCaseState, record: LegalStatusRecord): OpenedCaseState {
  return { ...state, legalStatus: { ...record, status: { ...record.status } }, naturalised: record.status.category === 'german_citizen' };
}

function assertNever(value: never): never {
  throw new TypeError(`Unhandled case event: ${JSON.stringify((value as { type?: unknown }).type)}`);
}
