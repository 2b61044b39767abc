import type { Jurisdiction } from '../residence-law/benefit-jurisdiction.vocabulary';
import type { ResidenceStatus, StatusSource } from '../residence-law/residence-status.taxonomy';
import type { CalendarDate } from '../time/calendar-date.value';
import type { CasePhase, PhaseTrigger, WorkingPhase } from './case.phase';
import type {
  ConsentPurpose,
  EntryCriterion,
  ErasureLegalBasis,
  Gender,
  GoalOutcome,
  GoalProgress,
  InstitutionType,
  IntakeChannel,
  LifeArea,
  NeedLevel,
  RecordedClosureReason,
  ReferralOutcome,
  SessionFormat,
} from './case.vocabulary';

/**
 * The facts of a case, past tense. Data is plain JSON: dates as `YYYY-MM-DD` strings, absent values as null
 * (never undefined), so what is hashed and stored is exactly what is read back. Fields holding personal data
 * are listed in `personal-data.registry.ts` and stored encrypted; nothing here may need them to decide.
 * Who, when and the ids of the envelope are added by the application layer.
 */

/** Identifies the person; encrypted as a whole with the client's key. */
export interface ClientPersonalData {
  givenName: string;
  familyName: string;
  dateOfBirth: CalendarDate | null;
  contact: { phone: string | null; email: string | null };
  address: { street: string; postalCode: string; city: string } | null;
}

/** Pseudonymous attributes for reporting: coarse enough to be stored in plain text. */
export interface ClientProfile {
  birthYear: number | null;
  gender: Gender;
  /** ISO 3166-1 alpha-2, e.g. "SY". */
  countryOfOrigin: string | null;
  /** ISO 639 codes, e.g. ["ar", "de"]. */
  languages: string[];
  arrivalYearInGermany: number | null;
  arrivalYearInDistrict: number | null;
  householdSize: number | null;
}

/** An office or service; named, because consent to share data is given per named recipient. */
export interface Institution {
  type: InstitutionType;
  name: string;
}

export interface Assignment {
  caseManagerId: string;
  organisationUnitId: string;
}

export interface NeedRating {
  lifeArea: LifeArea;
  level: NeedLevel;
  note: string | null;
}

export interface LegalStatusRecord {
  status: ResidenceStatus;
  /** When the change took effect for the case; the document's own validity is in `status`. */
  effectiveOn: CalendarDate;
  source: StatusSource;
}

interface Event<Type extends string, Data> {
  type: Type;
  data: Data;
}

export type CaseOpened = Event<
  'CaseOpened',
  {
    caseId: string;
    /** Pseudonymous and stable across the person's cases; names the key that encrypts their data. */
    clientId: string;
    organisationUnitId: string;
    districtId: string;
    caseManagerId: string;
    openedOn: CalendarDate;
    channel: IntakeChannel;
    referredBy: Institution | null;
    entryCriteria: EntryCriterion[];
    client: { personal: ClientPersonalData; profile: ClientProfile };
  }
>;

export type ConsentRecorded = Event<
  'ConsentRecorded',
  {
    purpose: ConsentPurpose;
    /** Set exactly when `purpose` is data_sharing. */
    recipient: Institution | null;
    formVersion: string;
    /** The language of the form the client signed (ISO 639). */
    language: string;
    givenOn: CalendarDate;
  }
>;

export type ConsentWithdrawn = Event<
  'ConsentWithdrawn',
  { purpose: ConsentPurpose; recipient: Institution | null; withdrawnOn: CalendarDate }
>;

export type NeedsAssessed = Event<'NeedsAssessed', { assessedOn: CalendarDate; needs: NeedRating[] }>;

export type GoalAgreed = Event<
  'GoalAgreed',
  { goalId: string; lifeArea: LifeArea; text: string; targetOn: CalendarDate | null; agreedOn: CalendarDate }
>;

export type GoalReviewed = Event<
  'GoalReviewed',
  { goalId: string; reviewedOn: CalendarDate; progress: GoalProgress; revisedTargetOn: CalendarDate | null; note: string | null }
>;

export type GoalClosed = Event<'GoalClosed', { goalId: string; outcome: GoalOutcome; closedOn: CalendarDate; note: string | null }>;

export type CounsellingSessionHeld = Event<
  'CounsellingSessionHeld',
  {
    heldOn: CalendarDate;
    durationMinutes: number;
    format: SessionFormat;
    lifeAreas: LifeArea[];
    /** ISO 639 code of the interpreted language, null without interpreter. */
    interpreterLanguage: string | null;
    /** Besides the client. */
    householdMembersPresent: number;
    note: string | null;
  }
>;

export type ReferralMade = Event<
  'ReferralMade',
  {
    referralId: string;
    institution: Institution;
    lifeArea: LifeArea;
    reason: string | null;
    sharesData: boolean;
    referredOn: CalendarDate;
  }
>;

export type ReferralOutcomeRecorded = Event<
  'ReferralOutcomeRecorded',
  { referralId: string; outcome: ReferralOutcome; outcomeOn: CalendarDate }
>;

export type LegalStatusChanged = Event<'LegalStatusChanged', LegalStatusRecord>;

export type JurisdictionChanged = Event<
  'JurisdictionChanged',
  { from: Jurisdiction | null; to: Jurisdiction; effectiveOn: CalendarDate }
>;

export type FollowUpScheduled = Event<'FollowUpScheduled', { followUpId: string; dueOn: CalendarDate; note: string | null }>;

export type FollowUpDone = Event<'FollowUpDone', { followUpId: string; doneOn: CalendarDate; note: string | null }>;

export type ServiceGapReported = Event<
  'ServiceGapReported',
  { lifeArea: LifeArea; description: string; region: string | null; clientsAffected: number }
>;

export type CaseReassigned = Event<'CaseReassigned', { from: Assignment; to: Assignment; reason: string }>;

export type CaseClosed = Event<
  'CaseClosed',
  { closureReason: RecordedClosureReason; closedOn: CalendarDate; summary: string | null; reason: string }
>;

export type CaseReopened = Event<'CaseReopened', { reopenedOn: CalendarDate; reason: string | null }>;

export type EntryCorrected = Event<
  'EntryCorrected',
  {
    /** The envelope id of the event that was wrong; events are never edited. */
    correctedEventId: string;
    correctedEventType: CaseEventType;
    /** What was wrong. */
    reason: string;
    correction: string;
    /** When the wrong entry was a residence status: the status that applies instead. */
    correctedLegalStatus: LegalStatusRecord | null;
  }
>;

export type ClientDataErased = Event<
  'ClientDataErased',
  {
    clientId: string;
    legalBasis: ErasureLegalBasis;
    /** The user id of whoever decided the erasure (may differ from the actor carrying it out). */
    decidedBy: string;
    reason: string;
  }
>;

export type CasePhaseChanged = Event<
  'CasePhaseChanged',
  { from: CasePhase; to: WorkingPhase; trigger: PhaseTrigger; reason: string | null }
>;

export type CaseEvent =
  | CaseOpened
  | ConsentRecorded
  | ConsentWithdrawn
  | NeedsAssessed
  | GoalAgreed
  | GoalReviewed
  | GoalClosed
  | CounsellingSessionHeld
  | ReferralMade
  | ReferralOutcomeRecorded
  | LegalStatusChanged
  | JurisdictionChanged
  | FollowUpScheduled
  | FollowUpDone
  | ServiceGapReported
  | CaseReassigned
  | CaseClosed
  | CaseReopened
  | EntryCorrected
  | ClientDataErased
  | CasePhaseChanged;

export type CaseEventType = CaseEvent['type'];
export type CaseEventOfType<T extends CaseEventType> = Extract<CaseEvent, { type: T }>;

/** Bumped when an event's data changes shape; stored events keep theirs and are upcast on read. */
export const CASE_EVENT_SCHEMA_VERSIONS = {
  CaseOpened: 1,
  ConsentRecorded: 1,
  ConsentWithdrawn: 1,
  NeedsAssessed: 1,
  GoalAgreed: 1,
  GoalReviewed: 1,
  GoalClosed: 1,
  CounsellingSessionHeld: 1,
  ReferralMade: 1,
  ReferralOutcomeRecorded: 1,
  LegalStatusChanged: 1,
  JurisdictionChanged: 1,
  FollowUpScheduled: 1,
  FollowUpDone: 1,
  ServiceGapReported: 1,
  CaseReassigned: 1,
  CaseClosed: 1,
  CaseReopened: 1,
  EntryCorrected: 1,
  ClientDataErased: 1,
  CasePhaseChanged: 1,
} as const satisfies Record<CaseEventType, number>;

export const CASE_EVENT_TYPES = Object.keys(CASE_EVENT_SCHEMA_VERSIONS) as CaseEventType[];

export function isCaseEventType(value: unknown): value is CaseEventType {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(CASE_EVENT_SCHEMA_VERSIONS, value);
}
