import fc from 'fast-check';
import { eventsUpTo, replaySteps } from '../../../src/application/case-reading/case-replay';
import type { RecordedEvent } from '../../../src/application/ports/event-store.port';
import { CasePointOutOfRangeError } from '../../../src/domain/audit/case-access.errors';
import type { CaseEvent } from '../../../src/domain/case/case.events';
import { anyCommandSequence } from '../../domain/case/case.arbitraries';
import { commands, stateOf } from '../../domain/case.fixtures';
import { acceptedEvents } from '../../projections/support/test-event-log';

const START = Date.parse('2025-03-10T09:00:00Z');

/** A stream as read: revision i recorded i minutes after the start, a pair of events at a time (one append). */
function recorded(history: readonly CaseEvent[]): RecordedEvent[] {
  return history.map((event, revision) => ({
    id: `e${revision}`,
    streamId: 'case-x',
    revision,
    checkpoint: `1:${revision}`,
    type: event.type,
    schemaVersion: 1,
    data: event.data,
    metadata: {
      occurredAt: '2025-03-01T00:00:00Z',
      recordedAt: new Date(START + Math.floor(revision / 2) * 60_000).toISOString(),
      actor: { userId: 'u', role: 'case_manager', organisationUnitId: 'ou' },
      correlationId: 'c',
      causationId: null,
    },
    hash: '',
  }));
}

const nonEmptyHistory = anyCommandSequence
  .map((sequence) => acceptedEvents([commands.openCase(), ...sequence]))
  .filter((history) => history.length > 0);

describe('replaying a case', () => {
  it('gives after each entry exactly the state folded from the entries up to it', () => {
    fc.assert(
      fc.property(nonEmptyHistory, (history) => {
        const steps = replaySteps(recorded(history));
        expect(steps).toHaveLength(history.length);
        steps.forEach((step, index) => {
          expect(step.event.revision).toBe(index);
          expect(step.stateAfter).toEqual(stateOf(history.slice(0, index + 1)));
        });
      }),
      { numRuns: 60 },
    );
  });

  it('cuts the stream at a revision and at an instant (by when each entry was recorded)', () => {
    fc.assert(
      fc.property(nonEmptyHistory, fc.nat(), (history, pick) => {
        const events = recorded(history);
        const revision = pick % events.length;
        expect(eventsUpTo(events, { kind: 'at_revision', revision }).map((e) => e.revision)).toEqual(events.slice(0, revision + 1).map((e) => e.revision));
        const asOf = events[revision].metadata.recordedAt;
        const upTo = eventsUpTo(events, { kind: 'as_of', asOf });
        // Everything recorded by then, including the rest of that entry's append.
        expect(upTo.every((e) => e.metadata.recordedAt <= asOf)).toBe(true);
        expect(events.slice(upTo.length).every((e) => e.metadata.recordedAt > asOf)).toBe(true);
        expect(upTo.length).toBeGreaterThan(revision);
      }),
      { numRuns: 60 },
    );
  });

  it('takes the whole case now, and one second before the next entry the case as it was', () => {
    const events = recorded(acceptedEvents([commands.openCase(), commands.recordConsent(), commands.assessNeeds()]));
    expect(eventsUpTo(events, { kind: 'now' })).toHaveLength(events.length);
    expect(eventsUpTo(events, { kind: 'as_of', asOf: new Date(START + 59_000).toISOString() })).toHaveLength(2);
    expect(eventsUpTo(events, { kind: 'as_of', asOf: '2030-01-01T00:00:00+01:00' })).toHaveLength(events.length);
  });

  it('refuses a revision the case has not reached and an instant before it was opened', () => {
    const events = recorded(acceptedEvents([commands.openCase(), commands.recordConsent()]));
    expect(() => eventsUpTo(events, { kind: 'at_revision', revision: events.length })).toThrow(CasePointOutOfRangeError);
    expect(() => eventsUpTo(events, { kind: 'as_of', asOf: '2025-03-10T08:59:59Z' })).toThrow(CasePointOutOfRangeError);
  });
});
