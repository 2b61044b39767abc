import {
  CaseClosedError,
  CaseNotClosedError,
  CaseNotFoundError,
  ClientDataErasedError,
  ClientMismatchError,
  CrossUnitReassignmentNotPermittedError,
  DateOutOfOrderError,
  InvalidValueError,
  NotInOrganisationUnitError,
  ReasonRequiredError,
  ReassignmentUnchangedError,
} from '../../../src/domain/case/case.errors';
import {
  ACTORS,
  CASE_MANAGER_ID,
  commands,
  events,
  everyCaseCommand,
  histories,
  metadata,
  OTHER_UNIT_ID,
  TODAY,
  UNIT_ID,
  withReason,
} from '../case.fixtures';
import { given } from './decider.given';

describe('ReassignCase', () => {
  it('hands the case to a colleague in the same unit, with the reason', () => {
    given(histories.withConsent()).when(commands.reassignCase()).then([events.caseReassigned()]);
  });

  it('across organisation units only by coordination', () => {
    const toOtherUnit = { to: { caseManagerId: 'user-cm-9', organisationUnitId: OTHER_UNIT_ID } };
    given(histories.withConsent()).when(commands.reassignCase(toOtherUnit)).thenThrows(CrossUnitReassignmentNotPermittedError);
    given(histories.withConsent())
      .when(commands.reassignCase(toOtherUnit, withReason({ actor: ACTORS.coordination })))
      .then([events.caseReassigned(toOtherUnit)]);
  });

  it('after a move to another unit, the former unit can no longer act on the case', () => {
    const moved = [...histories.withConsent(), events.caseReassigned({ to: { caseManagerId: 'user-cm-9', organisationUnitId: OTHER_UNIT_ID } })];
    given(moved).when(commands.recordCounsellingSession()).thenThrows(NotInOrganisationUnitError);
    given(moved).when(commands.recordCounsellingSession({}, metadata({ actor: ACTORS.otherUnitCaseManager }))).then([events.counsellingSessionHeld()]);
  });

  it('needs a reason', () => {
    given(histories.withConsent()).when(commands.reassignCase({}, metadata())).thenThrows(ReasonRequiredError, { field: 'metadata.reason' });
    given(histories.withConsent()).when(commands.reassignCase({}, metadata({ reason: '   ' }))).thenThrows(ReasonRequiredError);
  });

  it('must change the assignment', () => {
    given(histories.withConsent())
      .when(commands.reassignCase({ to: { caseManagerId: CASE_MANAGER_ID, organisationUnitId: UNIT_ID } }))
      .thenThrows(ReassignmentUnchangedError);
  });
});

describe('CloseCase', () => {
  it('closes the case with reason, date and summary', () => {
    given(histories.planned()).when(commands.closeCase()).then([events.caseClosed()]);
  });

  it('needs a reason', () => {
    given(histories.planned()).when(commands.closeCase({}, metadata())).thenThrows(ReasonRequiredError);
  });

  it('refuses the reason reserved for erasure', () => {
    given(histories.planned())
      .when(commands.closeCase({ closureReason: 'client_data_erased' as never }))
      .thenThrows(InvalidValueError, { field: 'data.closureReason' });
  });

  it('after a reopening, refuses a closing date before it', () => {
    given([...histories.closed(), events.caseReopened({ reopenedOn: '2025-03-10' })])
      .when(commands.closeCase({ closedOn: '2025-03-09' }))
      .thenThrows(DateOutOfOrderError, { field: 'data.closedOn', mustNotBeBefore: 'reopenedOn' });
  });
});

describe('a closed case', () => {
  const allowed = new Set(['ReopenCase', 'CorrectEntry', 'EraseClientData']);

  it.each(everyCaseCommand().filter((command) => !allowed.has(command.type)).map((command) => [command.type, command]))(
    'refuses %s',
    (_type, command) => {
      given(histories.closed()).when(command).thenThrows(CaseClosedError, { code: 'case_closed' });
    },
  );

  it('takes a reopening, a correction and an erasure', () => {
    given(histories.closed()).when(commands.reopenCase()).then([events.caseReopened()]);
    given(histories.closed()).when(commands.correctEntry()).then([events.entryCorrected()]);
    given(histories.closed()).when(commands.eraseClientData()).then([events.clientDataErased()]);
  });
});

describe('ReopenCase', () => {
  it('reopens a closed case, with a reason when given', () => {
    given(histories.closed())
      .when(commands.reopenCase({}, metadata({ reason: 'Neue Anliegen PII' })))
      .then([events.caseReopened({ reason: 'Neue Anliegen PII' })]);
  });

  it('reopens only a closed case', () => {
    given(histories.withConsent()).when(commands.reopenCase()).thenThrows(CaseNotClosedError);
  });

  it('refuses a reopening dated before the closure', () => {
    given(histories.closed()).when(commands.reopenCase({ reopenedOn: '2025-03-08' })).thenThrows(DateOutOfOrderError, {
      field: 'data.reopenedOn',
      mustNotBeBefore: 'closedOn',
    });
  });

  it('brings the case back to assessment, where work continues', () => {
    given([...histories.closed(), events.caseReopened()])
      .when(commands.agreeGoal({ goalId: 'goal-2', agreedOn: TODAY }))
      .then([
        events.goalAgreed({ goalId: 'goal-2', agreedOn: TODAY }),
        events.casePhaseChanged({ from: 'assessment', to: 'planning', trigger: 'goal_agreed' }),
      ]);
  });
});

describe('CorrectEntry', () => {
  it('records a correction as a new fact, with what was wrong', () => {
    given(histories.withConsent()).when(commands.correctEntry()).then([events.entryCorrected()]);
  });

  it('needs a reason, a correction and a known event type', () => {
    given(histories.withConsent()).when(commands.correctEntry({}, metadata())).thenThrows(ReasonRequiredError);
    given(histories.withConsent()).when(commands.correctEntry({ correction: '' })).thenThrows(InvalidValueError, { field: 'data.correction' });
    given(histories.withConsent())
      .when(commands.correctEntry({ correctedEventType: 'CaseExploded' as never }))
      .thenThrows(InvalidValueError, { field: 'data.correctedEventType' });
    given(histories.withConsent()).when(commands.correctEntry({ correctedEventId: '' })).thenThrows(InvalidValueError, {
      field: 'data.correctedEventId',
    });
  });
});

describe('EraseClientData', () => {
  it('erases a closed case: its key is destroyed by the application layer', () => {
    given(histories.closed()).when(commands.eraseClientData()).then([events.clientDataErased()]);
  });

  it('closes an open case first, so it does not count as active for ever', () => {
    given(histories.planned())
      .when(commands.eraseClientData())
      .then([events.caseClosed({ closureReason: 'client_data_erased', closedOn: TODAY, summary: null }), events.clientDataErased()]);
  });

  it('needs a reason and the case’s own client', () => {
    given(histories.closed()).when(commands.eraseClientData({}, metadata())).thenThrows(ReasonRequiredError);
    given(histories.closed()).when(commands.eraseClientData({ clientId: 'client-0002' })).thenThrows(ClientMismatchError);
  });

  it('refuses an unknown legal basis', () => {
    given(histories.closed()).when(commands.eraseClientData({ legalBasis: 'whim' as never })).thenThrows(InvalidValueError, {
      field: 'data.legalBasis',
    });
  });

  it.each(everyCaseCommand().map((command) => [command.type, command]))(
    'leaves nothing to do afterwards: %s is refused',
    (_type, command) => {
      given([...histories.closed(), events.clientDataErased()]).when(command).thenThrows(ClientDataErasedError);
    },
  );
});

describe('a case that does not exist', () => {
  it.each(everyCaseCommand().map((command) => [command.type, command]))('refuses %s', (_type, command) => {
    given([]).when(command).thenThrows(CaseNotFoundError);
  });

  it('refuses a command addressed to another case than the one loaded', () => {
    given(histories.withConsent()).when(commands.recordCounsellingSession({ caseId: 'case-0002' })).thenThrows(CaseNotFoundError);
  });
});
