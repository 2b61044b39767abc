import { CASE_EVENT_TYPES } from '../../../src/domain/case/case.events';
import { caseManagementConsent, evolve, initialState, type OpenedCaseState } from '../../../src/domain/case/case.state';
import {
  CASE_ID,
  CLIENT_ID,
  events,
  histories,
  OPENED_ON,
  oneOfEachEvent,
  OTHER_UNIT_ID,
  PII_MARKER,
  PII_WITHOUT_MARKER,
  stateOf,
} from '../case.fixtures';

const opened = (history: Parameters<typeof stateOf>[0]) => {
  const state = stateOf(history);
  if (!state.opened) throw new Error('expected an opened case');
  return state;
};

describe('initialState and evolve', () => {
  it('starts with no case', () => {
    expect(initialState()).toEqual({ opened: false });
  });

  it('opens a case in intake, knowing its place and nobody’s name', () => {
    expect(opened(histories.opened())).toMatchObject<Partial<OpenedCaseState>>({
      caseId: CASE_ID,
      clientId: CLIENT_ID,
      phase: 'intake',
      openedOn: OPENED_ON,
      closedOn: null,
      erased: false,
      legalStatus: null,
      naturalised: false,
      jurisdiction: null,
    });
  });

  it('ignores what cannot apply rather than failing a replay', () => {
    expect(stateOf([events.consentRecorded()])).toEqual(initialState());
    expect(stateOf([events.caseOpened(), events.caseOpened({ caseId: 'case-0002' })])).toEqual(stateOf([events.caseOpened()]));
    expect(stateOf([...histories.withConsent(), events.goalClosed({ goalId: 'unknown' })])).toEqual(stateOf(histories.withConsent()));
  });

  it('tracks consent to case management through withdrawal and renewal', () => {
    expect(caseManagementConsent(opened(histories.opened()))).toBe('never_given');
    expect(caseManagementConsent(opened(histories.withConsent()))).toBe('given');
    expect(caseManagementConsent(opened([...histories.withConsent(), events.consentWithdrawn()]))).toBe('withdrawn');
    expect(caseManagementConsent(opened([...histories.withConsent(), events.consentWithdrawn(), events.consentRecorded()]))).toBe('given');
  });

  it('follows the phase through its changes, closure and reopening', () => {
    expect(opened(histories.planned()).phase).toBe('planning');
    const closed = opened([...histories.planned(), events.caseClosed()]);
    expect(closed).toMatchObject({ phase: 'closed', closedOn: '2025-03-09' });
    expect(opened([...histories.planned(), events.caseClosed(), events.caseReopened()])).toMatchObject({
      phase: 'assessment',
      closedOn: null,
      lastReopenedOn: '2025-03-10',
    });
  });

  it('keeps goals, referrals and follow-ups open until closed', () => {
    const state = opened([...histories.planned(), events.referralMade(), events.followUpScheduled()]);
    expect(state.goals['goal-1']).toEqual({ agreedOn: '2025-03-05', open: true });
    expect(state.referrals['referral-1']).toEqual({ referredOn: '2025-03-06', open: true });
    expect(state.followUps['follow-up-1']).toEqual({ dueOn: '2025-04-01', done: false });
    const later = opened([...histories.planned(), events.referralMade(), events.followUpScheduled(), events.goalClosed(), events.referralOutcomeRecorded(), events.followUpDone()]);
    expect([later.goals['goal-1'].open, later.referrals['referral-1'].open, later.followUps['follow-up-1'].done]).toEqual([false, false, true]);
  });

  it('takes the current residence status from the last change or correction', () => {
    const naturalised = opened([...histories.withConsent(), events.legalStatusChanged(), events.naturalised()]);
    expect(naturalised.naturalised).toBe(true);
    const corrected = opened([
      ...histories.withConsent(),
      events.legalStatusChanged(),
      events.naturalised(),
      events.entryCorrected({ correctedEventType: 'LegalStatusChanged', correctedLegalStatus: events.legalStatusChanged().data }),
    ]);
    expect(corrected.naturalised).toBe(false);
    expect(corrected.legalStatus).toEqual(events.legalStatusChanged().data);
  });

  it('moves the case with its reassignment', () => {
    const state = opened([...histories.opened(), events.caseReassigned({ to: { caseManagerId: 'user-cm-9', organisationUnitId: OTHER_UNIT_ID } })]);
    expect(state).toMatchObject({ caseManagerId: 'user-cm-9', organisationUnitId: OTHER_UNIT_ID });
  });

  it('handles every event type', () => {
    const types = new Set(oneOfEachEvent().map((event) => event.type));
    expect([...types].sort()).toEqual([...CASE_EVENT_TYPES].sort());
    expect(opened(oneOfEachEvent())).toMatchObject({ erased: true, phase: 'closed' });
  });

  it('holds nothing personal, so it can be rebuilt from encrypted events', () => {
    const json = JSON.stringify(stateOf(oneOfEachEvent()));
    expect(json).not.toContain(PII_MARKER);
    for (const value of PII_WITHOUT_MARKER) expect(json).not.toContain(value);
  });

  it('never changes the state or event it is given', () => {
    const history = oneOfEachEvent();
    const snapshot = structuredClone(history);
    history.reduce((state, event) => {
      const before = structuredClone(state);
      const next = evolve(deepFreeze(state), deepFreeze(event));
      expect(state).toEqual(before);
      return next;
    }, initialState());
    expect(history).toEqual(snapshot);
  });
});

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
