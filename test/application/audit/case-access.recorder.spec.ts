import { randomUUID } from 'node:crypto';
import { type CaseAccess, CaseAccessRecorder } from '../../../src/application/audit/case-access.recorder';
import { caseAccessStreamId } from '../../../src/application/cases/case-stream';
import { AccessReasonInvalidError } from '../../../src/domain/audit/case-access.errors';
import { verifyChain } from '../../../src/infrastructure/event-store/integrity';
import { PostgresEventStore } from '../../../src/infrastructure/event-store/postgres.event-store';
import { ACTORS } from '../../domain/case.fixtures';
import { availableDatabaseKinds, openTestDatabase, type TestDatabase } from '../../support/test-database';

describe.each(availableDatabaseKinds())('recording reads of a case in its access stream (%s)', (kind) => {
  let test: TestDatabase;
  let store: PostgresEventStore;
  let recorder: CaseAccessRecorder;
  const now = new Date('2026-02-03T10:00:00Z');

  beforeAll(async () => {
    test = await openTestDatabase(kind);
    store = new PostgresEventStore(test.database);
    recorder = new CaseAccessRecorder(store, { now: () => now });
  });
  afterAll(async () => test?.dispose());

  const view = (caseId: string, overrides: Partial<CaseAccess> = {}): CaseAccess => ({
    caseId,
    reader: ACTORS.auditor,
    request: { requestId: randomUUID(), correlationId: randomUUID() },
    access: 'view',
    view: 'history',
    asOf: null,
    atRevision: null,
    personalData: 'masked',
    reason: 'Prüfauftrag 2026-17',
    revealed: [],
    ...overrides,
  });
  const accessStream = (caseId: string) => store.readStream(caseAccessStreamId(caseId));

  it('appends exactly one CaseDataAccessed per read: who, when, which case, why', async () => {
    const caseId = randomUUID();
    const access = view(caseId, { reason: '  Prüfauftrag   2026-17 ' });
    const recorded = await recorder.record(access);

    const stream = await accessStream(caseId);
    expect(stream).toHaveLength(1);
    expect(recorded).toEqual({ eventId: stream[0].id, written: true, checkpoint: stream[0].checkpoint });
    expect(stream[0]).toMatchObject({
      type: 'CaseDataAccessed',
      schemaVersion: 1,
      data: {
        caseId,
        access: 'view',
        view: 'history',
        asOf: null,
        atRevision: null,
        personalData: 'masked',
        reason: 'Prüfauftrag 2026-17',
        revealed: [],
      },
      metadata: {
        occurredAt: now.toISOString(),
        actor: { userId: ACTORS.auditor.userId, role: 'auditor', organisationUnitId: null, districtId: ACTORS.auditor.districtId },
        correlationId: access.request.correlationId,
        causationId: access.request.requestId,
      },
    });
  });

  it('appends nothing for a repeat of the same request', async () => {
    const caseId = randomUUID();
    const access = view(caseId);
    const first = await recorder.record(access);
    const repeat = await recorder.record(access);
    expect(repeat).toEqual({ ...first, written: false });
    expect(await accessStream(caseId)).toHaveLength(1);
  });

  it('records a different read, or another reader, under a reused request id as reads of their own', async () => {
    const caseId = randomUUID();
    const request = { requestId: 'reused-1', correlationId: randomUUID() };
    await recorder.record(view(caseId, { request }));
    await recorder.record(view(caseId, { request, view: 'case_file', atRevision: 2 }));
    await recorder.record(view(caseId, { request, reader: ACTORS.coordination }));
    expect(await accessStream(caseId)).toHaveLength(3);
  });

  it('never conflicts: concurrent reads are all recorded, and the access stream is hash-chained like the case', async () => {
    const caseId = randomUUID();
    await Promise.all(Array.from({ length: 6 }, () => recorder.record(view(caseId))));
    const stream = await accessStream(caseId);
    expect(stream.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(verifyChain(caseAccessStreamId(caseId), stream)).toMatchObject({ ok: true, eventsChecked: 6 });
  });

  it('appends nothing when the reason cannot be recorded', async () => {
    const caseId = randomUUID();
    await expect(recorder.record(view(caseId, { reason: 'zwei\nZeilen' }))).rejects.toThrow(AccessReasonInvalidError);
    expect(await accessStream(caseId)).toHaveLength(0);
  });
});
