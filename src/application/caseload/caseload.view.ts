import { CASE_PHASE_LABELS, type CasePhase } from '../../domain/case/case.phase';
import { INSTITUTION_TYPE_LABELS, type InstitutionType } from '../../domain/case/case.vocabulary';
import { JURISDICTIONS, type Jurisdiction } from '../../domain/residence-law/benefit-jurisdiction.vocabulary';
import { permitValidity } from '../../domain/residence-law/permit-validity.policy';
import { LEGAL_BASES, RESIDENCE_CATEGORIES, type LegalBasis, type ResidenceCategory } from '../../domain/residence-law/residence-status.taxonomy';
import { type CalendarDate, epochDayOf } from '../../domain/time/calendar-date.value';
import type { CaseloadRow } from './caseload-read-model.port';

/** A code as stored, with its German label for the interface. */
export interface Coded<T extends string = string> {
  code: T;
  label: string;
}

export interface LegalBasisView extends Coded<LegalBasis> {
  paragraph: string;
}

/** What the reader may see of the client: the name in plain text, or nothing; "gelöscht" after erasure. */
export interface ClientNameView {
  displayName: string | null;
  erased: boolean;
}

export const ERASED_NAME = 'gelöscht';

export type PermitExpiry = 'expiring_soon' | 'expired';

export interface CaseloadItem {
  caseId: string;
  organisationUnitId: string;
  districtId: string;
  caseManagerId: string;
  phase: Coded<CasePhase>;
  client: ClientNameView;
  residence: {
    category: Coded<ResidenceCategory> | null;
    legalBasis: LegalBasisView | null;
    validUntil: CalendarDate | null;
    /** Set for an open case whose permit has expired or expires within the warning period. */
    permitExpiry: PermitExpiry | null;
    jurisdiction: Coded<Jurisdiction> | null;
  };
  openedOn: CalendarDate;
  closedOn: CalendarDate | null;
  lastContactOn: CalendarDate | null;
  followUps: { nextDueOn: CalendarDate | null; overdueCount: number };
  openReferrals: Array<{
    referralId: string;
    institution: { type: Coded<InstitutionType>; name: string };
    referredOn: CalendarDate;
    ageDays: number;
    /** Open for longer than the configured period: time to ask what became of it. */
    old: boolean;
  }>;
  /** An overdue follow-up or a permit that has expired or expires soon: the case needs attention now. */
  urgent: boolean;
}

export interface CaseloadItemOptions {
  today: CalendarDate;
  oldReferralAfterDays: number;
}

/** A caseload row as the reader sees it on `today`: everything that depends on the date is computed here. */
export function caseloadItem(row: CaseloadRow, client: ClientNameView, { today, oldReferralAfterDays }: CaseloadItemOptions): CaseloadItem {
  const open = row.phase !== 'closed';
  const overdueCount = open ? row.openFollowUps.filter((followUp) => followUp.dueOn < today).length : 0;
  const permitExpiry = open ? expiryOf(row.permitValidUntil, today) : null;
  return {
    caseId: row.caseId,
    organisationUnitId: row.organisationUnitId,
    districtId: row.districtId,
    caseManagerId: row.caseManagerId,
    phase: { code: row.phase, label: CASE_PHASE_LABELS[row.phase] },
    client,
    residence: {
      category: row.residenceCategory === null ? null : { code: row.residenceCategory, label: RESIDENCE_CATEGORIES[row.residenceCategory] },
      legalBasis: row.legalBasis === null ? null : legalBasisView(row.legalBasis),
      validUntil: row.permitValidUntil,
      permitExpiry,
      jurisdiction: row.jurisdiction === null ? null : { code: row.jurisdiction, label: JURISDICTIONS[row.jurisdiction].label },
    },
    openedOn: row.openedOn,
    closedOn: row.closedOn,
    lastContactOn: row.lastContactOn,
    followUps: { nextDueOn: open ? (row.openFollowUps[0]?.dueOn ?? null) : null, overdueCount },
    openReferrals: row.openReferrals.map((referral) => {
      const ageDays = epochDayOf(today) - epochDayOf(referral.referredOn);
      return {
        referralId: referral.referralId,
        institution: { type: { code: referral.institutionType, label: INSTITUTION_TYPE_LABELS[referral.institutionType] }, name: referral.institutionName },
        referredOn: referral.referredOn,
        ageDays,
        old: ageDays > oldReferralAfterDays,
      };
    }),
    urgent: overdueCount > 0 || permitExpiry !== null,
  };
}

export function legalBasisView(code: LegalBasis): LegalBasisView {
  return { code, label: LEGAL_BASES[code].label, paragraph: LEGAL_BASES[code].paragraph };
}

function expiryOf(validUntil: CalendarDate | null, today: CalendarDate): PermitExpiry | null {
  const validity = permitValidity({ validFrom: null, validUntil }, today);
  return validity === 'expiring_soon' || validity === 'expired' ? validity : null;
}
