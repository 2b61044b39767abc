import { v5 as uuidV5 } from 'uuid';
import type { RecordedEvent } from '../../src/application/ports/event-store.port';
import type { Actor } from '../../src/domain/case/access.policy';
import { decide } from '../../src/domain/case/case.decider';
import { CASE_EVENT_SCHEMA_VERSIONS } from '../../src/domain/case/case.events';
import { evolve, initialState, type CaseState } from '../../src/domain/case/case.state';
import type { CalendarDate } from '../../src/domain/time/calendar-date.value';
import { SeededRandom } from '../../src/infrastructure/demo/seeded-random';
import { syntheticCaseCommands } from '../../src/infrastructure/demo/synthetic-case.generator';

/**
 * A district's event log at benchmark scale, without a store: the demo generator's realistic histories, each
 * command decided by the real decider, the events enveloped as the store records them. Yields whole cases,
 * in batches, until at least `events` events exist.
 */
export const BENCH_DISTRICT = '05370';
/** Ids as the installation makes them (UUIDs): their length is much of what a report reads. */
const NAMESPACE = '3b0f5c8e-9a41-4e7c-8d2a-5f6e7a8b9c0d';
const id = (name: string) => uuidV5(name, NAMESPACE);
export const BENCH_UNITS = ['ki', 'drk', 'diakonie'].map((unit) => id(`unit/${unit}`));

const CASE_MANAGERS: ReadonlyArray<Actor & { organisationUnitId: string }> = BENCH_UNITS.flatMap((unit, u) =>
  [1, 2, 3, 4].map((n) => ({ userId: id(`user/${u}/${n}`), role: 'case_manager' as const, organisationUnitId: unit, districtId: BENCH_DISTRICT })),
);

export function* syntheticLog(events: number, today: CalendarDate, batchSize: number): Generator<RecordedEvent[]> {
  let produced = 0;
  let batch: RecordedEvent[] = [];
  for (let index = 0; produced < events; index++) {
    const random = new SeededRandom(1_000_003 * 7 + index);
    const caseId = id(`case/${index}`);
    const commands = syntheticCaseCommands(random, { caseId, clientId: id(`client/${index}`), caseManager: CASE_MANAGERS[index % CASE_MANAGERS.length], today });
    let state: CaseState = initialState();
    let revision = 0;
    for (const command of commands) {
      for (const event of decide(command, state)) {
        state = evolve(state, event);
        const at = command.metadata.now.replace('Z', '.000Z');
        batch.push({
          id: id(`event/${caseId}/${revision}`),
          streamId: `case-${caseId}`,
          revision: revision++,
          checkpoint: String(produced + batch.length),
          type: event.type,
          schemaVersion: CASE_EVENT_SCHEMA_VERSIONS[event.type],
          data: event.data,
          metadata: { occurredAt: at, recordedAt: at, actor: command.metadata.actor, correlationId: caseId, causationId: null },
          hash: '',
        });
      }
    }
    if (batch.length >= batchSize) {
      produced += batch.length;
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
