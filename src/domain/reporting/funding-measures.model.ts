import {
  CLOSURE_REASONS,
  GENDERS,
  INSTITUTION_TYPES,
  LIFE_AREAS,
  SESSION_FORMATS,
  type Gender,
  type InstitutionType,
  type LifeArea,
  type RecordedClosureReason,
  type SessionFormat,
} from '../case/case.vocabulary';
import { JURISDICTION_CODES, type Jurisdiction } from '../residence-law/benefit-jurisdiction.vocabulary';
import { RESIDENCE_CATEGORY_CODES, type ResidenceCategory } from '../residence-law/residence-status.taxonomy';
import {
  AGE_BANDS,
  GOAL_MEASURES,
  NEED_CHANGES,
  NOT_RECORDED,
  REFERRAL_STATUSES,
  SERVICE_GAP_MEASURES,
  type AgeBand,
  type GoalMeasure,
  type NeedChange,
  type ReferralStatus,
  type ServiceGapMeasure,
} from './funding-report.vocabulary';
import { RESIDENCE_CHANGE_TARGETS, type ResidenceChangeTarget } from './residence-change.classifier';

/**
 * The raw figures of a funding report, before tables, totals and suppression: exact counts that never leave
 * the system as they are. Two ways produce them (the pure fold over facts, and the projection's queries);
 * both must agree to the last count.
 */
export type Counts<K extends string> = Record<K, number>;
export type Matrix<R extends string, C extends string> = Record<R, Counts<C>>;

export type Recorded<K extends string> = K | typeof NOT_RECORDED;

/** Figures about the cases and people served, folded from case timelines. */
export interface TimelineMeasures {
  caseload: {
    activeAtEnd: number;
    intakes: number;
    reopenings: number;
    closuresByReason: Counts<RecordedClosureReason>;
    /** Distinct case managers holding an active case at the end of the period. */
    caseManagers: number;
  };
  people: {
    clients: number;
    byGender: Counts<Gender>;
    byAgeBand: Counts<AgeBand>;
    /** ISO country code, or `unknown`; only countries that occur. */
    byCountry: Record<string, number>;
    residenceAtIntake: Counts<Recorded<ResidenceCategory>>;
    residenceAtEnd: Counts<Recorded<ResidenceCategory>>;
    jurisdictionAtEnd: Counts<Recorded<Jurisdiction>>;
  };
  residenceChanges: Counts<ResidenceChangeTarget>;
  needChanges: Matrix<LifeArea, NeedChange>;
}

/** Figures about what happened in the period, counted from facts dated in it. */
export interface OccurrenceMeasures {
  activity: {
    sessionsByFormat: Counts<SessionFormat>;
    minutesByFormat: Counts<SessionFormat>;
    sessionsWithInterpreter: number;
    /** Per person, the most household members present at one session; summed over people. */
    householdMembersReached: number;
  };
  referrals: Matrix<InstitutionType, ReferralStatus>;
  jurisdictionChanges: Matrix<Jurisdiction, Jurisdiction>;
  goals: Matrix<LifeArea, GoalMeasure>;
  serviceGaps: Matrix<LifeArea, ServiceGapMeasure>;
}

export type FundingMeasures = TimelineMeasures & OccurrenceMeasures;

export const CLOSURE_REASON_ROWS: readonly RecordedClosureReason[] = [...CLOSURE_REASONS, 'client_data_erased'];
export const RESIDENCE_ROWS: readonly Recorded<ResidenceCategory>[] = [...RESIDENCE_CATEGORY_CODES, NOT_RECORDED];
export const JURISDICTION_ROWS: readonly Recorded<Jurisdiction>[] = [...JURISDICTION_CODES, NOT_RECORDED];

export function zeroCounts<K extends string>(keys: readonly K[]): Counts<K> {
  return Object.fromEntries(keys.map((key) => [key, 0])) as Counts<K>;
}

export function zeroMatrix<R extends string, C extends string>(rows: readonly R[], columns: readonly C[]): Matrix<R, C> {
  return Object.fromEntries(rows.map((row) => [row, zeroCounts(columns)])) as Matrix<R, C>;
}

export function emptyTimelineMeasures(): TimelineMeasures {
  return {
    caseload: { activeAtEnd: 0, intakes: 0, reopenings: 0, closuresByReason: zeroCounts(CLOSURE_REASON_ROWS), caseManagers: 0 },
    people: {
      clients: 0,
      byGender: zeroCounts(GENDERS),
      byAgeBand: zeroCounts(AGE_BANDS),
      byCountry: {},
      residenceAtIntake: zeroCounts(RESIDENCE_ROWS),
      residenceAtEnd: zeroCounts(RESIDENCE_ROWS),
      jurisdictionAtEnd: zeroCounts(JURISDICTION_ROWS),
    },
    residenceChanges: zeroCounts(RESIDENCE_CHANGE_TARGETS),
    needChanges: zeroMatrix(LIFE_AREAS, NEED_CHANGES),
  };
}

export function emptyOccurrenceMeasures(): OccurrenceMeasures {
  return {
    activity: { sessionsByFormat: zeroCounts(SESSION_FORMATS), minutesByFormat: zeroCounts(SESSION_FORMATS), sessionsWithInterpreter: 0, householdMembersReached: 0 },
    referrals: zeroMatrix(INSTITUTION_TYPES, REFERRAL_STATUSES),
    jurisdictionChanges: zeroMatrix(JURISDICTION_CODES, JURISDICTION_CODES),
    goals: zeroMatrix(LIFE_AREAS, GOAL_MEASURES),
    serviceGaps: zeroMatrix(LIFE_AREAS, SERVICE_GAP_MEASURES),
  };
}

/** Which cases and facts a report covers: a district, or one organisation unit in it. */
export interface ReportScope {
  districtId: string;
  organisationUnitId: string | null;
}

export function isInScope(scope: ReportScope, districtId: string, organisationUnitId: string): boolean {
  return districtId === scope.districtId && (scope.organisationUnitId === null || organisationUnitId === scope.organisationUnitId);
}
