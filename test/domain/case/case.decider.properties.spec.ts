import fc from 'fast-check';
import type { CaseCommand } from '../../../src/domain/case/case.commands';
import { decide } from '../../../src/domain/case/case.decider';
import { DomainRuleViolation } from '../../../src/domain/case/case.errors';
import { CASE_EVENT_TYPES, type CaseEvent } from '../../../src/domain/case/case.events';
import { caseManagementConsent, evolve, initialState, type CaseState, type OpenedCaseState } from '../../../src/domain/case/case.state';
import { consentKey } from '../../../src/domain/case/consent-scope.value';
import { mapPersonalData } from '../../../src/domain/case/personal-data.registry';
import { oneOfEachEvent, PII_MARKER, stateOf, TODAY } from '../case.fixtures';
import { anyCaseCommand, anyCommandSequence } from './case.arbitraries';

/**
 * The rules of case-model.md, restated independently of the decider's own tables, checked on every event a
 * random command sequence gets accepted.
 */
const WHEN_CLOSED = new Set(['ReopenCase', 'CorrectEntry', 'EraseClientData']);
const WITHOUT_CONSENT = new Set(['RecordConsent', 'WithdrawConsent', 'CloseCase', 'ReassignCase', 'CorrectEntry', 'EraseClientData', 'ReopenCase']);
const NEED_REASON = new Set(['ReassignCase', 'CloseCase', 'CorrectEntry', 'EraseClientData']);
const PHASE_ORDER = { intake: 0, assessment: 1, planning: 2, implementation: 3, closed: 4 } as const;
const DATE_FIELDS = ['heldOn', 'assessedOn', 'agreedOn', 'reviewedOn', 'closedOn', 'referredOn', 'outcomeOn', 'effectiveOn', 'doneOn', 'givenOn', 'withdrawnOn', 'reopenedOn', 'openedOn'];

interface Step {
  before: CaseState;
  command: CaseCommand;
  outcome: { events: CaseEvent[] } | { error: DomainRuleViolation };
}

function run(commands: readonly CaseCommand[]): { steps: Step[]; history: CaseEvent[]; state: CaseState } {
  let state = initialState();
  const history: CaseEvent[] = [];
  const steps: Step[] = [];
  for (const command of commands) {
    const before = state;
    try {
      const written = decide(command, before);
      steps.push({ before, command, outcome: { events: written } });
      history.push(...written);
      state = written.reduce(evolve, state);
    } catch (error) {
      if (!(error instanceof DomainRuleViolation)) throw error;
      steps.push({ before, command, outcome: { error } });
    }
  }
  return { steps, history, state };
}

function assertPlainJson(value: unknown, path = '$'): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') return expect(Number.isFinite(value)).toBe(true);
  if (Array.isArray(value)) return value.forEach((item, index) => assertPlainJson(item, `${path}[${index}]`));
  expect([typeof value, Object.getPrototypeOf(value)]).toEqual(['object', Object.prototype]);
  for (const [key, item] of Object.entries(value as object)) {
    if (item === undefined) throw new Error(`${path}.${key} is undefined`);
    assertPlainJson(item, `${path}.${key}`);
  }
}

/** Everything a rule of case-model.md forbids, asserted for one accepted command. */
function assertAllowed({ before, command }: Step, written: CaseEvent[]): void {
  expect(written.length).toBeGreaterThan(0);
  assertPlainJson(written);
  const actor = command.metadata.actor;
  expect(['case_manager', 'coordination']).toContain(actor.role);

  if (command.type === 'OpenCase') {
    expect(before.opened).toBe(false);
    expect(written.map((event) => event.type)).toEqual(['CaseOpened']);
    return;
  }
  expect(before.opened).toBe(true);
  const state = before as OpenedCaseState;
  expect(state.erased).toBe(false);
  expect(actor.districtId).toBe(state.districtId);
  if (actor.role === 'case_manager') expect(actor.organisationUnitId).toBe(state.organisationUnitId);
  if (state.phase === 'closed') expect(WHEN_CLOSED.has(command.type)).toBe(true);
  if (caseManagementConsent(state) !== 'given') expect(WITHOUT_CONSENT.has(command.type)).toBe(true);
  if (NEED_REASON.has(command.type)) expect(command.metadata.reason?.trim()).toBeTruthy();

  let phase = state.phase;
  for (const event of written) {
    const data = event.data as unknown as Record<string, unknown>;
    for (const field of DATE_FIELDS) {
      const date = data[field];
      if (typeof date !== 'string') continue;
      expect(date <= TODAY).toBe(true);
      expect(date >= state.openedOn).toBe(true);
    }
    switch (event.type) {
      case 'ReferralOutcomeRecorded':
        expect(state.referrals[event.data.referralId]?.open).toBe(true);
        expect(event.data.outcomeOn >= state.referrals[event.data.referralId].referredOn).toBe(true);
        break;
      case 'CaseReopened':
        expect(event.data.reopenedOn >= (state.closedOn ?? '')).toBe(true);
        break;
      case 'ReferralMade':
        if (event.data.sharesData) expect(state.consents[consentKey('data_sharing', event.data.institution)]?.active).toBe(true);
        break;
      case 'LegalStatusChanged':
        expect(state.naturalised).toBe(false);
        expect(event.data).not.toEqual(state.legalStatus === null ? undefined : { ...state.legalStatus, effectiveOn: event.data.effectiveOn });
        break;
      case 'CasePhaseChanged':
        expect(event.data.from).toBe(phase);
        expect(event.data.to).not.toBe(phase);
        if (event.data.trigger !== 'manual') expect(PHASE_ORDER[event.data.to]).toBeGreaterThan(PHASE_ORDER[phase]);
        phase = event.data.to;
        break;
      case 'CaseClosed':
        phase = 'closed';
        break;
      default:
        break;
    }
    for (const status of [event.type === 'LegalStatusChanged' ? event.data : null, event.type === 'EntryCorrected' ? event.data.correctedLegalStatus : null]) {
      if (status?.status.validFrom && status.status.validUntil) expect(status.status.validUntil >= status.status.validFrom).toBe(true);
    }
  }
}

describe('decide, on any sequence of commands', () => {
  it('accepts only what the rules allow, and rejects only with a typed violation', () => {
    fc.assert(
      fc.property(anyCommandSequence, (commands) => {
        const { steps } = run(commands);
        for (const step of steps) {
          if ('events' in step.outcome) assertAllowed(step, step.outcome.events);
          else expect(step.outcome.error.message).not.toContain(PII_MARKER);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('reaches deep states: the generators produce every event, not just rejections', () => {
    const accepted = new Set<string>();
    for (const commands of fc.sample(anyCommandSequence, { seed: 20250310, numRuns: 300 })) {
      for (const step of run(commands).steps) if ('events' in step.outcome) step.outcome.events.forEach((event) => accepted.add(event.type));
    }
    expect([...accepted].sort()).toEqual([...CASE_EVENT_TYPES].sort());
  });

  it('replays to the same state: folding the history equals the state built along the way', () => {
    fc.assert(
      fc.property(anyCommandSequence, (commands) => {
        const { history, state } = run(commands);
        expect(stateOf(history)).toEqual(state);
        expect(stateOf(history)).toEqual(stateOf(structuredClone(history)));
      }),
      { numRuns: 200 },
    );
  });

  it('is deterministic and changes neither state nor command', () => {
    fc.assert(
      fc.property(anyCommandSequence, anyCaseCommand, (commands, next) => {
        const { state } = run(commands);
        const [stateCopy, commandCopy] = [structuredClone(state), structuredClone(next)];
        const outcome = () => {
          try {
            return { events: decide(next, state) };
          } catch (error) {
            return { code: (error as DomainRuleViolation).code };
          }
        };
        expect(outcome()).toEqual(outcome());
        expect(state).toEqual(stateCopy);
        expect(next).toEqual(commandCopy);
      }),
      { numRuns: 200 },
    );
  });

  it('lets a closed case take only reopening, correction and erasure', () => {
    fc.assert(
      fc.property(anyCommandSequence, anyCaseCommand, (commands, next) => {
        const { state } = run(commands);
        fc.pre(state.opened && state.phase === 'closed' && !state.erased);
        try {
          decide(next, state);
          expect(WHEN_CLOSED.has(next.type)).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(DomainRuleViolation);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('decides the same whether the history’s personal data is readable or encrypted', () => {
    fc.assert(
      fc.property(anyCommandSequence, anyCaseCommand, fc.string(), (commands, next, ciphertext) => {
        const { history } = run(commands);
        const encrypted = history.map((event) => ({ ...event, data: mapPersonalData(event.type, event.data, () => ciphertext) }) as CaseEvent);
        const outcome = (state: CaseState) => {
          try {
            return decide(next, state);
          } catch (error) {
            return (error as DomainRuleViolation).code;
          }
        };
        expect(outcome(stateOf(encrypted))).toEqual(outcome(stateOf(history)));
      }),
      { numRuns: 200 },
    );
  });
});

describe('evolve, on any sequence of events', () => {
  it('never fails and is deterministic, even on histories the decider would not write', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...oneOfEachEvent()), { maxLength: 30 }), (history) => {
        expect(stateOf(history)).toEqual(stateOf(history));
      }),
    );
  });
});
