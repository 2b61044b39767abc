import type { NestExpressApplication } from '@nestjs/platform-express';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import request from 'supertest';
import { caseAccessStreamId, caseStreamId } from '../../../../src/application/cases/case-stream';
import { ExecuteCaseCommand } from '../../../../src/application/cases/execute-case-command';
import { ExecuteCaseCommandHandler, fold } from '../../../../src/application/cases/execute-case-command.handler';
import type { Principal } from '../../../../src/application/identity/principal';
import { EVENT_STORE, type EventStore } from '../../../../src/application/ports/event-store.port';
import { PERSONAL_DATA_VAULT, type PersonalDataVault } from '../../../../src/application/ports/personal-data-vault.port';
import type { CaseCommand } from '../../../../src/domain/case/case.commands';
import { type AppConfig, loadConfig } from '../../../../src/infrastructure/config/app.config';
import { ConfigModule } from '../../../../src/infrastructure/config/config.module';
import type { Database } from '../../../../src/infrastructure/database/database';
import { DATABASE } from '../../../../src/infrastructure/database/database.tokens';
import { ApiExceptionFilter } from '../../../../src/infrastructure/http/api-exception.filter';
import { AuditModule } from '../../../../src/infrastructure/http/audit/audit.module';
import { buildOpenApiDocument } from '../../../../src/infrastructure/http/openapi.document';
import { createValidationPipe } from '../../../../src/infrastructure/http/request-validation';
import { DEMO_DISTRICT, DEMO_PASSWORD } from '../../../../src/infrastructure/identity/demo-district.seed';
import { IdentityModule } from '../../../../src/infrastructure/identity/identity.module';
import { createLogger } from '../../../../src/infrastructure/logging/logger';
import { LoggingModule } from '../../../../src/infrastructure/logging/logging.module';
import { AuditTrailProjection } from '../../../../src/projections/audit-trail/audit-trail.projection';
import { PROJECTIONS } from '../../../../src/projections/projections.module';
import { CheckpointWaiter } from '../../../../src/projections/read/checkpoint.waiter';
import { CLIENT_PERSONAL, PII_MARKER, commands, metadata } from '../../../domain/case.fixtures';
import { givenDistrict, givenUser, PASSWORD } from '../../identity/identity.fixtures';

/**
 * Reading cases over HTTP as each role does, through the identity module's guards, on PGlite: what each
 * reader sees, that every read is recorded in the case's access stream before anything is shown, reveal with
 * a reason, integrity after a row was altered in the database, and the audit trail built by the runner.
 */
describe('case file, history, reveal, integrity and audit trail over HTTP (pglite)', () => {
  let app: NestExpressApplication;
  let database: Database;
  let store: EventStore;
  let handler: ExecuteCaseCommandHandler;
  const tokens = new Map<string, string>();
  const principals = new Map<string, Principal>();
  let caseId: string;

  async function signIn(username: string, password = DEMO_PASSWORD): Promise<string> {
    if (!tokens.has(username)) {
      const response = await request(app.getHttpServer()).post('/api/auth/tokens').send({ username, password }).expect(201);
      tokens.set(username, response.body.token as string);
      principals.set(username, response.body.principal as Principal);
    }
    return tokens.get(username)!;
  }
  /** Accounts sign in once, before the tests. */
  const tokenOf = (username: string): string => {
    const token = tokens.get(username);
    if (token === undefined) throw new Error(`${username} has not signed in`);
    return token;
  };
  const get = (path: string, username: string, headers: Record<string, string> = {}) =>
    request(app.getHttpServer()).get(path).set('Authorization', `Bearer ${tokenOf(username)}`).set(headers);
  const post = (path: string, username: string, body: object) =>
    request(app.getHttpServer()).post(path).set('Authorization', `Bearer ${tokenOf(username)}`).send(body);

  const run = (command: CaseCommand) =>
    handler.execute(new ExecuteCaseCommand(command, { commandId: randomUUID(), correlationId: randomUUID() }));
  const caseEvents = (id = caseId) => store.readStream(caseStreamId(id));
  const accessRecords = (id = caseId) => store.readStream(caseAccessStreamId(id));

  /** A case of the demo KI unit, kept by `cm-ki`, with notes in several entries. */
  async function givenCase(): Promise<string> {
    const id = randomUUID();
    const cm = principals.get('cm-ki')!;
    const meta = metadata({ actor: cm });
    const on = <C extends CaseCommand>(command: C): C => ({ ...command, data: { ...command.data, caseId: id } });
    await run(on(commands.openCase({ clientId: `client-${id}`, organisationUnitId: 'demo-ki', districtId: DEMO_DISTRICT.id, caseManagerId: cm.userId }, meta)));
    await run(on(commands.recordConsent({}, meta)));
    await run(on(commands.assessNeeds({}, meta)));
    await run(on(commands.agreeGoal({}, meta)));
    await run(on(commands.recordCounsellingSession({}, meta)));
    await run(on(commands.scheduleFollowUp({}, meta)));
    return id;
  }

  beforeAll(async () => {
    const config: AppConfig = { ...loadConfig({ KIM_MASTER_KEY: randomBytes(32).toString('base64') }), database: { kind: 'pglite', dataDir: null } };
    const moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(createLogger({ level: 'silent' })),
        IdentityModule.forRoot({ secureCookie: false, demoData: true }),
        AuditModule,
      ],
      providers: [
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
      ],
    })
      .overrideProvider(PROJECTIONS)
      .useValue([new AuditTrailProjection()])
      .compile();
    app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
    await app.init();
    database = app.get<Database>(DATABASE);
    store = app.get<EventStore>(EVENT_STORE);
    handler = new ExecuteCaseCommandHandler(store, app.get<PersonalDataVault>(PERSONAL_DATA_VAULT), { now: () => new Date() });

    for (const username of ['cm-ki', 'cm-drk', 'koordination', 'pruefung', 'berichtswesen']) await signIn(username);
    const elsewhere = await givenDistrict(database, 'd-elsewhere');
    await givenUser(database, { username: 'ko-elsewhere', role: 'coordination', organisationUnitId: elsewhere.ki.id, districtId: 'd-elsewhere' });
    await signIn('ko-elsewhere', PASSWORD);
    caseId = await givenCase();
  });
  afterAll(async () => app?.close());

  describe('the case file', () => {
    it('shows the case manager of the unit the current case with personal data, and records one view', async () => {
      const before = (await accessRecords()).length;
      const response = await get(`/api/cases/${caseId}`, 'cm-ki').expect(200);
      const events = await caseEvents();
      expect(response.body).toMatchObject({ caseId, revision: events.length - 1, point: { kind: 'now' }, personalData: 'plain' });
      expect(response.body.state).toEqual(fold(events));
      expect(response.body.events[0].data.client.personal).toEqual(CLIENT_PERSONAL);
      expect(response.body.events[0]).toMatchObject({ label: 'Fallaufnahme', summary: expect.stringMatching(/^Fall aufgenommen am 03\.03\.2025/) });

      const records = await accessRecords();
      expect(records).toHaveLength(before + 1);
      expect(records.at(-1)).toMatchObject({
        type: 'CaseDataAccessed',
        data: { caseId, access: 'view', view: 'case_file', personalData: 'plain', reason: null, asOf: null, atRevision: null },
        metadata: { actor: { userId: principals.get('cm-ki')!.userId, role: 'case_manager' } },
      });
    });

    it('is not found for a case manager of another unit, a case that does not exist, or an id that cannot be one, and records nothing', async () => {
      const before = (await accessRecords()).length;
      for (const [path, username] of [
        [`/api/cases/${caseId}`, 'cm-drk'],
        [`/api/cases/${caseId}/history`, 'cm-drk'],
        [`/api/cases/${randomUUID()}`, 'pruefung'],
        ['/api/cases/access-x', 'pruefung'],
        [`/api/cases/${caseId}`, 'ko-elsewhere'],
      ]) {
        const response = await get(path, username).expect(404);
        expect(response.body.code).toBe('case_not_found');
      }
      expect(await accessRecords()).toHaveLength(before);
      expect((await get(`/api/cases/${caseId}`, 'berichtswesen').expect(403)).body.code).toBe('role_not_permitted');
    });

    it('gives the case as it was at a revision and at an instant: the state folded from exactly the entries up to there', async () => {
      const events = await caseEvents();
      const atRevision = await get(`/api/cases/${caseId}?atRevision=2`, 'koordination').expect(200);
      expect(atRevision.body).toMatchObject({ revision: 2, point: { kind: 'at_revision', revision: 2 }, personalData: 'plain' });
      expect(atRevision.body.events.map((e: { eventId: string }) => e.eventId)).toEqual(events.slice(0, 3).map((e) => e.id));
      expect(atRevision.body.state).toEqual(fold(events.slice(0, 3)));

      const asOf = events[3].metadata.recordedAt;
      const atInstant = await get(`/api/cases/${caseId}?asOf=${encodeURIComponent(asOf)}`, 'pruefung').expect(200);
      const upTo = events.filter((e) => e.metadata.recordedAt <= asOf);
      expect(atInstant.body).toMatchObject({ revision: upTo.length - 1, point: { kind: 'as_of', asOf }, personalData: 'masked' });
      expect(atInstant.body.state).toEqual(fold(upTo));

      const records = await accessRecords();
      expect(records.slice(-2).map((r) => r.data)).toEqual([
        expect.objectContaining({ view: 'case_file', atRevision: 2, asOf: null, personalData: 'plain' }),
        expect.objectContaining({ view: 'case_file', atRevision: null, asOf, personalData: 'masked' }),
      ]);
    });

    it('refuses both points at once, malformed points and points outside the case, recording nothing', async () => {
      const before = (await accessRecords()).length;
      expect((await get(`/api/cases/${caseId}?atRevision=1&asOf=2025-03-10T09:00:00Z`, 'pruefung').expect(400)).body.errors).toEqual([
        { field: 'atRevision', message: expect.any(String) },
      ]);
      expect((await get(`/api/cases/${caseId}?atRevision=-1`, 'pruefung').expect(400)).body.errors[0].field).toBe('atRevision');
      expect((await get(`/api/cases/${caseId}?asOf=yesterday`, 'pruefung').expect(400)).body.errors[0].field).toBe('asOf');
      expect((await get(`/api/cases/${caseId}?atRevision=999`, 'pruefung').expect(422)).body.code).toBe('case_point_out_of_range');
      expect((await get(`/api/cases/${caseId}?asOf=2000-01-01T00:00:00Z`, 'pruefung').expect(422)).body.code).toBe('case_point_out_of_range');
      expect(await accessRecords()).toHaveLength(before);
    });

    it('records a retried read (same X-Request-Id) once', async () => {
      const before = (await accessRecords()).length;
      const headers = { 'X-Request-Id': `retry-${randomUUID()}` };
      await get(`/api/cases/${caseId}`, 'cm-ki', headers).expect(200);
      await get(`/api/cases/${caseId}`, 'cm-ki', headers).expect(200);
      expect(await accessRecords()).toHaveLength(before + 1);
      expect((await get(`/api/cases/${caseId}`, 'cm-ki', { 'X-Request-Id': 'not valid!' }).expect(400)).body.errors[0].field).toBe('X-Request-Id');
    });
  });

  describe('the history for auditors', () => {
    it('lists every entry with a German summary and the state after it, personal fields masked, and records the view with its reason', async () => {
      const response = await get(`/api/cases/${caseId}/history?reason=${encodeURIComponent('Prüfauftrag 2026-17')}`, 'pruefung').expect(200);
      const events = await caseEvents();
      expect(response.body).toMatchObject({ caseId, revision: events.length - 1, personalData: 'masked' });
      expect(response.body.entries).toHaveLength(events.length);
      response.body.entries.forEach((entry: { eventId: string; revision: number; stateAfter: unknown; summary: string }, index: number) => {
        expect(entry).toMatchObject({ eventId: events[index].id, revision: index, summary: expect.any(String) });
        expect(entry.stateAfter).toEqual(fold(events.slice(0, index + 1)));
      });
      expect(response.body.entries[0].data.client.personal).toEqual({ $masked: true });
      expect(JSON.stringify(response.body)).not.toContain(PII_MARKER);
      expect((await accessRecords()).at(-1)).toMatchObject({
        data: { access: 'view', view: 'history', personalData: 'masked', reason: 'Prüfauftrag 2026-17' },
        metadata: { actor: { role: 'auditor' } },
      });
    });

    it('refuses a reason that names the client (it would outlive an erasure), recording nothing', async () => {
      const before = (await accessRecords()).length;
      const response = await get(`/api/cases/${caseId}/history?reason=${encodeURIComponent('Anfrage Haddad')}`, 'pruefung').expect(422);
      expect(response.body).toMatchObject({ code: 'access_reason_names_client', field: 'reason' });
      expect(JSON.stringify(response.body)).not.toContain('Haddad');
      expect(await accessRecords()).toHaveLength(before);
    });
  });

  describe('reveal', () => {
    it('needs a reason (400) and records nothing without one', async () => {
      const before = (await accessRecords()).length;
      const response = await post(`/api/cases/${caseId}/reveal`, 'pruefung', { fields: ['note'] }).expect(400);
      expect(response.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'reason', message: 'Bitte füllen Sie dieses Feld aus.' }] });
      expect((await post(`/api/cases/${caseId}/reveal`, 'pruefung', { reason: '   ', fields: ['note'] }).expect(400)).body.errors[0].field).toBe('reason');
      expect(await accessRecords()).toHaveLength(before);
    });

    it('shows the chosen fields in plain text and nothing beside them, after recording the reveal with its reason and fields', async () => {
      const events = await caseEvents();
      const session = events.find((e) => e.type === 'CounsellingSessionHeld')!;
      const followUp = events.find((e) => e.type === 'FollowUpScheduled')!;
      const response = await post(`/api/cases/${caseId}/reveal`, 'pruefung', { reason: 'Prüfauftrag 2026-17', fields: ['note'] }).expect(200);
      expect(response.body).toMatchObject({ caseId, reason: 'Prüfauftrag 2026-17' });
      expect(response.body.events.map((e: { eventId: string; fields: string[] }) => [e.eventId, e.fields])).toEqual([
        [session.id, ['note']],
        [followUp.id, ['note']],
      ]);
      expect(response.body.events[0].data.note).toBe('Hausbesuch, Familie anwesend PII');

      const record = (await accessRecords()).at(-1)!;
      expect(record.data).toEqual({
        caseId,
        access: 'reveal',
        view: 'personal_data',
        asOf: null,
        atRevision: null,
        personalData: 'revealed',
        reason: 'Prüfauftrag 2026-17',
        revealed: [
          { eventId: session.id, fields: ['note'] },
          { eventId: followUp.id, fields: ['note'] },
        ],
      });
    });

    it('reveals all personal fields of chosen entries, masking the others of the case', async () => {
      const [opened, , assessed] = await caseEvents();
      const response = await post(`/api/cases/${caseId}/reveal`, 'pruefung', { reason: 'Prüfauftrag 2026-17', eventIds: [assessed.id] }).expect(200);
      expect(response.body.events).toHaveLength(1);
      expect(response.body.events[0]).toMatchObject({ eventId: assessed.id, fields: ['needs[].note'] });
      expect(response.body.events[0].data.needs[0].note).toBe('Duldung läuft ab PII');
      expect(JSON.stringify(response.body)).not.toContain(CLIENT_PERSONAL.familyName);
      expect(response.body.events.some((e: { eventId: string }) => e.eventId === opened.id)).toBe(false);
    });

    it('refuses an empty choice, an entry of another case, a reason naming the client and other roles, recording nothing', async () => {
      const before = (await accessRecords()).length;
      const reveal = (body: object, username = 'pruefung') => post(`/api/cases/${caseId}/reveal`, username, body);
      expect((await reveal({ reason: 'Prüfauftrag 2026-17' }).expect(422)).body.code).toBe('reveal_selection_required');
      expect((await reveal({ reason: 'Prüfauftrag 2026-17', eventIds: [randomUUID()] }).expect(422)).body.code).toBe('event_not_in_case');
      expect((await reveal({ reason: 'Prüfauftrag 2026-17', fields: ['client.personal.name'] }).expect(400)).body.errors[0].field).toBe('fields');
      expect((await reveal({ reason: 'Amina fragt nach', fields: ['note'] }).expect(422)).body.code).toBe('access_reason_names_client');
      expect((await reveal({ reason: 'Prüfauftrag 2026-17', fields: ['note'] }, 'koordination').expect(403)).body.code).toBe('role_not_permitted');
      expect(await accessRecords()).toHaveLength(before);
    });
  });

  describe('integrity', () => {
    it('finds both chains intact, for auditors and the coordination office; case managers may not check', async () => {
      for (const username of ['pruefung', 'koordination']) {
        const response = await get(`/api/cases/${caseId}/integrity`, username).expect(200);
        expect(response.body).toMatchObject({
          caseId,
          ok: true,
          case: { streamId: `case-${caseId}`, ok: true, firstBroken: null, eventsChecked: (await caseEvents()).length },
          accessLog: { streamId: `case-access-${caseId}`, ok: true, firstBroken: null },
        });
      }
      expect((await get(`/api/cases/${caseId}/integrity`, 'cm-ki').expect(403)).body.code).toBe('role_not_permitted');
      expect((await get(`/api/cases/${caseId}/integrity`, 'ko-elsewhere').expect(404)).body.code).toBe('case_not_found');
    });

    it('names the altered entry after a stored row was changed in the database', async () => {
      const altered = await givenCase();
      const victim = (await caseEvents(altered))[4];
      await sql`UPDATE kim_events SET data = ${JSON.stringify({ ...(victim.data as object), durationMinutes: 600 })}::json
        WHERE event_id = ${victim.id}`.execute(database.db);
      const response = await get(`/api/cases/${altered}/integrity`, 'pruefung').expect(200);
      expect(response.body).toMatchObject({
        ok: false,
        case: { ok: false, eventsChecked: 5, firstBroken: { revision: 4, eventId: victim.id, problem: 'hash_mismatch' } },
        accessLog: { ok: true },
      });
    });
  });

  describe('the audit trail', () => {
    beforeAll(async () => {
      const { checkpoint } = await store.readAll({ after: null, limit: 10_000 });
      const waited = await app.get(CheckpointWaiter).waitForCheckpoint(['audit_trail'], checkpoint!, 30_000);
      expect(waited.caughtUp).toBe(true);
    });

    it('lists changes and reads of a case for auditors, newest first, with who, what and why', async () => {
      const response = await get(`/api/audit-trail?caseId=${caseId}`, 'pruefung').expect(200);
      const events = [...(await caseEvents()), ...(await accessRecords())];
      expect(response.body.entries).toHaveLength(events.length);
      expect(response.body.entries.at(-1)).toMatchObject({ eventType: 'CaseOpened', accessKind: null, actor: { role: 'case_manager' } });
      const reveals = await get(`/api/audit-trail?caseId=${caseId}&accessKind=reveal`, 'pruefung').expect(200);
      expect(reveals.body.entries).toHaveLength(2);
      expect(reveals.body.entries[0]).toMatchObject({
        eventType: 'CaseDataAccessed',
        accessKind: 'reveal',
        reason: 'Prüfauftrag 2026-17',
        actor: { userId: principals.get('pruefung')!.userId, role: 'auditor' },
        revealed: [{ fields: ['needs[].note'] }],
      });
      expect(JSON.stringify(response.body)).not.toContain(PII_MARKER);
    });

    it('searches by person and kind of entry, and pages with a cursor', async () => {
      const auditor = principals.get('pruefung')!.userId;
      const mine = await get(`/api/audit-trail?actorUserId=${auditor}&eventType=CaseDataAccessed`, 'koordination').expect(200);
      expect(mine.body.entries.length).toBeGreaterThan(0);
      expect(mine.body.entries.every((e: { actor: { userId: string } }) => e.actor.userId === auditor)).toBe(true);

      const all = (await get(`/api/audit-trail?caseId=${caseId}`, 'pruefung').expect(200)).body.entries.map((e: { eventId: string }) => e.eventId);
      const first = await get(`/api/audit-trail?caseId=${caseId}&limit=3`, 'pruefung').expect(200);
      const second = await get(`/api/audit-trail?caseId=${caseId}&limit=3&cursor=${first.body.nextCursor}`, 'pruefung').expect(200);
      expect([...first.body.entries, ...second.body.entries].map((e: { eventId: string }) => e.eventId)).toEqual(all.slice(0, 6));
      expect((await get('/api/audit-trail?limit=0', 'pruefung').expect(400)).body.errors[0].field).toBe('limit');
      expect((await get('/api/audit-trail?from=gestern', 'pruefung').expect(400)).body.errors[0].field).toBe('from');
    });

    it('limits the coordination office to its district and is closed to case managers', async () => {
      expect((await get(`/api/audit-trail?caseId=${caseId}`, 'koordination').expect(200)).body.entries.length).toBeGreaterThan(0);
      expect((await get(`/api/audit-trail?caseId=${caseId}`, 'ko-elsewhere').expect(200)).body).toEqual({ entries: [], nextCursor: null });
      expect((await get('/api/audit-trail', 'cm-ki').expect(403)).body.code).toBe('role_not_permitted');
    });
  });

  it('is described in the OpenAPI document: routes, the request id header and the reveal body', () => {
    const document = buildOpenApiDocument(app);
    for (const path of ['/api/cases/{caseId}', '/api/cases/{caseId}/history', '/api/cases/{caseId}/integrity', '/api/audit-trail']) {
      expect(document.paths[path]?.get).toBeDefined();
    }
    const reveal = document.paths['/api/cases/{caseId}/reveal']?.post;
    expect(reveal?.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'X-Request-Id', in: 'header' })]));
    expect(JSON.stringify(reveal?.requestBody)).toContain('RevealRequest');
    expect(document.components?.schemas?.RevealRequest).toMatchObject({ required: ['reason'] });
  });
});
