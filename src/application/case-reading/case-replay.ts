import { CasePointOutOfRangeError } from '../../domain/audit/case-access.errors';
import type { CaseEvent } from '../../domain/case/case.events';
import { type CaseState, evolve, initialState } from '../../domain/case/case.state';
import type { RecordedEvent } from '../ports/event-store.port';

/** Which state of a case: now, as it was at an instant (by when the store recorded it), or at a revision. */
export type CasePoint = { kind: 'now' } | { kind: 'as_of'; asOf: string } | { kind: 'at_revision'; revision: number };

export interface ReplayStep {
  event: RecordedEvent;
  /** The case right after this event: holds nothing personal, so the replay needs no key. */
  stateAfter: CaseState;
}

/** The case's events one by one with the state each left behind: the fold, kept step by step. */
export function replaySteps(events: readonly RecordedEvent[]): ReplayStep[] {
  let state = initialState();
  return events.map((event) => {
    state = evolve(state, { type: event.type, data: event.data } as CaseEvent);
    return { event, stateAfter: state };
  });
}

/**
 * The prefix of a stream read forwards from revision 0 that makes up the case at `point`. `as_of` compares the
 * store's `recordedAt` (what the system knew then), not `occurredAt` (which a late entry sets in the past).
 */
export function eventsUpTo(events: readonly RecordedEvent[], point: CasePoint): readonly RecordedEvent[] {
  const lastRevision = events.length - 1;
  switch (point.kind) {
    case 'now':
      return events;
    case 'at_revision':
      if (point.revision > lastRevision) throw new CasePointOutOfRangeError(lastRevision);
      return events.slice(0, point.revision + 1);
    case 'as_of': {
      const limit = Date.parse(point.asOf);
      const count = events.findIndex((event) => Date.parse(event.metadata.recordedAt) > limit);
      if (count === 0) throw new CasePointOutOfRangeError(lastRevision);
      return count < 0 ? events : events.slice(0, count);
    }
  }
}
