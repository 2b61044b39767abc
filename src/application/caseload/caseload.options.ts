/** Settings of the caseload query an installation may change. */
export interface CaseloadOptions {
  /** Open referrals older than this many days are flagged (case-model.md: "older than a set period"). */
  oldReferralAfterDays: number;
}

export const DEFAULT_CASELOAD_OPTIONS: CaseloadOptions = { oldReferralAfterDays: 30 };

export const CASELOAD_OPTIONS = Symbol('CaseloadOptions');
