import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import { caseAccessStreamId } from '../../../../src/application/cases/case-stream';
import { ExecuteCaseCommand } from '../../../../src/application/cases/execute-case-command';
import { ExecuteCaseCommandHandler } from '../../../../src/application/cases/execute-case-command.handler';
import type { Principal } from '../../../../src/application/identity/principal';
import { CLOCK } from '../../../../src/application/ports/clock.port';
import { EVENT_STORE, type EventStore } from '../../../../src/application/ports/event-store.port';
import { PERSONAL_DATA_VAULT, type PersonalDataVault } from '../../../../src/application/ports/personal-data-vault.port';
import type { CaseCommand } from '../../../../src/domain/case/case.commands';
import { type AppConfig, loadConfig } from '../../../../src/infrastructure/config/app.config';
import { ConfigModule } from '../../../../src/infrastructure/config/config.module';
import { ApiExceptionFilter } from '../../../../src/infrastructure/http/api-exception.filter';
import { buildOpenApiDocument } from '../../../../src/infrastructure/http/openapi.document';
import { createValidationPipe } from '../../../../src/infrastructure/http/request-validation';
import { DEMO_DISTRICT, DEMO_PASSWORD } from '../../../../src/infrastructure/identity/demo-district.seed';
import { IdentityModule } from '../../../../src/infrastructure/identity/identity.module';
import { createLogger } from '../../../../src/infrastructure/logging/logger';
import { LoggingModule } from '../../../../src/infrastructure/logging/logging.module';
import { DEFAULT_PROJECTIONS_OPTIONS, PROJECTIONS, PROJECTIONS_OPTIONS } from '../../../../src/projections/projections.module';
import { CASE_READ_MODEL_PROJECTIONS } from '../../../../src/projections/case-read-models.catalog';
import { ReadModelsModule } from '../../../../src/projections/read-models.module';
import { CLIENT_PERSONAL, NOW, PII_MARKER, commands, events, metadata, withReason } from '../../../domain/case.fixtures';

/**
 * The caseload and the legal-status timeline over HTTP, through the identity module's guards, with the
 * projection runners feeding both read models from the log on PGlite. Commands go through the command
 * handler; each read waits for the command's checkpoint (read-your-writes).
 */
describe('caseload and legal-status timeline over HTTP (pglite)', () => {
  let app: NestExpressApplication;
  let handler: ExecuteCaseCommandHandler;
  const logLines: string[] = [];
  const tokens = new Map<string, string>();
  const principals = new Map<string, Principal>();
  let kiCase: string;
  let drkCase: string;
  let checkpoint: string;

  const get = (path: string, username?: string) => {
    const call = request(app.getHttpServer()).get(path);
    return username === undefined ? call : call.set('Authorization', `Bearer ${tokens.get(username)}`);
  };
  const after = (path: string) => `${path}${path.includes('?') ? '&' : '?'}waitFor=${encodeURIComponent(checkpoint)}`;

  const onCase = (caseId: string, command: CaseCommand): CaseCommand => ({ ...command, data: { ...command.data, caseId } }) as CaseCommand;

  async function run(command: CaseCommand): Promise<void> {
    const result = await handler.execute(new ExecuteCaseCommand(command, { commandId: randomUUID(), correlationId: randomUUID() }));
    checkpoint = result.checkpoint ?? checkpoint;
  }

  /** A case of `unit`, kept by `username`, with the client's name as given. */
  async function givenCase(username: string, unit: string, givenName: string, work: (meta: ReturnType<typeof metadata>) => CaseCommand[]): Promise<string> {
    const id = randomUUID();
    const cm = principals.get(username) as Principal;
    const meta = metadata({ actor: cm });
    const on = (command: CaseCommand) => onCase(id, command);
    const client = { personal: { ...CLIENT_PERSONAL, givenName }, profile: events.caseOpened().data.client.profile };
    await run(on(commands.openCase({ clientId: `client-${id}`, organisationUnitId: unit, districtId: DEMO_DISTRICT.id, caseManagerId: cm.userId, client }, meta)));
    for (const command of [commands.recordConsent({}, meta), ...work(meta)]) await run(on(command));
    return id;
  }

  beforeAll(async () => {
    const config: AppConfig = { ...loadConfig({ KIM_MASTER_KEY: randomBytes(32).toString('base64') }), database: { kind: 'pglite', dataDir: null } };
    const logger = createLogger({ level: 'debug', destination: { write: (line: string) => logLines.push(line) } });
    const moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(logger),
        IdentityModule.forRoot({ secureCookie: false, demoData: true }),
        ReadModelsModule.forRoot(),
      ],
      providers: [
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
      ],
    })
      .overrideProvider(PROJECTIONS)
      .useValue(CASE_READ_MODEL_PROJECTIONS)
      .overrideProvider(PROJECTIONS_OPTIONS)
      .useValue({ ...DEFAULT_PROJECTIONS_OPTIONS, waitPollMs: 10 })
      // The fixtures' commands are dated around 10 March 2025: "today" for the flags is that day.
      .overrideProvider(CLOCK)
      .useValue({ now: () => new Date(NOW) })
      .compile();
    app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
    await app.init();
    handler = new ExecuteCaseCommandHandler(app.get<EventStore>(EVENT_STORE), app.get<PersonalDataVault>(PERSONAL_DATA_VAULT), { now: () => new Date(NOW) });

    for (const username of ['cm-ki', 'cm-drk', 'koordination', 'pruefung', 'berichtswesen', 'admin']) {
      const response = await request(app.getHttpServer()).post('/api/auth/tokens').send({ username, password: DEMO_PASSWORD }).expect(201);
      tokens.set(username, response.body.token as string);
      principals.set(username, response.body.principal as Principal);
    }
    kiCase = await givenCase('cm-ki', 'demo-ki', 'Amina PII', (meta) => [
      commands.changeLegalStatus({}, meta),
      commands.changeJurisdiction({ to: 'asylblg' }, meta),
      commands.scheduleFollowUp({ dueOn: '2025-03-07' }, meta),
    ]);
    drkCase = await givenCase('cm-drk', 'demo-drk', 'Olena PII', () => []);
  });
  afterAll(async () => app?.close());

  describe('GET /api/caseload', () => {
    it('needs a signed-in user', async () => {
      const response = await get('/api/caseload').expect(401);
      expect(response.body.code).toBe('unauthenticated');
    });

    it.each(['pruefung', 'berichtswesen', 'admin'])('is refused to %s', async (username) => {
      const response = await get('/api/caseload', username).expect(403);
      expect(response.body).toMatchObject({ statusCode: 403, code: 'role_not_permitted' });
    });

    it("shows a case manager only the unit's cases, with the client's name decrypted and nothing kept in caches", async () => {
      const response = await get(after('/api/caseload'), 'cm-ki').expect(200);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.body).toMatchObject({ today: '2025-03-10', caughtUp: true, total: 1, limit: 50, offset: 0 });
      expect(response.body.items).toEqual([
        expect.objectContaining({
          caseId: kiCase,
          organisationUnitId: 'demo-ki',
          caseManagerId: principals.get('cm-ki')?.userId,
          client: { displayName: 'Haddad PII, Amina PII', erased: false },
          followUps: { nextDueOn: '2025-03-07', overdueCount: 1 },
          urgent: true,
        }),
      ]);
      const drk = await get(after('/api/caseload?mine=true'), 'cm-drk').expect(200);
      expect(drk.body.items.map((item: { caseId: string }) => item.caseId)).toEqual([drkCase]);
    });

    it('shows coordination the whole district with names, filterable by unit', async () => {
      const all = await get(after('/api/caseload'), 'koordination').expect(200);
      expect(all.body.items.map((item: { caseId: string; client: { displayName: string } }) => [item.caseId, item.client.displayName])).toEqual([
        [kiCase, 'Haddad PII, Amina PII'],
        [drkCase, 'Haddad PII, Olena PII'],
      ]);
      const drk = await get(after('/api/caseload?organisationUnitId=demo-drk'), 'koordination').expect(200);
      expect(drk.body.total).toBe(1);
    });

    it("refuses a case manager another unit's caseload", async () => {
      const response = await get('/api/caseload?organisationUnitId=demo-drk', 'cm-ki').expect(403);
      expect(response.body.code).toBe('caseload_outside_scope');
    });

    it('refuses malformed parameters with one message per parameter', async () => {
      const response = await get('/api/caseload?limit=0&sort=name&overdue=yes&colour=red', 'cm-ki').expect(400);
      expect(response.body.code).toBe('validation_failed');
      expect(response.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['colour', 'overdue', 'sort']);
      expect((await get('/api/caseload?limit=0', 'cm-ki').expect(400)).body.errors).toEqual([
        { field: 'limit', message: 'Bitte geben Sie eine ganze Zahl von 1 bis 200 an.' },
      ]);
      expect((await get('/api/caseload?waitFor=no-checkpoint', 'cm-ki').expect(422)).body.code).toBe('invalid_checkpoint');
    });
  });

  describe('GET /api/cases/{caseId}/legal-status-timeline', () => {
    const path = (id: string) => `/api/cases/${id}/legal-status-timeline`;

    it('needs a signed-in user and a role that reads cases', async () => {
      await get(path(kiCase)).expect(401);
      for (const username of ['berichtswesen', 'admin']) expect((await get(path(kiCase), username).expect(403)).body.code).toBe('role_not_permitted');
    });

    it('shows the unit, coordination and auditors the statuses and jurisdiction changes, without personal data', async () => {
      for (const username of ['cm-ki', 'koordination', 'pruefung']) {
        const response = await get(after(path(kiCase)), username).expect(200);
        expect(response.headers['cache-control']).toBe('no-store');
        expect(response.body).toMatchObject({
          caseId: kiCase,
          caughtUp: true,
          current: { validity: 'expiring_soon', daysUntilExpiry: 52, expiryWarning: true },
          jurisdiction: { code: 'asylblg' },
        });
        expect(response.body.entries.map((entry: { kind: string }) => entry.kind)).toEqual(['residence_status', 'jurisdiction_change']);
        expect(JSON.stringify(response.body)).not.toContain(PII_MARKER);
      }
    });

    it('answers a case of another unit exactly like one that does not exist', async () => {
      const hidden = await get(after(path(kiCase)), 'cm-drk').expect(404);
      const missing = await get(path(randomUUID()), 'cm-drk').expect(404);
      expect(hidden.body.code).toBe('case_not_found');
      expect({ ...hidden.body, correlationId: null }).toEqual({ ...missing.body, correlationId: null });
    });

    it('records each read in the case\'s access stream, a retry with the same X-Request-Id once, a refused read not at all', async () => {
      const store = app.get<EventStore>(EVENT_STORE);
      const accessStream = () => store.readStream(caseAccessStreamId(kiCase));
      const before = (await accessStream()).length;
      for (let attempt = 0; attempt < 2; attempt++) await get(after(path(kiCase)), 'pruefung').set('X-Request-Id', 'timeline-read-1').expect(200);
      await get(path(kiCase), 'cm-drk').expect(404);
      const recorded = (await accessStream()).slice(before);
      expect(recorded.map((event) => [event.type, event.metadata.actor.userId, (event.data as { view: string }).view])).toEqual([
        ['CaseDataAccessed', principals.get('pruefung')?.userId, 'legal_status_timeline'],
      ]);
      expect(recorded[0].metadata.causationId).toBe('timeline-read-1');
    });

    it('shows a correction on the status it corrects', async () => {
      const [status] = (await get(after(path(kiCase)), 'cm-ki').expect(200)).body.entries;
      const corrected = { ...events.legalStatusChanged().data, status: { ...events.legalStatusChanged().data.status, validUntil: '2025-09-30' } };
      const correction = { correctedEventId: status.eventId, correctedEventType: 'LegalStatusChanged' as const, correctedLegalStatus: corrected };
      await run(onCase(kiCase, commands.correctEntry(correction, withReason({ actor: principals.get('cm-ki') }))));
      const response = await get(after(path(kiCase)), 'cm-ki').expect(200);
      expect(response.body.entries[0]).toMatchObject({ eventId: status.eventId, validUntil: '2025-09-30', current: true });
      expect(response.body.entries[0].corrections).toEqual([expect.objectContaining({ previous: expect.objectContaining({ validUntil: '2025-05-01' }) })]);
      expect(response.body.current).toMatchObject({ validity: 'valid', expiryWarning: false });
    });
  });

  it('describes both routes in the OpenAPI document', () => {
    const document = buildOpenApiDocument(app);
    const caseload = document.paths['/api/caseload']?.get;
    expect(caseload?.parameters?.map((parameter) => ('name' in parameter ? parameter.name : null)).sort()).toEqual(
      ['caseManagerId', 'expiringPermits', 'jurisdiction', 'limit', 'mine', 'offset', 'organisationUnitId', 'overdue', 'phase', 'residenceCategory', 'sort', 'status', 'waitFor'],
    );
    expect(Object.keys(caseload?.responses ?? {}).sort()).toEqual(['200', '400', '401', '403', '422']);
    expect(Object.keys(document.paths['/api/cases/{caseId}/legal-status-timeline']?.get?.responses ?? {}).sort()).toEqual(['200', '400', '401', '403', '404', '422']);
  });

  it('shows "gelöscht" once the client is erased, and never writes a client name or note to the logs', async () => {
    await run(onCase(drkCase, commands.eraseClientData({ clientId: `client-${drkCase}` }, withReason({ actor: principals.get('koordination') }))));
    const response = await get(after('/api/caseload?status=all&organisationUnitId=demo-drk'), 'koordination').expect(200);
    expect(response.body.items[0].client).toEqual({ displayName: 'gelöscht', erased: true });
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.filter((line) => line.includes(PII_MARKER))).toEqual([]);
  });
});
