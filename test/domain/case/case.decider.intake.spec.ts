import {
  CaseAlreadyOpenedError,
  ConsentNotActiveError,
  ConsentRequiredError,
  ConsentWithdrawnError,
  DateBeforeOpeningError,
  DateInFutureError,
  DateOutOfOrderError,
  InvalidValueError,
  NotInDistrictError,
  NotInOrganisationUnitError,
  ReferrerRequiredError,
  RoleNotPermittedError,
} from '../../../src/domain/case/case.errors';
import {
  ACTORS,
  CLIENT_PERSONAL,
  CLIENT_PROFILE,
  commands,
  events,
  histories,
  JOB_CENTRE,
  metadata,
  OTHER_UNIT_ID,
  TODAY,
} from '../case.fixtures';
import { given } from './decider.given';

describe('OpenCase', () => {
  it('opens a case in the intake phase with personal data and profile apart', () => {
    given([]).when(commands.openCase()).then([events.caseOpened()]);
  });

  it('records who referred the client when an institution did', () => {
    given([])
      .when(commands.openCase({ channel: 'referred_by_institution', referredBy: JOB_CENTRE }))
      .then([events.caseOpened({ channel: 'referred_by_institution', referredBy: JOB_CENTRE })]);
  });

  it('needs the referring institution when the channel is a referral', () => {
    given([]).when(commands.openCase({ channel: 'referred_by_institution', referredBy: null })).thenThrows(ReferrerRequiredError);
  });

  it('stores only known fields, so an unregistered personal field cannot slip into the log unencrypted', () => {
    const personal = { ...CLIENT_PERSONAL, passportNumber: 'X123 PII' };
    const command = commands.openCase({ client: { personal, profile: CLIENT_PROFILE } });
    given([]).when(command).then([events.caseOpened()]);
  });

  it('stores null for absent optional values instead of leaving them undefined', () => {
    const personal = { ...CLIENT_PERSONAL, dateOfBirth: null, address: null, contact: { phone: null, email: null } };
    const profile = { ...CLIENT_PROFILE, birthYear: null, countryOfOrigin: null, languages: [], householdSize: null };
    given([])
      .when(commands.openCase({ client: { personal, profile } }))
      .then([events.caseOpened({ client: { personal, profile } })]);
  });

  it('refuses a second opening of the same case', () => {
    given(histories.opened()).when(commands.openCase()).thenThrows(CaseAlreadyOpenedError);
  });

  it('lets a case manager open cases only in their own organisation unit', () => {
    given([]).when(commands.openCase({ organisationUnitId: OTHER_UNIT_ID })).thenThrows(NotInOrganisationUnitError);
  });

  it('lets coordination open a case for any unit of its district, not of another district', () => {
    given([])
      .when(commands.openCase({ organisationUnitId: OTHER_UNIT_ID }, metadata({ actor: ACTORS.coordination })))
      .then([events.caseOpened({ organisationUnitId: OTHER_UNIT_ID })]);
    given([]).when(commands.openCase({}, metadata({ actor: ACTORS.otherDistrictCoordination }))).thenThrows(NotInDistrictError);
  });

  it.each([ACTORS.auditor, ACTORS.reporting, ACTORS.administrator])('refuses to let $role open a case', (actor) => {
    given([]).when(commands.openCase({}, metadata({ actor }))).thenThrows(RoleNotPermittedError, { role: actor.role });
  });

  it('refuses an intake date in the future', () => {
    given([]).when(commands.openCase({ openedOn: '2025-03-11' })).thenThrows(DateInFutureError, { field: 'data.openedOn' });
  });

  it('accepts an intake recorded late, for cases taken over from paper files', () => {
    given([]).when(commands.openCase({ openedOn: '2019-06-01' })).then([events.caseOpened({ openedOn: '2019-06-01' })]);
  });

  it.each([
    ['an unknown channel', { channel: 'carrier_pigeon' }, 'data.channel'],
    ['an unknown entry criterion', { entryCriteria: ['curiosity'] }, 'data.entryCriteria[0]'],
    ['a repeated entry criterion', { entryCriteria: ['complex_needs', 'complex_needs'] }, 'data.entryCriteria'],
    ['a blank family name', { client: { personal: { ...CLIENT_PERSONAL, familyName: '  ' }, profile: CLIENT_PROFILE } }, 'data.client.personal.familyName'],
    ['a birth year in the future', { client: { personal: CLIENT_PERSONAL, profile: { ...CLIENT_PROFILE, birthYear: 2026 } } }, 'data.client.profile.birthYear'],
    [
      'arrival before birth',
      { client: { personal: CLIENT_PERSONAL, profile: { ...CLIENT_PROFILE, arrivalYearInGermany: 1985 } } },
      'data.client.profile.arrivalYearInGermany',
    ],
    [
      'arrival in the district before arrival in Germany',
      { client: { personal: CLIENT_PERSONAL, profile: { ...CLIENT_PROFILE, arrivalYearInDistrict: 2015 } } },
      'data.client.profile.arrivalYearInDistrict',
    ],
    ['a country that is no ISO code', { client: { personal: CLIENT_PERSONAL, profile: { ...CLIENT_PROFILE, countryOfOrigin: 'Syria' } } }, 'data.client.profile.countryOfOrigin'],
    ['a household of nobody', { client: { personal: CLIENT_PERSONAL, profile: { ...CLIENT_PROFILE, householdSize: 0 } } }, 'data.client.profile.householdSize'],
    ['a case id with spaces', { caseId: 'case 1' }, 'data.caseId'],
  ])('refuses %s', (_label, data, field) => {
    given([]).when(commands.openCase(data as never)).thenThrows(InvalidValueError, { field });
  });

  it('never echoes personal data in an error message', () => {
    const personal = { ...CLIENT_PERSONAL, dateOfBirth: '2030-01-01 PII' };
    const error = given([])
      .when(commands.openCase({ client: { personal, profile: CLIENT_PROFILE } }))
      .thenThrows(InvalidValueError, { field: 'data.client.personal.dateOfBirth' });
    expect(error.message).not.toContain('PII');
    expect(JSON.stringify(error)).not.toContain('PII');
  });
});

describe('RecordConsent', () => {
  it('records consent to case management', () => {
    given(histories.opened()).when(commands.recordConsent()).then([events.consentRecorded()]);
  });

  it('records a release from confidentiality for one named recipient', () => {
    given(histories.withConsent())
      .when(commands.recordConsent({ purpose: 'data_sharing', recipient: JOB_CENTRE }))
      .then([events.sharingConsentRecorded(JOB_CENTRE)]);
  });

  it('needs a recipient exactly when data is to be shared', () => {
    given(histories.opened()).when(commands.recordConsent({ purpose: 'data_sharing', recipient: null })).thenThrows(InvalidValueError, {
      field: 'data.recipient',
    });
    given(histories.opened()).when(commands.recordConsent({ purpose: 'reporting', recipient: JOB_CENTRE })).thenThrows(InvalidValueError, {
      field: 'data.recipient',
    });
  });

  it('records consent again after a withdrawal', () => {
    given([...histories.withConsent(), events.consentWithdrawn()])
      .when(commands.recordConsent({ givenOn: TODAY }))
      .then([events.consentRecorded({ givenOn: TODAY })]);
  });

  it('refuses a consent date before the intake or in the future', () => {
    given(histories.opened()).when(commands.recordConsent({ givenOn: '2025-03-02' })).thenThrows(DateBeforeOpeningError);
    given(histories.opened()).when(commands.recordConsent({ givenOn: '2025-03-11' })).thenThrows(DateInFutureError);
  });

  it('refuses a language that is not an ISO 639 code', () => {
    given(histories.opened()).when(commands.recordConsent({ language: 'Arabisch' })).thenThrows(InvalidValueError, { field: 'data.language' });
  });
});

describe('WithdrawConsent', () => {
  it('withdraws consent to case management', () => {
    given(histories.withConsent()).when(commands.withdrawConsent()).then([events.consentWithdrawn()]);
  });

  it('withdraws a release for one recipient, found again despite different spelling', () => {
    given([...histories.withConsent(), events.sharingConsentRecorded()])
      .when(commands.withdrawConsent({ purpose: 'data_sharing', recipient: { type: 'job_centre', name: ' JOBCENTER  Kreis Heinsberg' } }))
      .then([
        events.consentWithdrawn({ purpose: 'data_sharing', recipient: { type: 'job_centre', name: ' JOBCENTER  Kreis Heinsberg' } }),
      ]);
  });

  it('is possible even after consent to case management was withdrawn', () => {
    given([...histories.withConsent(), events.sharingConsentRecorded(), events.consentWithdrawn()])
      .when(commands.withdrawConsent({ purpose: 'data_sharing', recipient: JOB_CENTRE }))
      .then([events.consentWithdrawn({ purpose: 'data_sharing', recipient: JOB_CENTRE })]);
  });

  it('needs an active consent for that purpose and recipient', () => {
    given(histories.opened()).when(commands.withdrawConsent()).thenThrows(ConsentNotActiveError);
    given([...histories.withConsent(), events.consentWithdrawn()]).when(commands.withdrawConsent()).thenThrows(ConsentNotActiveError);
    given([...histories.withConsent(), events.sharingConsentRecorded()])
      .when(commands.withdrawConsent({ purpose: 'data_sharing', recipient: { type: 'social_welfare_office', name: 'Jobcenter Kreis Heinsberg' } }))
      .thenThrows(ConsentNotActiveError);
  });

  it('refuses a withdrawal dated before the consent was given', () => {
    given([events.caseOpened(), events.consentRecorded({ givenOn: '2025-03-07' })])
      .when(commands.withdrawConsent({ withdrawnOn: '2025-03-05' }))
      .thenThrows(DateOutOfOrderError, { field: 'data.withdrawnOn' });
  });
});

describe('consent to case management', () => {
  const work = [
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
    commands.changePhase(),
  ];

  it.each(work.map((command) => [command.type, command]))('is needed before %s', (_type, command) => {
    given(histories.opened()).when(command).thenThrows(ConsentRequiredError, { code: 'consent_required' });
  });

  it.each(work.map((command) => [command.type, command]))('once withdrawn, blocks %s until given again', (_type, command) => {
    given([...histories.withConsent(), events.consentWithdrawn()]).when(command).thenThrows(ConsentWithdrawnError, { code: 'consent_withdrawn' });
  });

  it('given again, allows counselling records again', () => {
    given([...histories.withConsent(), events.consentWithdrawn(), events.consentRecorded({ givenOn: '2025-03-09' })])
      .when(commands.recordCounsellingSession())
      .then([events.counsellingSessionHeld()]);
  });

  it('is not needed to close a case whose client declined, to reassign, to correct or to erase', () => {
    given(histories.opened()).when(commands.closeCase({ closureReason: 'client_ended_contact' })).then([
      events.caseClosed({ closureReason: 'client_ended_contact' }),
    ]);
    given(histories.opened()).when(commands.reassignCase()).then([events.caseReassigned()]);
    given(histories.opened()).when(commands.correctEntry({ correctedEventType: 'CaseOpened' })).then([
      events.entryCorrected({ correctedEventType: 'CaseOpened' }),
    ]);
    given(histories.opened()).when(commands.eraseClientData()).then([
      events.caseClosed({ closureReason: 'client_data_erased', closedOn: TODAY, summary: null }),
      events.clientDataErased(),
    ]);
  });

  it('for reporting only is not consent to case management', () => {
    given([...histories.opened(), events.consentRecorded({ purpose: 'reporting' })])
      .when(commands.recordCounsellingSession())
      .thenThrows(ConsentRequiredError);
  });
});
