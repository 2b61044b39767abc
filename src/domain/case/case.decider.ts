import { JURISDICTION_CODES } from '../residence-law/benefit-jurisdiction.vocabulary';
import { yearOf, type CalendarDate } from '../time/calendar-date.value';
import { parseInstant } from '../time/instant.value';
import { assertMayChangeCase, assertMayReassign, assertRoleMayChangeCases, type Actor } from './access.policy';
import { assertNotBefore, caseDate, decisionClock, pastDate, type DecisionClock } from './case-dates.policy';
import { COMMAND_POLICIES } from './case.command-policy';
import type {
  AgreeGoal,
  AssessNeeds,
  CaseCommand,
  ChangeJurisdiction,
  ChangeLegalStatus,
  ChangePhase,
  CloseCase,
  CloseGoal,
  CommandMetadata,
  CompleteFollowUp,
  CorrectEntry,
  EraseClientData,
  MakeReferral,
  OpenCase,
  ReassignCase,
  RecordConsent,
  RecordCounsellingSession,
  RecordReferralOutcome,
  ReopenCase,
  ReportServiceGap,
  ReviewGoal,
  ScheduleFollowUp,
  WithdrawConsent,
} from './case.commands';
import {
  CaseAlreadyOpenedError,
  CaseClosedError,
  CaseNotClosedError,
  CaseNotFoundError,
  ClientDataErasedError,
  ClientMismatchError,
  ConsentNotActiveError,
  ConsentRequiredError,
  ConsentWithdrawnError,
  CorrectionNotApplicableError,
  DateBeforeOpeningError,
  FollowUpAlreadyDoneError,
  FollowUpAlreadyExistsError,
  FollowUpNotFoundError,
  GoalAlreadyExistsError,
  GoalNotFoundError,
  GoalNotOpenError,
  InvalidValueError,
  JurisdictionUnchangedError,
  LegalStatusUnchangedError,
  PhaseUnchangedError,
  ReasonRequiredError,
  ReassignmentUnchangedError,
  ReferralAlreadyExistsError,
  ReferralNotFoundError,
  ReferralNotOpenError,
  ReferrerRequiredError,
  SharingConsentRequiredError,
  StatusAfterNaturalisationError,
} from './case.errors';
import { CASE_EVENT_TYPES, type CaseEvent, type ClientPersonalData, type ClientProfile, type Institution } from './case.events';
import { automaticPhaseAfter, WORKING_PHASES, type AutomaticPhaseTrigger } from './case.phase';
import { caseManagementConsent, entryOf, isClosed, type CaseState, type GoalState, type OpenedCaseState } from './case.state';
import {
  CLOSURE_REASONS,
  CONSENT_PURPOSES,
  ENTRY_CRITERIA,
  ERASURE_LEGAL_BASES,
  GENDERS,
  GOAL_OUTCOMES,
  GOAL_PROGRESS,
  INSTITUTION_TYPES,
  INTAKE_CHANNELS,
  LIFE_AREAS,
  NEED_LEVELS,
  REFERRAL_OUTCOMES,
  SESSION_FORMATS,
} from './case.vocabulary';
import {
  bool,
  calendarDate,
  id,
  integer,
  languageCode,
  name,
  oneOf,
  optionalCalendarDate,
  optionalCountryCode,
  optionalInteger,
  optionalLanguageCode,
  optionalName,
  optionalText,
  record,
  text,
  uniqueList,
} from './command-input.guards';
import { consentKey } from './consent-scope.value';
import { changesLegalStatus, legalStatusRecord } from './legal-status.guards';

/**
 * Decides what a command on a case means: the events to append, or a typed `DomainRuleViolation` and nothing.
 * Pure: time comes in as `metadata.now`, ids come in with the command. Every event is built field by field from
 * known fields, never by spreading the command, so nothing unregistered (and unencrypted) reaches the log.
 */
export function decide(command: CaseCommand, state: CaseState): CaseEvent[] {
  const { actor, clock } = checkedMetadata(command.metadata);
  assertRoleMayChangeCases(actor);
  record('data', command.data);
  if (command.type === 'OpenCase') return openCase(command, state, actor, clock);

  if (!state.opened || state.caseId !== command.data.caseId) throw new CaseNotFoundError();
  assertMayChangeCase(actor, state);
  if (state.erased) throw new ClientDataErasedError();
  const policy = COMMAND_POLICIES[command.type];
  if (isClosed(state) && !policy.allowedWhenClosed) throw new CaseClosedError();
  if (policy.needsConsent) assertCaseManagementConsent(state);
  const context: Context = { state, clock, actor, reason: optionalText('metadata.reason', command.metadata.reason) };

  switch (command.type) {
    case 'RecordConsent':
      return recordConsent(command, context);
    case 'WithdrawConsent':
      return withdrawConsent(command, context);
    case 'AssessNeeds':
      return assessNeeds(command, context);
    case 'AgreeGoal':
      return agreeGoal(command, context);
    case 'ReviewGoal':
      return reviewGoal(command, context);
    case 'CloseGoal':
      return closeGoal(command, context);
    case 'RecordCounsellingSession':
      return recordCounsellingSession(command, context);
    case 'MakeReferral':
      return makeReferral(command, context);
    case 'RecordReferralOutcome':
      return recordReferralOutcome(command, context);
    case 'ChangeLegalStatus':
      return changeLegalStatus(command, context);
    case 'ChangeJurisdiction':
      return changeJurisdiction(command, context);
    case 'ScheduleFollowUp':
      return scheduleFollowUp(command, context);
    case 'CompleteFollowUp':
      return completeFollowUp(command, context);
    case 'ReportServiceGap':
      return reportServiceGap(command, context);
    case 'ReassignCase':
      return reassignCase(command, context);
    case 'CloseCase':
      return closeCase(command, context);
    case 'ReopenCase':
      return reopenCase(command, context);
    case 'CorrectEntry':
      return correctEntry(command, context);
    case 'EraseClientData':
      return eraseClientData(command, context);
    case 'ChangePhase':
      return changePhase(command, context);
    default:
      return assertNever(command);
  }
}

interface Context {
  state: OpenedCaseState;
  clock: DecisionClock;
  actor: Actor;
  /** The command's reason if it gave one; commands that must give one ask for `requiredReason`. */
  reason: string | null;
}

function checkedMetadata(metadata: CommandMetadata): { actor: Actor; clock: DecisionClock } {
  const input = record('metadata', metadata);
  const nowMs = parseInstant(input.now);
  if (nowMs === null) throw new InvalidValueError('metadata.now');
  const actor = record('metadata.actor', input.actor);
  id('metadata.actor.userId', actor.userId);
  id('metadata.actor.districtId', actor.districtId);
  if (actor.organisationUnitId !== null) id('metadata.actor.organisationUnitId', actor.organisationUnitId);
  return { actor: metadata.actor, clock: decisionClock(nowMs) };
}

/** Corrections, reassignment, closure and erasure must say why. */
function requiredReason(metadata: CommandMetadata): string {
  const reason = optionalText('metadata.reason', metadata.reason);
  if (reason === null) throw new ReasonRequiredError();
  return reason;
}

function assertCaseManagementConsent(state: OpenedCaseState): void {
  const consent = caseManagementConsent(state);
  if (consent === 'never_given') throw new ConsentRequiredError();
  if (consent === 'withdrawn') throw new ConsentWithdrawnError();
}

/** The work event, followed by the phase change it brings about, if any. */
function withPhaseAdvance(state: OpenedCaseState, trigger: AutomaticPhaseTrigger, event: CaseEvent): CaseEvent[] {
  const to = automaticPhaseAfter(state.phase, trigger);
  if (to === null) return [event];
  return [event, { type: 'CasePhaseChanged', data: { from: state.phase, to, trigger, reason: null } }];
}

// Intake and consent

function openCase(command: OpenCase, state: CaseState, actor: Actor, clock: DecisionClock): CaseEvent[] {
  if (state.opened) throw new CaseAlreadyOpenedError();
  const data = command.data;
  const organisationUnitId = id('data.organisationUnitId', data.organisationUnitId);
  const districtId = id('data.districtId', data.districtId);
  assertMayChangeCase(actor, { organisationUnitId, districtId });

  const channel = oneOf('data.channel', data.channel, INTAKE_CHANNELS);
  const referredBy = data.referredBy === null || data.referredBy === undefined ? null : institution('data.referredBy', data.referredBy);
  if (channel === 'referred_by_institution' && referredBy === null) throw new ReferrerRequiredError();
  const openedOn = pastDate('data.openedOn', data.openedOn, clock);
  const client = record('data.client', data.client);
  return [
    {
      type: 'CaseOpened',
      data: {
        caseId: id('data.caseId', data.caseId),
        clientId: id('data.clientId', data.clientId),
        organisationUnitId,
        districtId,
        caseManagerId: id('data.caseManagerId', data.caseManagerId),
        openedOn,
        channel,
        referredBy,
        entryCriteria: uniqueList('data.entryCriteria', data.entryCriteria, (field, value) => oneOf(field, value, ENTRY_CRITERIA)),
        client: {
          personal: personalData('data.client.personal', client.personal, clock),
          profile: profile('data.client.profile', client.profile, yearOf(clock.today)),
        },
      },
    },
  ];
}

function personalData(field: string, value: unknown, clock: DecisionClock): ClientPersonalData {
  const input = record(field, value);
  const contact = record(`${field}.contact`, input.contact ?? {});
  const address = input.address === null || input.address === undefined ? null : record(`${field}.address`, input.address);
  return {
    givenName: name(`${field}.givenName`, input.givenName),
    familyName: name(`${field}.familyName`, input.familyName),
    dateOfBirth:
      input.dateOfBirth === null || input.dateOfBirth === undefined ? null : pastDate(`${field}.dateOfBirth`, input.dateOfBirth, clock),
    contact: { phone: optionalName(`${field}.contact.phone`, contact.phone), email: optionalName(`${field}.contact.email`, contact.email) },
    address:
      address === null
        ? null
        : {
            street: name(`${field}.address.street`, address.street),
            postalCode: name(`${field}.address.postalCode`, address.postalCode),
            city: name(`${field}.address.city`, address.city),
          },
  };
}

function profile(field: string, value: unknown, currentYear: number): ClientProfile {
  const input = record(field, value);
  const birthYear = optionalInteger(`${field}.birthYear`, input.birthYear, 1900, currentYear);
  const arrivalYearInGermany = optionalInteger(`${field}.arrivalYearInGermany`, input.arrivalYearInGermany, birthYear ?? 1900, currentYear);
  const arrivalYearInDistrict = optionalInteger(
    `${field}.arrivalYearInDistrict`,
    input.arrivalYearInDistrict,
    arrivalYearInGermany ?? birthYear ?? 1900,
    currentYear,
  );
  return {
    birthYear,
    gender: oneOf(`${field}.gender`, input.gender, GENDERS),
    countryOfOrigin: optionalCountryCode(`${field}.countryOfOrigin`, input.countryOfOrigin),
    languages: uniqueList(`${field}.languages`, input.languages ?? [], languageCode, { maxLength: 20 }),
    arrivalYearInGermany,
    arrivalYearInDistrict,
    householdSize: optionalInteger(`${field}.householdSize`, input.householdSize, 1, 50),
  };
}

function institution(field: string, value: unknown): Institution {
  const input = record(field, value);
  return { type: oneOf(`${field}.type`, input.type, INSTITUTION_TYPES), name: name(`${field}.name`, input.name) };
}

/** The recipient a consent names: required for data sharing, meaningless otherwise. */
function consentRecipient(purpose: string, value: unknown): Institution | null {
  const given = value !== null && value !== undefined;
  if ((purpose === 'data_sharing') !== given) throw new InvalidValueError('data.recipient');
  return given ? institution('data.recipient', value) : null;
}

function recordConsent(command: RecordConsent, { state, clock }: Context): CaseEvent[] {
  const data = command.data;
  const purpose = oneOf('data.purpose', data.purpose, CONSENT_PURPOSES);
  return [
    {
      type: 'ConsentRecorded',
      data: {
        purpose,
        recipient: consentRecipient(purpose, data.recipient),
        formVersion: name('data.formVersion', data.formVersion),
        language: languageCode('data.language', data.language),
        givenOn: caseDate('data.givenOn', data.givenOn, clock, state.openedOn),
      },
    },
  ];
}

function withdrawConsent(command: WithdrawConsent, { state, clock }: Context): CaseEvent[] {
  const data = command.data;
  const purpose = oneOf('data.purpose', data.purpose, CONSENT_PURPOSES);
  const recipient = consentRecipient(purpose, data.recipient);
  const withdrawnOn = caseDate('data.withdrawnOn', data.withdrawnOn, clock, state.openedOn);
  const consent = entryOf(state.consents, consentKey(purpose, recipient));
  if (consent === undefined || !consent.active) throw new ConsentNotActiveError();
  assertNotBefore('data.withdrawnOn', withdrawnOn, 'givenOn', consent.givenOn);
  return [{ type: 'ConsentWithdrawn', data: { purpose, recipient, withdrawnOn } }];
}

// Assessment and support plan

function assessNeeds(command: AssessNeeds, { state, clock }: Context): CaseEvent[] {
  const data = command.data;
  const assessedOn = caseDate('data.assessedOn', data.assessedOn, clock, state.openedOn);
  const needs = uniqueList(
    'data.needs',
    data.needs,
    (field, value) => {
      const need = record(field, value);
      return {
        lifeArea: oneOf(`${field}.lifeArea`, need.lifeArea, LIFE_AREAS),
        level: oneOf(`${field}.level`, need.level, NEED_LEVELS),
        note: optionalText(`${field}.note`, need.note),
      };
    },
    { minLength: 1, maxLength: LIFE_AREAS.length, key: (need) => need.lifeArea },
  );
  return withPhaseAdvance(state, 'needs_assessed', { type: 'NeedsAssessed', data: { assessedOn, needs } });
}

function agreeGoal(command: AgreeGoal, { state, clock }: Context): CaseEvent[] {
  const data = command.data;
  const goalId = id('data.goalId', data.goalId);
  if (entryOf(state.goals, goalId) !== undefined) throw new GoalAlreadyExistsError(goalId);
  const agreedOn = caseDate('data.agreedOn', data.agreedOn, clock, state.openedOn);
  const targetOn = optionalCalendarDate('data.targetOn', data.targetOn);
  if (targetOn !== null) assertNotBefore('data.targetOn', targetOn, 'data.agreedOn', agreedOn);
  return withPhaseAdvance(state, 'goal_agreed', {
    type: 'GoalAgreed',
    data: { goalId, lifeArea: oneOf('data.lifeArea', data.lifeArea, LIFE_AREAS), text: text('data.text', data.text), targetOn, agreedOn },
  });
}

function openGoal(state: OpenedCaseState, goalId: string): GoalState {
  const goal = entryOf(state.goals, goalId);
  if (goal === undefined) throw new GoalNotFoundError(goalId);
  if (!goal.open) throw new GoalNotOpenError(goalId);
  return goal;
}

function reviewGoal(command: ReviewGoal, { state, clock }: Context): CaseEvent[] {
  const data = command.data;
  const goalId = id('data.goalId', data.goalId);
  const goal = openGoal(state, goalId);
  const reviewedOn = caseDate('data.reviewedOn', data.reviewedOn, clock, state.openedOn);
  assertNotBefore('data.reviewedOn', reviewedOn, 'agreedOn', goal.agreedOn);
  const revisedTargetOn = optionalCalendarDate('data.revisedTargetOn', data.revisedTargetOn);
  if (revisedTargetOn !== null) assertNotBefore('data.revisedTargetOn', revisedTargetOn, 'data.reviewedOn', reviewedOn);
  return [
    {
      type: 'GoalReviewed',
      data: {
        goalId,
        reviewedOn,
        progress: oneOf('data.progress', data.progress, GOAL_PROGRESS),
        revisedTargetOn,
        note: optionalText('data.note', data.note),
      },
    },
  ];
}

function closeGoal(command: CloseGoal, { state, clock }: Context): CaseEvent[] {
  const data = command.data;
  const goalId = id('data.goalId', data.goalId);
  const goal = openGoal(state, goalId);
  const closedOn = caseDate('data.closedOn', data.closedOn, clock, state.openedOn);
  assertNotBefore('data.closedOn', closedOn, 'agreedOn', goal.agreedOn);
  return [
    {
      type: 'GoalClosed',
      data: { goalId, outcome: oneOf('data.outcome', data.outcome, GOAL_OUTCOMES), closedOn, note: optionalText('data.note', data.note) },
    },
  ];
}

// Linking and monitoring

function recordCounsellingSession(command: RecordCounsellingSession, { state, clock }: Context): CaseEvent[] {
  const data = command.data;
  return withPhaseAdvance(state, 'counselling_session_held', {
    type: 'CounsellingSessionHeld',
    data: {
      heldOn: caseDate('data.heldOn', data.heldOn, clock, state.openedOn),
      durationMinutes: integer('data.durationMinutes', data.durationMinutes, 1, 24 * 60),
      format: oneOf('data.format', data.format, SESSION_FORMATS),
      lifeAreas: uniqueList('data.lifeAreas', data.lifeAreas, (field, value) => oneOf(field, value, LIFE_AREAS)),
      interpreterLanguage: optionalLanguageCode('data.interpreterLanguage', data.interpreterLanguage),
      householdMembersPresent: optionalInteger('data.householdMembersPresent', data.householdMembersPresent, 0, 50) ?? 0,
      note: optionalText('data.note', data.note),
    },
  });
}

function makeReferral(command: MakeReferral, { state, clock }: Context): CaseEvent[] {
  const data = command.data;
  const referralId = id('data.referralId', data.referralId);
  if (entryOf(state.referrals, referralId) !== undefined) throw new ReferralAlreadyExistsError(referralId);
  const recipient = institution('data.institution', data.institution);
  const sharesData = bool('data.sharesData', data.sharesData);
  const referredOn = caseDate('data.referredOn', data.referredOn, clock, state.openedOn);
  if (sharesData && entryOf(state.consents, consentKey('data_sharing', recipient))?.active !== true) {
    throw new SharingConsentRequiredError();
  }
  return withPhaseAdvance(state, 'referral_made', {
    type: 'ReferralMade',
    data: {
      referralId,
      institution: recipient,
      lifeArea: oneOf('data.lifeArea', data.lifeArea, LIFE_AREAS),
      reason: optionalText('data.reason', data.reason),
      sharesData,
      referredOn,
    },
  });
}

function recordReferralOutcome(command: RecordReferralOutcome, { state, clock }: Context): CaseEvent[] {
  const data = command.data;
  const referralId = id('data.referralId', data.referralId);
  const referral = entryOf(state.referrals, referralId);
  if (referral === undefined) throw new ReferralNotFoundError(referralId);
  if (!referral.open) throw new ReferralNotOpenError(referralId);
  const outcomeOn = caseDate('data.outcomeOn', data.outcomeOn, clock, state.openedOn);
  assertNotBefore('data.outcomeOn', outcomeOn, 'referredOn', referral.referredOn);
  const outcome = oneOf('data.outcome', data.outcome, REFERRAL_OUTCOMES);
  return [{ type: 'ReferralOutcomeRecorded', data: { referralId, outcome, outcomeOn } }];
}

function scheduleFollowUp(command: ScheduleFollowUp, { state }: Context): CaseEvent[] {
  const data = command.data;
  const followUpId = id('data.followUpId', data.followUpId);
  if (entryOf(state.followUps, followUpId) !== undefined) throw new FollowUpAlreadyExistsError(followUpId);
  // A follow-up is due in the future by nature; only a date before the case makes no sense.
  const dueOn = calendarDate('data.dueOn', data.dueOn);
  if (dueOn < state.openedOn) throw new DateBeforeOpeningError('data.dueOn');
  return [{ type: 'FollowUpScheduled', data: { followUpId, dueOn, note: optionalText('data.note', data.note) } }];
}

function completeFollowUp(command: CompleteFollowUp, { state, clock }: Context): CaseEvent[] {
  const data = command.data;
  const followUpId = id('data.followUpId', data.followUpId);
  const followUp = entryOf(state.followUps, followUpId);
  if (followUp === undefined) throw new FollowUpNotFoundError(followUpId);
  if (followUp.done) throw new FollowUpAlreadyDoneError(followUpId);
  const doneOn = caseDate('data.doneOn', data.doneOn, clock, state.openedOn);
  return [{ type: 'FollowUpDone', data: { followUpId, doneOn, note: optionalText('data.note', data.note) } }];
}

function reportServiceGap(command: ReportServiceGap, _context: Context): CaseEvent[] {
  const data = command.data;
  return [
    {
      type: 'ServiceGapReported',
      data: {
        lifeArea: oneOf('data.lifeArea', data.lifeArea, LIFE_AREAS),
        description: text('data.description', data.description),
        region: optionalName('data.region', data.region),
        clientsAffected: integer('data.clientsAffected', data.clientsAffected, 1, 100_000),
      },
    },
  ];
}

// Residence status and jurisdiction

function changeLegalStatus(command: ChangeLegalStatus, { state, clock }: Context): CaseEvent[] {
  if (state.naturalised) throw new StatusAfterNaturalisationError();
  const next = legalStatusRecord('data', command.data, clock, state.openedOn);
  if (!changesLegalStatus(state.legalStatus, next)) throw new LegalStatusUnchangedError();
  return [{ type: 'LegalStatusChanged', data: next }];
}

function changeJurisdiction(command: ChangeJurisdiction, { state, clock }: Context): CaseEvent[] {
  const data = command.data;
  const to = oneOf('data.to', data.to, JURISDICTION_CODES);
  const effectiveOn = caseDate('data.effectiveOn', data.effectiveOn, clock, state.openedOn);
  if (to === state.jurisdiction) throw new JurisdictionUnchangedError();
  return [{ type: 'JurisdictionChanged', data: { from: state.jurisdiction, to, effectiveOn } }];
}

// Lifecycle

function reassignCase(command: ReassignCase, { state, actor }: Context): CaseEvent[] {
  const reason = requiredReason(command.metadata);
  const target = record('data.to', command.data.to);
  const to = {
    caseManagerId: id('data.to.caseManagerId', target.caseManagerId),
    organisationUnitId: id('data.to.organisationUnitId', target.organisationUnitId),
  };
  // Reassignment stays within the district: a move elsewhere is a closure (moved away) and a new case there.
  assertMayReassign(actor, state, { organisationUnitId: to.organisationUnitId, districtId: state.districtId });
  if (to.caseManagerId === state.caseManagerId && to.organisationUnitId === state.organisationUnitId) {
    throw new ReassignmentUnchangedError();
  }
  const from = { caseManagerId: state.caseManagerId, organisationUnitId: state.organisationUnitId };
  return [{ type: 'CaseReassigned', data: { from, to, reason } }];
}

function closeCase(command: CloseCase, { state, clock }: Context): CaseEvent[] {
  const reason = requiredReason(command.metadata);
  const data = command.data;
  const closedOn = caseDate('data.closedOn', data.closedOn, clock, state.openedOn);
  assertNotBefore('data.closedOn', closedOn, 'reopenedOn', state.lastReopenedOn);
  return [
    {
      type: 'CaseClosed',
      data: {
        closureReason: oneOf('data.closureReason', data.closureReason, CLOSURE_REASONS),
        closedOn,
        summary: optionalText('data.summary', data.summary),
        reason,
      },
    },
  ];
}

function reopenCase(command: ReopenCase, { state, clock, reason }: Context): CaseEvent[] {
  if (!isClosed(state)) throw new CaseNotClosedError();
  const reopenedOn = caseDate('data.reopenedOn', command.data.reopenedOn, clock, state.openedOn);
  assertNotBefore('data.reopenedOn', reopenedOn, 'closedOn', state.closedOn);
  return [{ type: 'CaseReopened', data: { reopenedOn, reason } }];
}

function correctEntry(command: CorrectEntry, { state, clock }: Context): CaseEvent[] {
  const reason = requiredReason(command.metadata);
  const data = command.data;
  const correctedEventType = oneOf('data.correctedEventType', data.correctedEventType, CASE_EVENT_TYPES);
  let correctedLegalStatus = null;
  if (data.correctedLegalStatus !== null && data.correctedLegalStatus !== undefined) {
    if (correctedEventType !== 'LegalStatusChanged' || state.legalStatus === null) throw new CorrectionNotApplicableError();
    correctedLegalStatus = legalStatusRecord('data.correctedLegalStatus', data.correctedLegalStatus, clock, state.openedOn);
    if (!changesLegalStatus(state.legalStatus, correctedLegalStatus)) throw new LegalStatusUnchangedError();
  }
  return [
    {
      type: 'EntryCorrected',
      data: {
        correctedEventId: id('data.correctedEventId', data.correctedEventId),
        correctedEventType,
        reason,
        correction: text('data.correction', data.correction),
        correctedLegalStatus,
      },
    },
  ];
}

function eraseClientData(command: EraseClientData, { state, clock }: Context): CaseEvent[] {
  const reason = requiredReason(command.metadata);
  const data = command.data;
  if (id('data.clientId', data.clientId) !== state.clientId) throw new ClientMismatchError();
  const erased: CaseEvent = {
    type: 'ClientDataErased',
    data: {
      clientId: state.clientId,
      legalBasis: oneOf('data.legalBasis', data.legalBasis, ERASURE_LEGAL_BASES),
      decidedBy: id('data.decidedBy', data.decidedBy),
      reason,
    },
  };
  if (isClosed(state)) return [erased];
  // An erased case can take nothing more, so it must not stay open and count as active in every report.
  const closedOn = latest(clock.today, state.lastReopenedOn ?? state.openedOn);
  return [{ type: 'CaseClosed', data: { closureReason: 'client_data_erased', closedOn, summary: null, reason } }, erased];
}

function changePhase(command: ChangePhase, { state, reason }: Context): CaseEvent[] {
  const to = oneOf('data.to', command.data.to, WORKING_PHASES);
  if (to === state.phase) throw new PhaseUnchangedError();
  return [{ type: 'CasePhaseChanged', data: { from: state.phase, to, trigger: 'manual', reason } }];
}

function latest(a: CalendarDate, b: CalendarDate): CalendarDate {
  return a > b ? a : b;
}

function assertNever(command: never): never {
  throw new TypeError(`Unknown case command: ${JSON.stringify((command as { type?: unknown }).type)}`);
}
