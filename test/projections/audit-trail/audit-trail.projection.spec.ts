import { randomBytes, randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { CaseAccessRecorder } from '../../../src/application/audit/case-access.recorder';
import type { AuditTrailFilter } from '../../../src/application/audit/audit-trail.port';
import { ExecuteCaseCommand } from '../../../src/application/cases/execute-case-command';
import { ExecuteCaseCommandHandler } from '../../../src/application/cases/execute-case-command.handler';
import type { RecordedEvent } from '../../../src/application/ports/event-store.port';
import type { Actor } from '../../../src/domain/case/access.policy';
import type { CaseCommand } from '../../../src/domain/case/case.commands';
import { PostgresPersonalDataVault } from '../../../src/infrastructure/crypto/postgres.personal-data-vault';
import { PostgresEventStore } from '../../../src/infrastructure/event-store/postgres.event-store';
import { AuditTrailProjection } from '../../../src/projections/audit-trail/audit-trail.projection';
import { searchAuditTrail } from '../../../src/projections/audit-trail/audit-trail.table';
import { ACTORS, DISTRICT_ID, OTHER_DISTRICT_ID, PII_MARKER, PII_WITHOUT_MARKER, commands, metadata, withReason } from '../../domain/case.fixtures';
import { availableDatabaseKinds, openTestDatabase, type TestDatabase } from '../../support/test-database';
import { untilVisible } from '../support/projection-test.kit';
import { applyInBatches, dropProjectionSchemas, freshProjectionSchema } from '../support/test-event-log';

describe.each(availableDatabaseKinds())('audit trail projection (%s)', (kind) => {
  let test: TestDatabase;
  let store: PostgresEventStore;
  let handler: ExecuteCaseCommandHandler;
  let recorder: CaseAccessRecorder;
  let log: RecordedEvent[];
  let schema: string;
  const projection = new AuditTrailProjection();
  const T0 = Date.parse('2026-01-05T08:00:00Z');
  let minutes = 0;
  /** Each append is recorded one minute after the previous one. */
  const storeClock = () => new Date(T0 + ++minutes * 60_000);
  const atMinute = (n: number) => new Date(T0 + n * 60_000).toISOString();

  const caseA = randomUUID();
  const caseB = randomUUID();
  const otherDistrictCase = randomUUID();

  const run = (command: CaseCommand) =>
    handler.execute(new ExecuteCaseCommand(command, { commandId: randomUUID(), correlationId: randomUUID() }));
  const open = async (caseId: string, actor: Actor) => {
    const meta = metadata({ actor });
    await run(commands.openCase({ caseId, clientId: `client-${caseId}`, districtId: actor.districtId, organisationUnitId: actor.organisationUnitId! }, meta));
    await run(commands.recordConsent({ caseId }, meta));
  };
  const read = (caseId: string, reader: Actor, overrides: Partial<Parameters<CaseAccessRecorder['record']>[0]> = {}) =>
    recorder.record({
      caseId,
      reader,
      request: { requestId: randomUUID(), correlationId: randomUUID() },
      access: 'view',
      view: 'history',
      asOf: null,
      atRevision: null,
      personalData: reader.role === 'auditor' ? 'masked' : 'plain',
      reason: null,
      revealed: [],
      ...overrides,
    });
  const search = (filter: AuditTrailFilter, page = { limit: 100, cursor: null as string | null }) =>
    searchAuditTrail(test.database.db as unknown as Kysely<unknown>, schema, filter, page);

  beforeAll(async () => {
    test = await openTestDatabase(kind);
    store = new PostgresEventStore(test.database, { clock: storeClock });
    handler = new ExecuteCaseCommandHandler(store, new PostgresPersonalDataVault(test.database, randomBytes(32)), { now: () => new Date() });
    recorder = new CaseAccessRecorder(store, { now: () => new Date('2026-01-05T09:00:00Z') });

    await open(caseA, ACTORS.caseManager); // minutes 1-2
    await read(caseA, ACTORS.caseManager, { view: 'case_file' }); // 3
    await open(caseB, ACTORS.caseManager); // 4-5
    await run(commands.reassignCase({ caseId: caseA }, withReason())); // 6
    await read(caseA, ACTORS.auditor, { reason: 'Prüfauftrag 2026-17' }); // 7
    await open(otherDistrictCase, ACTORS.otherDistrictCaseManager); // 8-9
    await read(caseB, ACTORS.auditor, {
      access: 'reveal',
      view: 'personal_data',
      personalData: 'revealed',
      reason: 'Prüfauftrag 2026-17',
      revealed: [{ eventId: randomUUID(), fields: ['client.personal'] }],
    }); // 10
    await read(otherDistrictCase, ACTORS.otherDistrictCaseManager); // 11
    const last = await store.append('identity-unrelated', [{ id: randomUUID(), type: 'SomethingElse', schemaVersion: 1, data: {}, metadata: { occurredAt: atMinute(0), actor: { userId: 'x', role: 'administrator', organisationUnitId: null }, correlationId: 'c', causationId: null } }], 'any');
    // Another session's open transaction on a shared server can hold the last appends back from the global log.
    await untilVisible(store, last.checkpoint);

    log = (await store.readAll({ after: null, limit: 1_000 })).events;
    schema = await freshProjectionSchema(test.database, projection);
    // Small batches: a read lands in a later batch than the intake that names its case's district.
    await applyInBatches(test.database, projection, schema, chunks(log, 3));
  });
  afterAll(async () => {
    await dropProjectionSchemas(test.database);
    await test?.dispose();
  });

  it('has one entry per event of every case and access stream, newest first, and nothing of other streams', async () => {
    const { entries } = await search({});
    const expected = log.filter((e) => e.streamId !== 'identity-unrelated').reverse();
    expect(entries.map((e) => e.eventId)).toEqual(expected.map((e) => e.id));
  });

  it('says who, when, what, which case and why for a change, with its reason still sealed', async () => {
    const { entries } = await search({ caseId: caseA, eventType: 'CaseReassigned' });
    const reassigned = log.find((e) => e.type === 'CaseReassigned')!;
    expect(entries).toEqual([
      {
        eventId: reassigned.id,
        streamId: `case-${caseA}`,
        revision: reassigned.revision,
        caseId: caseA,
        eventType: 'CaseReassigned',
        accessKind: null,
        summary: expect.stringMatching(/^Fall übergeben von /),
        actor: { userId: ACTORS.caseManager.userId, role: 'case_manager', organisationUnitId: ACTORS.caseManager.organisationUnitId, districtId: DISTRICT_ID },
        occurredAt: reassigned.metadata.occurredAt,
        recordedAt: atMinute(6),
        reason: null,
        reasonSealed: true,
        revealed: null,
      },
    ]);
  });

  it('says who read which case, how and why, and which fields a reveal showed', async () => {
    const views = await search({ caseId: caseA, accessKind: 'view' });
    expect(views.entries.map((e) => [e.actor.userId, e.summary, e.reason])).toEqual([
      [ACTORS.auditor.userId, 'Einsicht: Verlauf (personenbezogene Daten maskiert)', 'Prüfauftrag 2026-17'],
      [ACTORS.caseManager.userId, 'Einsicht: Fallakte (mit personenbezogenen Daten)', null],
    ]);
    expect(views.entries[0]).toMatchObject({ streamId: `case-access-${caseA}`, eventType: 'CaseDataAccessed', accessKind: 'view', reasonSealed: false });
    const reveals = await search({ accessKind: 'reveal' });
    expect(reveals.entries).toHaveLength(1);
    expect(reveals.entries[0]).toMatchObject({ caseId: caseB, reason: 'Prüfauftrag 2026-17', revealed: [{ fields: ['client.personal'] }] });
  });

  it('holds no personal data of any client', async () => {
    const rows = await sql<{ row: unknown }>`
      SELECT row_to_json(t) AS row FROM ${sql.id(schema, 'audit_trail')} t
      UNION ALL SELECT row_to_json(n) FROM ${sql.id(schema, 'audit_trail_names')} n`.execute(test.database.db);
    const stored = JSON.stringify(rows.rows);
    expect(stored).toContain(caseA);
    expect(stored).not.toContain(PII_MARKER);
    for (const value of PII_WITHOUT_MARKER) expect(stored).not.toContain(value);
  });

  it('filters by person, kind of entry and time (recorded from, inclusive, to, exclusive)', async () => {
    expect((await search({ actorUserId: ACTORS.auditor.userId })).entries.map((e) => e.accessKind)).toEqual(['reveal', 'view']);
    expect((await search({ eventType: 'CaseOpened' })).entries.map((e) => e.caseId)).toEqual([otherDistrictCase, caseB, caseA]);
    const window = await search({ from: atMinute(6), to: atMinute(8) });
    expect(window.entries.map((e) => e.recordedAt)).toEqual([atMinute(7), atMinute(6)]);
  });

  it('limits a district to its own cases, reads by people from elsewhere included', async () => {
    const mine = await search({ districtId: DISTRICT_ID });
    expect(new Set(mine.entries.map((e) => e.caseId))).toEqual(new Set([caseA, caseB]));
    const other = await search({ districtId: OTHER_DISTRICT_ID });
    expect(new Set(other.entries.map((e) => e.caseId))).toEqual(new Set([otherDistrictCase]));
    expect(other.entries).toHaveLength(3);
  });

  it('pages newest first without gaps or repeats', async () => {
    const all = (await search({})).entries.map((e) => e.eventId);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await search({}, { limit: 4, cursor });
      expect(page.entries.length).toBeLessThanOrEqual(4);
      seen.push(...page.entries.map((e) => e.eventId));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen).toEqual(all);
  });

  it('gives the same trail whatever the batches, and a redelivered batch changes nothing', async () => {
    const other = await freshProjectionSchema(test.database, projection);
    await applyInBatches(test.database, projection, other, [log, log.slice(2, 7)]);
    const db = test.database.db as unknown as Kysely<unknown>;
    const rebuilt = await searchAuditTrail(db, other, {}, { limit: 100, cursor: null });
    expect(rebuilt.entries).toEqual((await search({})).entries);
  });

  it('gives the same trail, districts included, when one run of batches remembers the district of each case', async () => {
    const other = await freshProjectionSchema(test.database, projection);
    await applyInBatches(test.database, projection, other, chunks(log, 2), { run: {} });
    const db = test.database.db as unknown as Kysely<unknown>;
    const rebuilt = await searchAuditTrail(db, other, {}, { limit: 100, cursor: null });
    expect(rebuilt.entries).toEqual((await search({})).entries);
    expect(await searchAuditTrail(db, other, { districtId: OTHER_DISTRICT_ID }, { limit: 100, cursor: null })).toEqual(await search({ districtId: OTHER_DISTRICT_ID }));
  });

  it('takes only the new events when a new run of batches begins with events an earlier run stored', async () => {
    const other = await freshProjectionSchema(test.database, projection);
    await applyInBatches(test.database, projection, other, chunks(log.slice(0, 8), 4), { run: {} });
    // As a runner resumes after a crash in doubt: from an older position, then on from where it got.
    await applyInBatches(test.database, projection, other, [log.slice(5, 10), log.slice(10)], { run: {} });
    const db = test.database.db as unknown as Kysely<unknown>;
    expect((await searchAuditTrail(db, other, {}, { limit: 100, cursor: null })).entries).toEqual((await search({})).entries);
  });

  it('takes only the new events of a batch that begins with events it already has', async () => {
    const other = await freshProjectionSchema(test.database, projection);
    await applyInBatches(test.database, projection, other, [log.slice(0, 6), log.slice(3)]);
    const db = test.database.db as unknown as Kysely<unknown>;
    const rebuilt = await searchAuditTrail(db, other, {}, { limit: 100, cursor: null });
    expect(rebuilt.entries).toEqual((await search({})).entries);
  });

  it('keeps going past a row altered by hand: an envelope without times, a summary without the altered value', async () => {
    const other = await freshProjectionSchema(test.database, projection);
    const [opened, consent] = log.filter((e) => e.streamId === `case-${caseA}`);
    const altered: RecordedEvent = { ...consent, data: { ...(consent.data as object), purpose: 'Amina PII' }, metadata: {} as RecordedEvent['metadata'] };
    await applyInBatches(test.database, projection, other, [[opened, altered]]);
    const db = test.database.db as unknown as Kysely<unknown>;
    const [entry] = (await searchAuditTrail(db, other, { eventType: 'ConsentRecorded' }, { limit: 10, cursor: null })).entries;
    expect(entry).toMatchObject({ eventId: consent.id, occurredAt: '', recordedAt: null, actor: { userId: '', role: '' } });
    expect(entry.summary).not.toContain(PII_MARKER);
  });
});

function chunks<T>(items: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, index) => items.slice(index * size, index * size + size));
}
