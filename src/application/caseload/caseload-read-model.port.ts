import type { SealedValue } from '../ports/personal-data-vault.port';
import type { CasePhase } from '../../domain/case/case.phase';
import type { InstitutionType } from '../../domain/case/case.vocabulary';
import type { Jurisdiction } from '../../domain/residence-law/benefit-jurisdiction.vocabulary';
import type { LegalBasis, ResidenceCategory } from '../../domain/residence-law/residence-status.taxonomy';
import type { CalendarDate } from '../../domain/time/calendar-date.value';

/**
 * One case as a caseload lists it. Nothing here is plaintext personal data: the client's identity stays the
 * ciphertext CaseOpened stored (with the id of that event, which the ciphertext is bound to), so the read model
 * needs no keys and an erasure leaves nothing readable behind.
 */
export interface CaseloadRow {
  caseId: string;
  clientId: string;
  organisationUnitId: string;
  districtId: string;
  caseManagerId: string;
  phase: CasePhase;
  /** `client.personal` of CaseOpened as stored: sealed as a whole, so the name cannot be split off without the key. */
  clientPersonal: SealedClientPersonal | null;
  clientDataErased: boolean;
  residenceCategory: ResidenceCategory | null;
  legalBasis: LegalBasis | null;
  permitValidUntil: CalendarDate | null;
  jurisdiction: Jurisdiction | null;
  openedOn: CalendarDate;
  closedOn: CalendarDate | null;
  lastContactOn: CalendarDate | null;
  /** Ordered by due date, then id. */
  openFollowUps: OpenFollowUp[];
  /** Ordered by referral date, then id. */
  openReferrals: OpenReferral[];
}

export interface SealedClientPersonal {
  eventId: string;
  sealed: SealedValue;
}

export interface OpenFollowUp {
  followUpId: string;
  dueOn: CalendarDate;
}

export interface OpenReferral {
  referralId: string;
  institutionType: InstitutionType;
  institutionName: string;
  referredOn: CalendarDate;
}

export const CASELOAD_SORTS = ['urgency', 'openedOn', '-openedOn', 'lastContactOn', '-lastContactOn'] as const;
/** `-` descending. `lastContactOn` ascending puts the cases without any contact first: they waited longest. */
export type CaseloadSort = (typeof CASELOAD_SORTS)[number];

export const CASELOAD_STATUSES = ['open', 'closed', 'all'] as const;
export type CaseloadStatus = (typeof CASELOAD_STATUSES)[number];

/** What to list: the reader's scope already applied, every filter explicit, "today" fixed by the caller. */
export interface CaseloadCriteria {
  districtId: string;
  /** null: the whole district. */
  organisationUnitId: string | null;
  caseManagerId: string | null;
  phase: CasePhase | null;
  status: CaseloadStatus;
  residenceCategory: ResidenceCategory | null;
  jurisdiction: Jurisdiction | null;
  /** Only open cases with a follow-up due before `today`. */
  overdueOnly: boolean;
  /** Only open cases whose permit has expired or expires on or before `permitWarningUntil`. */
  expiringPermitsOnly: boolean;
  today: CalendarDate;
  permitWarningUntil: CalendarDate;
  sort: CaseloadSort;
  limit: number;
  offset: number;
}

export interface CaseloadPage {
  /** All cases matching the criteria, not only this page's. */
  total: number;
  rows: CaseloadRow[];
}

export interface CaseloadReadModel {
  find(criteria: CaseloadCriteria): Promise<CaseloadPage>;
}

export const CASELOAD_READ_MODEL = Symbol('CaseloadReadModel');

/** The projection that feeds it, for waiting on a checkpoint. */
export const CASELOAD_PROJECTION = 'caseload';
