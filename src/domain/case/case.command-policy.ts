import type { CaseCommandType } from './case.commands';

/** The rules every command on an existing case passes before its own, as one table to read and test. */
export interface CommandPolicy {
  /** A closed case takes only reopening, corrections and erasure. */
  readonly allowedWhenClosed: boolean;
  /**
   * Needs active consent to case management. Exempt: consent itself, and what a case must allow without it:
   * closing (the client may refuse), reassignment, accuracy (corrections) and erasure.
   */
  readonly needsConsent: boolean;
}

const WORK: CommandPolicy = { allowedWhenClosed: false, needsConsent: true };

export const COMMAND_POLICIES: Readonly<Record<Exclude<CaseCommandType, 'OpenCase'>, CommandPolicy>> = {
  RecordConsent: { allowedWhenClosed: false, needsConsent: false },
  WithdrawConsent: { allowedWhenClosed: false, needsConsent: false },
  AssessNeeds: WORK,
  AgreeGoal: WORK,
  ReviewGoal: WORK,
  CloseGoal: WORK,
  RecordCounsellingSession: WORK,
  MakeReferral: WORK,
  RecordReferralOutcome: WORK,
  ChangeLegalStatus: WORK,
  ChangeJurisdiction: WORK,
  ScheduleFollowUp: WORK,
  CompleteFollowUp: WORK,
  ReportServiceGap: WORK,
  ChangePhase: WORK,
  ReassignCase: { allowedWhenClosed: false, needsConsent: false },
  CloseCase: { allowedWhenClosed: false, needsConsent: false },
  ReopenCase: { allowedWhenClosed: true, needsConsent: false },
  CorrectEntry: { allowedWhenClosed: true, needsConsent: false },
  EraseClientData: { allowedWhenClosed: true, needsConsent: false },
};
