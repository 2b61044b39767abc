import type { Jurisdiction } from '../residence-law/benefit-jurisdiction.vocabulary';
import type { CalendarDate } from '../time/calendar-date.value';
import type { Instant } from '../time/instant.value';
import type { Actor } from './access.policy';
import type { Assignment, CaseEventType, ClientPersonalData, ClientProfile, Institution, LegalStatusRecord } from './case.events';
import type { WorkingPhase } from './case.phase';
import type {
  ClosureReason,
  ConsentPurpose,
  EntryCriterion,
  ErasureLegalBasis,
  GoalOutcome,
  GoalProgress,
  IntakeChannel,
  LifeArea,
  NeedLevel,
  ReferralOutcome,
  SessionFormat,
} from './case.vocabulary';

/** Who, when and why. The domain has no clock: `now` is the caller's, and dates are checked against it. */
export interface CommandMetadata {
  now: Instant;
  actor: Actor;
  /** Required for corrections, reassignment, closure and erasure; recorded where the event has a reason. */
  reason?: string;
}

interface Command<Type extends string, Data> {
  type: Type;
  data: Data;
  metadata: CommandMetadata;
}

/** Every command names the case it is for; the handler loads that stream. */
interface OnCase {
  caseId: string;
}

export type OpenCase = Command<
  'OpenCase',
  OnCase & {
    clientId: string;
    organisationUnitId: string;
    districtId: string;
    caseManagerId: string;
    openedOn: CalendarDate;
    channel: IntakeChannel;
    referredBy?: Institution | null;
    entryCriteria: EntryCriterion[];
    client: { personal: ClientPersonalData; profile: ClientProfile };
  }
>;

export type RecordConsent = Command<
  'RecordConsent',
  OnCase & { purpose: ConsentPurpose; recipient?: Institution | null; formVersion: string; language: string; givenOn: CalendarDate }
>;

export type WithdrawConsent = Command<
  'WithdrawConsent',
  OnCase & { purpose: ConsentPurpose; recipient?: Institution | null; withdrawnOn: CalendarDate }
>;

export type AssessNeeds = Command<
  'AssessNeeds',
  OnCase & { assessedOn: CalendarDate; needs: { lifeArea: LifeArea; level: NeedLevel; note?: string | null }[] }
>;

export type AgreeGoal = Command<
  'AgreeGoal',
  OnCase & { goalId: string; lifeArea: LifeArea; text: string; targetOn?: CalendarDate | null; agreedOn: CalendarDate }
>;

export type ReviewGoal = Command<
  'ReviewGoal',
  OnCase & { goalId: string; reviewedOn: CalendarDate; progress: GoalProgress; revisedTargetOn?: CalendarDate | null; note?: string | null }
>;

export type CloseGoal = Command<
  'CloseGoal',
  OnCase & { goalId: string; outcome: GoalOutcome; closedOn: CalendarDate; note?: string | null }
>;

export type RecordCounsellingSession = Command<
  'RecordCounsellingSession',
  OnCase & {
    heldOn: CalendarDate;
    durationMinutes: number;
    format: SessionFormat;
    lifeAreas: LifeArea[];
    interpreterLanguage?: string | null;
    householdMembersPresent?: number;
    note?: string | null;
  }
>;

export type MakeReferral = Command<
  'MakeReferral',
  OnCase & {
    referralId: string;
    institution: Institution;
    lifeArea: LifeArea;
    reason?: string | null;
    sharesData: boolean;
    referredOn: CalendarDate;
  }
>;

export type RecordReferralOutcome = Command<
  'RecordReferralOutcome',
  OnCase & { referralId: string; outcome: ReferralOutcome; outcomeOn: CalendarDate }
>;

export type ChangeLegalStatus = Command<'ChangeLegalStatus', OnCase & LegalStatusRecord>;

export type ChangeJurisdiction = Command<'ChangeJurisdiction', OnCase & { to: Jurisdiction; effectiveOn: CalendarDate }>;

export type ScheduleFollowUp = Command<'ScheduleFollowUp', OnCase & { followUpId: string; dueOn: CalendarDate; note?: string | null }>;

export type CompleteFollowUp = Command<'CompleteFollowUp', OnCase & { followUpId: string; doneOn: CalendarDate; note?: string | null }>;

export type ReportServiceGap = Command<
  'ReportServiceGap',
  OnCase & { lifeArea: LifeArea; description: string; region?: string | null; clientsAffected: number }
>;

export type ReassignCase = Command<'ReassignCase', OnCase & { to: Assignment }>;

export type CloseCase = Command<'CloseCase', OnCase & { closureReason: ClosureReason; closedOn: CalendarDate; summary?: string | null }>;

export type ReopenCase = Command<'ReopenCase', OnCase & { reopenedOn: CalendarDate }>;

/** `metadata.reason` says what was wrong; `correction` what is right. */
export type CorrectEntry = Command<
  'CorrectEntry',
  OnCase & {
    correctedEventId: string;
    correctedEventType: CaseEventType;
    correction: string;
    correctedLegalStatus?: LegalStatusRecord | null;
  }
>;

export type EraseClientData = Command<
  'EraseClientData',
  OnCase & { clientId: string; legalBasis: ErasureLegalBasis; decidedBy: string }
>;

/** The case manager's explicit move between working phases (closing and reopening have their own commands). */
export type ChangePhase = Command<'ChangePhase', OnCase & { to: WorkingPhase }>;

export type CaseCommand =
  | OpenCase
  | RecordConsent
  | WithdrawConsent
  | AssessNeeds
  | AgreeGoal
  | ReviewGoal
  | CloseGoal
  | RecordCounsellingSession
  | MakeReferral
  | RecordReferralOutcome
  | ChangeLegalStatus
  | ChangeJurisdiction
  | ScheduleFollowUp
  | CompleteFollowUp
  | ReportServiceGap
  | ReassignCase
  | CloseCase
  | ReopenCase
  | CorrectEntry
  | EraseClientData
  | ChangePhase;

export type CaseCommandType = CaseCommand['type'];
export type CaseCommandOfType<T extends CaseCommandType> = Extract<CaseCommand, { type: T }>;
