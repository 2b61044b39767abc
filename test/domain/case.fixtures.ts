/**
 * Builders for case commands and events with valid defaults, for decider tests and for API tests that need a
 * case in a given state. Every personal value contains ` PII` (or is one of the listed values without it), so a
 * test can prove that none of it survives where it must not.
 */
import type { Actor } from '../../src/domain/case/access.policy';
import type * as C from '../../src/domain/case/case.commands';
import type * as E from '../../src/domain/case/case.events';
import { evolve, initialState, type CaseState } from '../../src/domain/case/case.state';

export const NOW = '2025-03-10T09:00:00Z';
export const TODAY = '2025-03-10';
export const OPENED_ON = '2025-03-03';
export const CASE_ID = 'case-0001';
export const CLIENT_ID = 'client-0001';
export const DISTRICT_ID = 'district-heinsberg';
export const OTHER_DISTRICT_ID = 'district-aachen';
export const UNIT_ID = 'unit-ki-heinsberg';
export const OTHER_UNIT_ID = 'unit-drk-heinsberg';
export const CASE_MANAGER_ID = 'user-cm-1';
export const COLLEAGUE_ID = 'user-cm-2';

/**
 * Every personal value ends in " PII", space included: sealed values are base64url, which holds no space, so a
 * ciphertext that happens to contain the letters PII (about one run in 400) is never taken for plaintext.
 */
export const PII_MARKER = ' PII';
/** Personal values that cannot carry the marker. */
export const PII_WITHOUT_MARKER = ['1990-04-12', '52525'];

export const CLIENT_PERSONAL: E.ClientPersonalData = {
  givenName: 'Amina PII',
  familyName: 'Haddad PII',
  dateOfBirth: '1990-04-12',
  contact: { phone: '+49 2452 PII', email: 'pii@example.org' },
  address: { street: 'Musterweg 1 PII', postalCode: '52525', city: 'Heinsberg PII' },
};

export const CLIENT_PROFILE: E.ClientProfile = {
  birthYear: 1990,
  gender: 'female',
  countryOfOrigin: 'SY',
  languages: ['ar', 'de'],
  arrivalYearInGermany: 2016,
  arrivalYearInDistrict: 2017,
  householdSize: 4,
};

export const JOB_CENTRE: E.Institution = { type: 'job_centre', name: 'Jobcenter Kreis Heinsberg' };

export function actor(overrides: Partial<Actor> = {}): Actor {
  return { userId: CASE_MANAGER_ID, role: 'case_manager', organisationUnitId: UNIT_ID, districtId: DISTRICT_ID, ...overrides };
}

export const ACTORS = {
  caseManager: actor(),
  colleague: actor({ userId: COLLEAGUE_ID }),
  otherUnitCaseManager: actor({ userId: 'user-cm-9', organisationUnitId: OTHER_UNIT_ID }),
  otherDistrictCaseManager: actor({ userId: 'user-cm-8', districtId: OTHER_DISTRICT_ID }),
  coordination: actor({ userId: 'user-ko-1', role: 'coordination', organisationUnitId: null }),
  otherDistrictCoordination: actor({ userId: 'user-ko-9', role: 'coordination', organisationUnitId: null, districtId: OTHER_DISTRICT_ID }),
  auditor: actor({ userId: 'user-au-1', role: 'auditor', organisationUnitId: null }),
  reporting: actor({ userId: 'user-re-1', role: 'reporting', organisationUnitId: null }),
  administrator: actor({ userId: 'user-ad-1', role: 'administrator', organisationUnitId: null }),
} as const satisfies Record<string, Actor>;

export function metadata(overrides: Partial<C.CommandMetadata> = {}): C.CommandMetadata {
  return { now: NOW, actor: ACTORS.caseManager, ...overrides };
}

/** Metadata with the reason that corrections, reassignment, closure and erasure need. */
export function withReason(overrides: Partial<C.CommandMetadata> = {}): C.CommandMetadata {
  return metadata({ reason: 'Begründung PII', ...overrides });
}

type Overrides<T extends { data: unknown }> = Partial<T['data']>;

// Commands

export const commands = {
  openCase: (data: Overrides<C.OpenCase> = {}, meta = metadata()): C.OpenCase => ({
    type: 'OpenCase',
    data: {
      caseId: CASE_ID,
      clientId: CLIENT_ID,
      organisationUnitId: UNIT_ID,
      districtId: DISTRICT_ID,
      caseManagerId: CASE_MANAGER_ID,
      openedOn: OPENED_ON,
      channel: 'office',
      referredBy: null,
      entryCriteria: ['complex_needs', 'jurisdiction_change_pending'],
      client: { personal: CLIENT_PERSONAL, profile: CLIENT_PROFILE },
      ...data,
    },
    metadata: meta,
  }),
  recordConsent: (data: Overrides<C.RecordConsent> = {}, meta = metadata()): C.RecordConsent => ({
    type: 'RecordConsent',
    data: { caseId: CASE_ID, purpose: 'case_management', recipient: null, formVersion: 'KIM-EW-2024-1', language: 'ar', givenOn: OPENED_ON, ...data },
    metadata: meta,
  }),
  withdrawConsent: (data: Overrides<C.WithdrawConsent> = {}, meta = metadata()): C.WithdrawConsent => ({
    type: 'WithdrawConsent',
    data: { caseId: CASE_ID, purpose: 'case_management', recipient: null, withdrawnOn: '2025-03-08', ...data },
    metadata: meta,
  }),
  assessNeeds: (data: Overrides<C.AssessNeeds> = {}, meta = metadata()): C.AssessNeeds => ({
    type: 'AssessNeeds',
    data: {
      caseId: CASE_ID,
      assessedOn: '2025-03-04',
      needs: [
        { lifeArea: 'residence_law', level: 3, note: 'Duldung läuft ab PII' },
        { lifeArea: 'language', level: 2, note: null },
      ],
      ...data,
    },
    metadata: meta,
  }),
  agreeGoal: (data: Overrides<C.AgreeGoal> = {}, meta = metadata()): C.AgreeGoal => ({
    type: 'AgreeGoal',
    data: { caseId: CASE_ID, goalId: 'goal-1', lifeArea: 'language', text: 'B1-Kurs abschließen PII', targetOn: '2025-09-30', agreedOn: '2025-03-05', ...data },
    metadata: meta,
  }),
  reviewGoal: (data: Overrides<C.ReviewGoal> = {}, meta = metadata()): C.ReviewGoal => ({
    type: 'ReviewGoal',
    data: { caseId: CASE_ID, goalId: 'goal-1', reviewedOn: '2025-03-07', progress: 'on_track', revisedTargetOn: null, note: 'Kurs begonnen PII', ...data },
    metadata: meta,
  }),
  closeGoal: (data: Overrides<C.CloseGoal> = {}, meta = metadata()): C.CloseGoal => ({
    type: 'CloseGoal',
    data: { caseId: CASE_ID, goalId: 'goal-1', outcome: 'achieved', closedOn: '2025-03-09', note: 'Zertifikat erhalten PII', ...data },
    metadata: meta,
  }),
  recordCounsellingSession: (data: Overrides<C.RecordCounsellingSession> = {}, meta = metadata()): C.RecordCounsellingSession => ({
    type: 'RecordCounsellingSession',
    data: {
      caseId: CASE_ID,
      heldOn: '2025-03-06',
      durationMinutes: 60,
      format: 'home_visit',
      lifeAreas: ['residence_law', 'housing'],
      interpreterLanguage: 'ar',
      householdMembersPresent: 2,
      note: 'Hausbesuch, Familie anwesend PII',
      ...data,
    },
    metadata: meta,
  }),
  makeReferral: (data: Overrides<C.MakeReferral> = {}, meta = metadata()): C.MakeReferral => ({
    type: 'MakeReferral',
    data: {
      caseId: CASE_ID,
      referralId: 'referral-1',
      institution: JOB_CENTRE,
      lifeArea: 'work_and_income',
      reason: 'Antrag auf Grundsicherung PII',
      sharesData: false,
      referredOn: '2025-03-06',
      ...data,
    },
    metadata: meta,
  }),
  recordReferralOutcome: (data: Overrides<C.RecordReferralOutcome> = {}, meta = metadata()): C.RecordReferralOutcome => ({
    type: 'RecordReferralOutcome',
    data: { caseId: CASE_ID, referralId: 'referral-1', outcome: 'taken_up', outcomeOn: '2025-03-08', ...data },
    metadata: meta,
  }),
  changeLegalStatus: (data: Overrides<C.ChangeLegalStatus> = {}, meta = metadata()): C.ChangeLegalStatus => ({
    type: 'ChangeLegalStatus',
    data: {
      caseId: CASE_ID,
      status: {
        category: 'asylum_seeker',
        legalBasis: 'asylg_55',
        document: 'permission_to_reside_certificate',
        validFrom: '2024-11-01',
        validUntil: '2025-05-01',
      },
      effectiveOn: OPENED_ON,
      source: 'document_seen',
      ...data,
    },
    metadata: meta,
  }),
  changeJurisdiction: (data: Overrides<C.ChangeJurisdiction> = {}, meta = metadata()): C.ChangeJurisdiction => ({
    type: 'ChangeJurisdiction',
    data: { caseId: CASE_ID, to: 'asylblg', effectiveOn: OPENED_ON, ...data },
    metadata: meta,
  }),
  scheduleFollowUp: (data: Overrides<C.ScheduleFollowUp> = {}, meta = metadata()): C.ScheduleFollowUp => ({
    type: 'ScheduleFollowUp',
    data: { caseId: CASE_ID, followUpId: 'follow-up-1', dueOn: '2025-04-01', note: 'Verlängerung prüfen PII', ...data },
    metadata: meta,
  }),
  completeFollowUp: (data: Overrides<C.CompleteFollowUp> = {}, meta = metadata()): C.CompleteFollowUp => ({
    type: 'CompleteFollowUp',
    data: { caseId: CASE_ID, followUpId: 'follow-up-1', doneOn: '2025-03-09', note: 'Termin vereinbart PII', ...data },
    metadata: meta,
  }),
  reportServiceGap: (data: Overrides<C.ReportServiceGap> = {}, meta = metadata()): C.ReportServiceGap => ({
    type: 'ReportServiceGap',
    data: { caseId: CASE_ID, lifeArea: 'language', description: 'Kein B2-Kurs mit Kinderbetreuung PII', region: 'Gangelt', clientsAffected: 6, ...data },
    metadata: meta,
  }),
  reassignCase: (data: Overrides<C.ReassignCase> = {}, meta = withReason()): C.ReassignCase => ({
    type: 'ReassignCase',
    data: { caseId: CASE_ID, to: { caseManagerId: COLLEAGUE_ID, organisationUnitId: UNIT_ID }, ...data },
    metadata: meta,
  }),
  closeCase: (data: Overrides<C.CloseCase> = {}, meta = withReason()): C.CloseCase => ({
    type: 'CloseCase',
    data: { caseId: CASE_ID, closureReason: 'goals_achieved', closedOn: '2025-03-09', summary: 'Ziele erreicht PII', ...data },
    metadata: meta,
  }),
  reopenCase: (data: Overrides<C.ReopenCase> = {}, meta = metadata()): C.ReopenCase => ({
    type: 'ReopenCase',
    data: { caseId: CASE_ID, reopenedOn: TODAY, ...data },
    metadata: meta,
  }),
  correctEntry: (data: Overrides<C.CorrectEntry> = {}, meta = withReason()): C.CorrectEntry => ({
    type: 'CorrectEntry',
    data: {
      caseId: CASE_ID,
      correctedEventId: '0b9e4c52-7a51-4c1e-9f43-2a1d5c3e8f10',
      correctedEventType: 'CounsellingSessionHeld',
      correction: 'Dauer war 90 Minuten PII',
      correctedLegalStatus: null,
      ...data,
    },
    metadata: meta,
  }),
  eraseClientData: (data: Overrides<C.EraseClientData> = {}, meta = withReason()): C.EraseClientData => ({
    type: 'EraseClientData',
    data: { caseId: CASE_ID, clientId: CLIENT_ID, legalBasis: 'gdpr_art_17', decidedBy: 'user-dsb-1', ...data },
    metadata: meta,
  }),
  changePhase: (data: Overrides<C.ChangePhase> = {}, meta = metadata()): C.ChangePhase => ({
    type: 'ChangePhase',
    data: { caseId: CASE_ID, to: 'assessment', ...data },
    metadata: meta,
  }),
};

/** One valid command of every kind that works on an existing case. */
export function everyCaseCommand(): C.CaseCommand[] {
  return [
    commands.recordConsent(),
    commands.withdrawConsent(),
    commands.assessNeeds(),
    commands.agreeGoal(),
    commands.reviewGoal(),
    commands.closeGoal(),
    commands.recordCounsellingSession(),
    commands.makeReferral(),
    commands.recordReferralOutcome(),
    commands.changeLegalStatus(),
    commands.changeJurisdiction(),
    commands.scheduleFollowUp(),
    commands.completeFollowUp(),
    commands.reportServiceGap(),
    commands.reassignCase(),
    commands.closeCase(),
    commands.reopenCase(),
    commands.correctEntry(),
    commands.eraseClientData(),
    commands.changePhase(),
  ];
}

// Events

export const events = {
  caseOpened: (data: Overrides<E.CaseOpened> = {}): E.CaseOpened => {
    const { data: opened } = commands.openCase(data);
    return { type: 'CaseOpened', data: { ...opened, referredBy: opened.referredBy ?? null } };
  },
  consentRecorded: (data: Overrides<E.ConsentRecorded> = {}): E.ConsentRecorded => ({
    type: 'ConsentRecorded',
    data: { purpose: 'case_management', recipient: null, formVersion: 'KIM-EW-2024-1', language: 'ar', givenOn: OPENED_ON, ...data },
  }),
  sharingConsentRecorded: (recipient: E.Institution = JOB_CENTRE): E.ConsentRecorded =>
    events.consentRecorded({ purpose: 'data_sharing', recipient }),
  consentWithdrawn: (data: Overrides<E.ConsentWithdrawn> = {}): E.ConsentWithdrawn => ({
    type: 'ConsentWithdrawn',
    data: { purpose: 'case_management', recipient: null, withdrawnOn: '2025-03-08', ...data },
  }),
  needsAssessed: (data: Overrides<E.NeedsAssessed> = {}): E.NeedsAssessed => ({
    type: 'NeedsAssessed',
    data: {
      assessedOn: '2025-03-04',
      needs: [
        { lifeArea: 'residence_law', level: 3, note: 'Duldung läuft ab PII' },
        { lifeArea: 'language', level: 2, note: null },
      ],
      ...data,
    },
  }),
  goalAgreed: (data: Overrides<E.GoalAgreed> = {}): E.GoalAgreed => ({
    type: 'GoalAgreed',
    data: { goalId: 'goal-1', lifeArea: 'language', text: 'B1-Kurs abschließen PII', targetOn: '2025-09-30', agreedOn: '2025-03-05', ...data },
  }),
  goalReviewed: (data: Overrides<E.GoalReviewed> = {}): E.GoalReviewed => ({
    type: 'GoalReviewed',
    data: { goalId: 'goal-1', reviewedOn: '2025-03-07', progress: 'on_track', revisedTargetOn: null, note: 'Kurs begonnen PII', ...data },
  }),
  goalClosed: (data: Overrides<E.GoalClosed> = {}): E.GoalClosed => ({
    type: 'GoalClosed',
    data: { goalId: 'goal-1', outcome: 'achieved', closedOn: '2025-03-09', note: 'Zertifikat erhalten PII', ...data },
  }),
  counsellingSessionHeld: (data: Overrides<E.CounsellingSessionHeld> = {}): E.CounsellingSessionHeld => ({
    type: 'CounsellingSessionHeld',
    data: {
      heldOn: '2025-03-06',
      durationMinutes: 60,
      format: 'home_visit',
      lifeAreas: ['residence_law', 'housing'],
      interpreterLanguage: 'ar',
      householdMembersPresent: 2,
      note: 'Hausbesuch, Familie anwesend PII',
      ...data,
    },
  }),
  referralMade: (data: Overrides<E.ReferralMade> = {}): E.ReferralMade => ({
    type: 'ReferralMade',
    data: {
      referralId: 'referral-1',
      institution: JOB_CENTRE,
      lifeArea: 'work_and_income',
      reason: 'Antrag auf Grundsicherung PII',
      sharesData: false,
      referredOn: '2025-03-06',
      ...data,
    },
  }),
  referralOutcomeRecorded: (data: Overrides<E.ReferralOutcomeRecorded> = {}): E.ReferralOutcomeRecorded => ({
    type: 'ReferralOutcomeRecorded',
    data: { referralId: 'referral-1', outcome: 'taken_up', outcomeOn: '2025-03-08', ...data },
  }),
  legalStatusChanged: (data: Overrides<E.LegalStatusChanged> = {}): E.LegalStatusChanged => {
    const { caseId: _caseId, ...record } = commands.changeLegalStatus(data).data;
    return { type: 'LegalStatusChanged', data: record };
  },
  naturalised: (): E.LegalStatusChanged =>
    events.legalStatusChanged({
      status: { category: 'german_citizen', legalBasis: 'stag_10', document: 'naturalisation_certificate', validFrom: '2025-03-04', validUntil: null },
      effectiveOn: '2025-03-04',
    }),
  jurisdictionChanged: (data: Overrides<E.JurisdictionChanged> = {}): E.JurisdictionChanged => ({
    type: 'JurisdictionChanged',
    data: { from: null, to: 'asylblg', effectiveOn: OPENED_ON, ...data },
  }),
  followUpScheduled: (data: Overrides<E.FollowUpScheduled> = {}): E.FollowUpScheduled => ({
    type: 'FollowUpScheduled',
    data: { followUpId: 'follow-up-1', dueOn: '2025-04-01', note: 'Verlängerung prüfen PII', ...data },
  }),
  followUpDone: (data: Overrides<E.FollowUpDone> = {}): E.FollowUpDone => ({
    type: 'FollowUpDone',
    data: { followUpId: 'follow-up-1', doneOn: '2025-03-09', note: 'Termin vereinbart PII', ...data },
  }),
  serviceGapReported: (data: Overrides<E.ServiceGapReported> = {}): E.ServiceGapReported => ({
    type: 'ServiceGapReported',
    data: { lifeArea: 'language', description: 'Kein B2-Kurs mit Kinderbetreuung PII', region: 'Gangelt', clientsAffected: 6, ...data },
  }),
  caseReassigned: (data: Overrides<E.CaseReassigned> = {}): E.CaseReassigned => ({
    type: 'CaseReassigned',
    data: {
      from: { caseManagerId: CASE_MANAGER_ID, organisationUnitId: UNIT_ID },
      to: { caseManagerId: COLLEAGUE_ID, organisationUnitId: UNIT_ID },
      reason: 'Begründung PII',
      ...data,
    },
  }),
  caseClosed: (data: Overrides<E.CaseClosed> = {}): E.CaseClosed => ({
    type: 'CaseClosed',
    data: { closureReason: 'goals_achieved', closedOn: '2025-03-09', summary: 'Ziele erreicht PII', reason: 'Begründung PII', ...data },
  }),
  caseReopened: (data: Overrides<E.CaseReopened> = {}): E.CaseReopened => ({
    type: 'CaseReopened',
    data: { reopenedOn: TODAY, reason: null, ...data },
  }),
  entryCorrected: (data: Overrides<E.EntryCorrected> = {}): E.EntryCorrected => ({
    type: 'EntryCorrected',
    data: {
      correctedEventId: '0b9e4c52-7a51-4c1e-9f43-2a1d5c3e8f10',
      correctedEventType: 'CounsellingSessionHeld',
      reason: 'Begründung PII',
      correction: 'Dauer war 90 Minuten PII',
      correctedLegalStatus: null,
      ...data,
    },
  }),
  clientDataErased: (data: Overrides<E.ClientDataErased> = {}): E.ClientDataErased => ({
    type: 'ClientDataErased',
    data: { clientId: CLIENT_ID, legalBasis: 'gdpr_art_17', decidedBy: 'user-dsb-1', reason: 'Begründung PII', ...data },
  }),
  casePhaseChanged: (data: Overrides<E.CasePhaseChanged> = {}): E.CasePhaseChanged => ({
    type: 'CasePhaseChanged',
    data: { from: 'intake', to: 'assessment', trigger: 'needs_assessed', reason: null, ...data },
  }),
};

/** Typical histories: each is a valid stream as the decider would have written it. */
export const histories = {
  opened: (): E.CaseEvent[] => [events.caseOpened()],
  withConsent: (): E.CaseEvent[] => [events.caseOpened(), events.consentRecorded()],
  assessed: (): E.CaseEvent[] => [...histories.withConsent(), events.needsAssessed(), events.casePhaseChanged()],
  planned: (): E.CaseEvent[] => [
    ...histories.assessed(),
    events.goalAgreed(),
    events.casePhaseChanged({ from: 'assessment', to: 'planning', trigger: 'goal_agreed' }),
  ],
  closed: (): E.CaseEvent[] => [...histories.withConsent(), events.caseClosed()],
};

export function stateOf(history: readonly E.CaseEvent[]): CaseState {
  return history.reduce(evolve, initialState());
}

/** One event of every type, in an order the decider could have written them. */
export function oneOfEachEvent(): E.CaseEvent[] {
  return [
    events.caseOpened(),
    events.consentRecorded(),
    events.sharingConsentRecorded(),
    events.needsAssessed(),
    events.casePhaseChanged(),
    events.casePhaseChanged({ from: 'assessment', to: 'intake', trigger: 'manual', reason: 'Klärung fehlt PII' }),
    events.goalAgreed(),
    events.goalReviewed(),
    events.goalClosed(),
    events.counsellingSessionHeld(),
    events.referralMade(),
    events.referralOutcomeRecorded(),
    events.legalStatusChanged(),
    events.jurisdictionChanged(),
    events.followUpScheduled(),
    events.followUpDone(),
    events.serviceGapReported(),
    events.consentWithdrawn({ purpose: 'data_sharing', recipient: JOB_CENTRE }),
    events.caseReassigned(),
    events.caseClosed(),
    events.caseReopened({ reason: 'Neue Anliegen PII' }),
    events.entryCorrected(),
    events.caseClosed({ closureReason: 'client_data_erased', summary: null }),
    events.clientDataErased(),
  ];
}

/** For every command, a history on which it is accepted: a catalogue of happy paths. */
export function acceptedCommands(): { history: E.CaseEvent[]; command: C.CaseCommand }[] {
  const referred = [...histories.planned(), events.referralMade()];
  const scheduled = [...histories.withConsent(), events.followUpScheduled()];
  return [
    { history: [], command: commands.openCase() },
    { history: histories.opened(), command: commands.recordConsent() },
    { history: histories.withConsent(), command: commands.withdrawConsent() },
    { history: histories.withConsent(), command: commands.assessNeeds() },
    { history: histories.assessed(), command: commands.agreeGoal() },
    { history: histories.planned(), command: commands.reviewGoal() },
    { history: histories.planned(), command: commands.closeGoal() },
    { history: histories.planned(), command: commands.recordCounsellingSession() },
    { history: histories.planned(), command: commands.makeReferral() },
    { history: referred, command: commands.recordReferralOutcome() },
    { history: histories.withConsent(), command: commands.changeLegalStatus() },
    { history: histories.withConsent(), command: commands.changeJurisdiction() },
    { history: histories.withConsent(), command: commands.scheduleFollowUp() },
    { history: scheduled, command: commands.completeFollowUp() },
    { history: histories.withConsent(), command: commands.reportServiceGap() },
    { history: histories.withConsent(), command: commands.reassignCase() },
    { history: histories.planned(), command: commands.closeCase() },
    { history: histories.closed(), command: commands.reopenCase({}, withReason()) },
    { history: histories.planned(), command: commands.correctEntry() },
    { history: histories.planned(), command: commands.eraseClientData() },
    { history: histories.withConsent(), command: commands.changePhase({}, withReason()) },
  ];
}
