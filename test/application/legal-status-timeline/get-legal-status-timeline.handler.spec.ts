import { randomUUID } from 'node:crypto';
import { CaseAccessRecorder } from '../../../src/application/audit/case-access.recorder';
import { caseAccessStreamId } from '../../../src/application/cases/case-stream';
import { GetLegalStatusTimelineHandler } from '../../../src/application/legal-status-timeline/get-legal-status-timeline.handler';
import { GetLegalStatusTimelineQuery } from '../../../src/application/legal-status-timeline/get-legal-status-timeline.query';
import type { LegalStatusTimelineReadModel, TimelineOfCase } from '../../../src/application/legal-status-timeline/legal-status-timeline-read-model.port';
import { EventStoreUnavailableError } from '../../../src/application/ports/event-store.errors';
import type { EventStore } from '../../../src/application/ports/event-store.port';
import type { ReadModelWait } from '../../../src/application/ports/read-model-wait.port';
import type { Actor } from '../../../src/domain/case/access.policy';
import { CaseNotFoundError } from '../../../src/domain/case/case.errors';
import { PostgresEventStore } from '../../../src/infrastructure/event-store/postgres.event-store';
import { ACTORS, DISTRICT_ID, UNIT_ID, events } from '../../domain/case.fixtures';
import { openTestDatabase, type TestDatabase } from '../../support/test-database';

const NOW = new Date('2025-03-10T09:00:00Z');

describe('reading a legal-status timeline is a recorded read of the case', () => {
  let test: TestDatabase;
  let store: PostgresEventStore;
  const caseId = randomUUID();
  const timeline: TimelineOfCase = {
    scope: { organisationUnitId: UNIT_ID, districtId: DISTRICT_ID },
    entries: [{ kind: 'status', record: events.legalStatusChanged().data, caseId, revision: 2, eventId: randomUUID(), recordedAt: NOW.toISOString() }],
  };
  const timelines: LegalStatusTimelineReadModel = { find: async (id) => (id === caseId ? timeline : null) };
  const noWait: ReadModelWait = { untilApplied: async () => true };

  beforeAll(async () => {
    test = await openTestDatabase('pglite');
    store = new PostgresEventStore(test.database);
  });
  afterAll(async () => test?.dispose());

  const handlerOn = (events: EventStore) => new GetLegalStatusTimelineHandler(timelines, noWait, { now: () => NOW }, new CaseAccessRecorder(events, { now: () => NOW }));
  const read = (reader: Actor, id = caseId, requestId = randomUUID()) =>
    handlerOn(store).execute(new GetLegalStatusTimelineQuery(reader, id, { requestId, correlationId: randomUUID() }));
  const accessStream = (id = caseId) => store.readStream(caseAccessStreamId(id));

  it('records who read which timeline, once per request, before answering', async () => {
    const requestId = randomUUID();
    const answer = await read(ACTORS.caseManager, caseId, requestId);
    expect(answer.entries).toHaveLength(1);
    await read(ACTORS.caseManager, caseId, requestId);
    await read(ACTORS.auditor);

    const recorded = await accessStream();
    expect(recorded.map((event) => [event.type, event.metadata.actor.userId])).toEqual([
      ['CaseDataAccessed', ACTORS.caseManager.userId],
      ['CaseDataAccessed', ACTORS.auditor.userId],
    ]);
    expect(recorded[0].data).toEqual({
      caseId,
      access: 'view',
      view: 'legal_status_timeline',
      asOf: null,
      atRevision: null,
      personalData: 'masked',
      reason: null,
      revealed: [],
    });
    expect(recorded[0].metadata.causationId).toBe(requestId);
  });

  it('records nothing for a case the reader may not see, answering as for one that does not exist', async () => {
    const hidden = randomUUID();
    const other = { ...timelines, find: async () => timeline };
    const handler = new GetLegalStatusTimelineHandler(other, noWait, { now: () => NOW }, new CaseAccessRecorder(store, { now: () => NOW }));
    const query = new GetLegalStatusTimelineQuery(ACTORS.otherUnitCaseManager, hidden, { requestId: randomUUID(), correlationId: randomUUID() });
    await expect(handler.execute(query)).rejects.toBeInstanceOf(CaseNotFoundError);
    await expect(read(ACTORS.caseManager, randomUUID())).rejects.toBeInstanceOf(CaseNotFoundError);
    expect(await accessStream(hidden)).toEqual([]);
  });

  it('answers nothing when the read cannot be recorded', async () => {
    const down = Object.assign(Object.create(store) as EventStore, {
      append: async () => {
        throw new EventStoreUnavailableError('the store is down');
      },
    });
    const query = new GetLegalStatusTimelineQuery(ACTORS.coordination, caseId, { requestId: randomUUID(), correlationId: randomUUID() });
    await expect(handlerOn(down).execute(query)).rejects.toBeInstanceOf(EventStoreUnavailableError);
  });
});
