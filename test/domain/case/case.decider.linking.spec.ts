import {
  DateBeforeOpeningError,
  DateOutOfOrderError,
  FollowUpAlreadyDoneError,
  FollowUpAlreadyExistsError,
  FollowUpNotFoundError,
  InvalidValueError,
  ReferralAlreadyExistsError,
  ReferralNotFoundError,
  ReferralNotOpenError,
  SharingConsentRequiredError,
} from '../../../src/domain/case/case.errors';
import { commands, events, histories, JOB_CENTRE } from '../case.fixtures';
import { given } from './decider.given';

describe('RecordCounsellingSession', () => {
  it('records a session; before a plan exists it does not move the phase', () => {
    given(histories.withConsent()).when(commands.recordCounsellingSession()).then([events.counsellingSessionHeld()]);
    given(histories.assessed()).when(commands.recordCounsellingSession()).then([events.counsellingSessionHeld()]);
  });

  it('after a plan, moves the case to implementation', () => {
    given(histories.planned())
      .when(commands.recordCounsellingSession())
      .then([
        events.counsellingSessionHeld(),
        events.casePhaseChanged({ from: 'planning', to: 'implementation', trigger: 'counselling_session_held' }),
      ]);
  });

  it('defaults household members to none and stores absent interpreter and note as null', () => {
    given(histories.withConsent())
      .when(commands.recordCounsellingSession({ householdMembersPresent: undefined, interpreterLanguage: undefined, note: undefined }))
      .then([events.counsellingSessionHeld({ householdMembersPresent: 0, interpreterLanguage: null, note: null })]);
  });

  it.each([
    ['no duration', { durationMinutes: 0 }, 'data.durationMinutes'],
    ['a fractional duration', { durationMinutes: 12.5 }, 'data.durationMinutes'],
    ['more than a day', { durationMinutes: 1441 }, 'data.durationMinutes'],
    ['an unknown format', { format: 'telepathy' }, 'data.format'],
    ['a life area twice', { lifeAreas: ['housing', 'housing'] }, 'data.lifeAreas'],
    ['an interpreter language that is no code', { interpreterLanguage: 'Farsi' }, 'data.interpreterLanguage'],
    ['a negative household count', { householdMembersPresent: -1 }, 'data.householdMembersPresent'],
    ['a date that does not exist', { heldOn: '2025-02-30' }, 'data.heldOn'],
  ])('refuses %s', (_label, data, field) => {
    given(histories.withConsent()).when(commands.recordCounsellingSession(data as never)).thenThrows(InvalidValueError, { field });
  });

  it('refuses a session before the intake', () => {
    given(histories.withConsent()).when(commands.recordCounsellingSession({ heldOn: '2025-03-02' })).thenThrows(DateBeforeOpeningError);
  });
});

describe('MakeReferral', () => {
  it('records a referral without data sharing, without a release', () => {
    given(histories.withConsent()).when(commands.makeReferral()).then([events.referralMade()]);
  });

  it('after a plan, moves the case to implementation', () => {
    given(histories.planned())
      .when(commands.makeReferral())
      .then([events.referralMade(), events.casePhaseChanged({ from: 'planning', to: 'implementation', trigger: 'referral_made' })]);
  });

  it('shares data only with a release for that recipient', () => {
    given([...histories.withConsent(), events.sharingConsentRecorded()])
      .when(commands.makeReferral({ sharesData: true }))
      .then([events.referralMade({ sharesData: true })]);
    given(histories.withConsent()).when(commands.makeReferral({ sharesData: true })).thenThrows(SharingConsentRequiredError);
  });

  it('does not take a release for one recipient as a release for another', () => {
    given([...histories.withConsent(), events.sharingConsentRecorded({ type: 'job_centre', name: 'Jobcenter Kreis Düren' })])
      .when(commands.makeReferral({ sharesData: true }))
      .thenThrows(SharingConsentRequiredError);
    given([...histories.withConsent(), events.sharingConsentRecorded({ type: 'social_welfare_office', name: JOB_CENTRE.name })])
      .when(commands.makeReferral({ sharesData: true }))
      .thenThrows(SharingConsentRequiredError);
  });

  it('does not share data after the release was withdrawn', () => {
    given([
      ...histories.withConsent(),
      events.sharingConsentRecorded(),
      events.consentWithdrawn({ purpose: 'data_sharing', recipient: JOB_CENTRE }),
    ])
      .when(commands.makeReferral({ sharesData: true }))
      .thenThrows(SharingConsentRequiredError);
  });

  it('refuses a referral id that is taken', () => {
    given([...histories.withConsent(), events.referralMade()]).when(commands.makeReferral()).thenThrows(ReferralAlreadyExistsError);
  });

  it('refuses an unknown institution type or a nameless institution', () => {
    given(histories.withConsent())
      .when(commands.makeReferral({ institution: { type: 'oracle' as never, name: 'Delphi' } }))
      .thenThrows(InvalidValueError, { field: 'data.institution.type' });
    given(histories.withConsent())
      .when(commands.makeReferral({ institution: { type: 'job_centre', name: '' } }))
      .thenThrows(InvalidValueError, { field: 'data.institution.name' });
  });
});

describe('RecordReferralOutcome', () => {
  const referred = () => [...histories.withConsent(), events.referralMade()];

  it('records the outcome of an open referral', () => {
    given(referred()).when(commands.recordReferralOutcome()).then([events.referralOutcomeRecorded()]);
  });

  it('records it once', () => {
    given([...referred(), events.referralOutcomeRecorded()])
      .when(commands.recordReferralOutcome({ outcome: 'completed' }))
      .thenThrows(ReferralNotOpenError, { code: 'referral_not_open', referralId: 'referral-1' });
  });

  it('needs a referral of that id', () => {
    given(referred()).when(commands.recordReferralOutcome({ referralId: 'referral-2' })).thenThrows(ReferralNotFoundError, {
      referralId: 'referral-2',
    });
  });

  it('refuses an outcome dated before the referral', () => {
    given(referred()).when(commands.recordReferralOutcome({ outcomeOn: '2025-03-05' })).thenThrows(DateOutOfOrderError, {
      field: 'data.outcomeOn',
      mustNotBeBefore: 'referredOn',
    });
  });
});

describe('ScheduleFollowUp and CompleteFollowUp', () => {
  const scheduled = () => [...histories.withConsent(), events.followUpScheduled()];

  it('schedules a follow-up, due in the future', () => {
    given(histories.withConsent()).when(commands.scheduleFollowUp()).then([events.followUpScheduled()]);
  });

  it('refuses a due date before the case was opened, and a taken id', () => {
    given(histories.withConsent()).when(commands.scheduleFollowUp({ dueOn: '2025-01-01' })).thenThrows(DateBeforeOpeningError, {
      field: 'data.dueOn',
    });
    given(scheduled()).when(commands.scheduleFollowUp()).thenThrows(FollowUpAlreadyExistsError);
  });

  it('completes a scheduled follow-up once', () => {
    given(scheduled()).when(commands.completeFollowUp()).then([events.followUpDone()]);
    given([...scheduled(), events.followUpDone()]).when(commands.completeFollowUp()).thenThrows(FollowUpAlreadyDoneError);
  });

  it('completes only a known follow-up', () => {
    given(histories.withConsent()).when(commands.completeFollowUp()).thenThrows(FollowUpNotFoundError, { followUpId: 'follow-up-1' });
  });
});

describe('ReportServiceGap', () => {
  it('reports a gap in local services to coordination', () => {
    given(histories.withConsent()).when(commands.reportServiceGap()).then([events.serviceGapReported()]);
  });

  it('stores no region as null', () => {
    given(histories.withConsent())
      .when(commands.reportServiceGap({ region: undefined }))
      .then([events.serviceGapReported({ region: null })]);
  });

  it('needs a description and at least one client affected', () => {
    given(histories.withConsent()).when(commands.reportServiceGap({ description: ' ' })).thenThrows(InvalidValueError, {
      field: 'data.description',
    });
    given(histories.withConsent()).when(commands.reportServiceGap({ clientsAffected: 0 })).thenThrows(InvalidValueError, {
      field: 'data.clientsAffected',
    });
  });
});
