import type { CaseEventType } from '../case/case.events';
import type {
  Gender,
  GoalOutcome,
  InstitutionType,
  LifeArea,
  NeedLevel,
  RecordedClosureReason,
  ReferralOutcome,
  SessionFormat,
} from '../case/case.vocabulary';
import type { Jurisdiction } from '../residence-law/benefit-jurisdiction.vocabulary';
import type { LegalBasis, ResidenceCategory } from '../residence-law/residence-status.taxonomy';
import type { CalendarDate } from '../time/calendar-date.value';

/**
 * What the funding report needs of one case event: codes, dates and numbers, never a name, a note or any
 * other free text (no institution names, no regions). Ids of the case, client, goal and referral are kept only
 * to join facts of one case; no report output contains them.
 */
export interface ReportFactEnvelope {
  caseId: string;
  /** Pseudonymous; counts distinct people across their cases. */
  clientId: string;
  /** The event's revision in its case stream: the order of the case's facts. */
  revision: number;
  /**
   * Epoch ms; never before the recording time of an earlier fact of the same case (clocks of two servers may
   * disagree), so "recorded before a cut-off" always selects a prefix of each case's history.
   */
  recordedAt: number;
  /** Epoch ms: when the fact happened according to the envelope. */
  occurredAt: number;
  districtId: string;
  /** The case's organisation unit when the event was recorded (after it, for a reassignment). */
  organisationUnitId: string;
  /** The business date that places the fact in a period. */
  on: CalendarDate;
}

/** Coarse attributes only: birth year, gender, country of origin. */
export interface ReportProfile {
  birthYear: number | null;
  gender: Gender;
  countryOfOrigin: string | null;
}

export interface ReportedStatus {
  category: ResidenceCategory;
  legalBasis: LegalBasis;
  effectiveOn: CalendarDate;
}

export type ReportFactData =
  | { kind: 'opened'; caseManagerId: string; profile: ReportProfile }
  | { kind: 'reassigned'; caseManagerId: string }
  | { kind: 'closed'; reason: RecordedClosureReason }
  | { kind: 'reopened' }
  /** `on` is the date the status took effect. `eventId` lets a later correction name it. */
  | { kind: 'legal_status'; eventId: string; category: ResidenceCategory; legalBasis: LegalBasis }
  /** `on` is the day the correction was made. */
  | { kind: 'corrected'; correctedEventId: string; correctedEventType: CaseEventType; legalStatus: ReportedStatus | null }
  | { kind: 'jurisdiction'; from: Jurisdiction | null; to: Jurisdiction }
  | { kind: 'needs_assessed'; needs: ReadonlyArray<readonly [LifeArea, NeedLevel]> }
  | { kind: 'session'; minutes: number; format: SessionFormat; withInterpreter: boolean; householdMembers: number }
  | { kind: 'referral'; referralId: string; institutionType: InstitutionType }
  | { kind: 'referral_outcome'; referralId: string; outcome: ReferralOutcome }
  | { kind: 'goal_agreed'; goalId: string; lifeArea: LifeArea }
  | { kind: 'goal_closed'; goalId: string; lifeArea: LifeArea; outcome: GoalOutcome }
  | { kind: 'service_gap'; lifeArea: LifeArea; clientsAffected: number };

export type ReportFact = ReportFactEnvelope & ReportFactData;
export type ReportFactKind = ReportFactData['kind'];

/** Facts that shape a case's timeline (lifecycle, assignment, status, jurisdiction, assessments). */
export const TIMELINE_FACT_KINDS = [
  'opened',
  'reassigned',
  'closed',
  'reopened',
  'legal_status',
  'corrected',
  'jurisdiction',
  'needs_assessed',
] as const satisfies readonly ReportFactKind[];

export function isTimelineFact(fact: ReportFact): boolean {
  return (TIMELINE_FACT_KINDS as readonly string[]).includes(fact.kind);
}
