import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '../../../../src/application/ports/event-store.port';
import { reportSourceEventsOf } from '../../../support/report-facts';
import { compareFundingReports } from '../../../../src/domain/reporting/funding-report.comparison';
import { recordCutoff } from '../../../../src/domain/reporting/record-cutoff.value';
import { extractReportFacts } from '../../../../src/domain/reporting/report-facts.extractor';
import { type AppConfig, loadConfig } from '../../../../src/infrastructure/config/app.config';
import { ConfigModule } from '../../../../src/infrastructure/config/config.module';
import type { Database } from '../../../../src/infrastructure/database/database';
import { DATABASE } from '../../../../src/infrastructure/database/database.tokens';
import { PostgresEventStore } from '../../../../src/infrastructure/event-store/postgres.event-store';
import { ApiExceptionFilter } from '../../../../src/infrastructure/http/api-exception.filter';
import { ReportingModule } from '../../../../src/infrastructure/http/reporting/reporting.module';
import { createValidationPipe } from '../../../../src/infrastructure/http/request-validation';
import { DEMO_DISTRICT, DEMO_ORGANISATION_UNITS, DEMO_PASSWORD } from '../../../../src/infrastructure/identity/demo-district.seed';
import { IdentityModule } from '../../../../src/infrastructure/identity/identity.module';
import { createLogger } from '../../../../src/infrastructure/logging/logger';
import { LoggingModule } from '../../../../src/infrastructure/logging/logging.module';
import { FUNDING_REPORT_PROJECTION, FundingReportProjection } from '../../../../src/projections/funding-report/funding-report.projection';
import { PROJECTIONS } from '../../../../src/projections/projections.module';
import { CheckpointWaiter } from '../../../../src/projections/read/checkpoint.waiter';
import { reportOf, reportRequest } from '../../../domain/reporting/funding-report.fixtures';
import { AS_RECORDED_A, AS_RECORDED_B, DISTRICT, DRK, fundingDistrictLog, KI } from '../../../support/funding-district.fixture';
import { givenDistrict, givenUser } from '../../identity/identity.fixtures';

/** The hand-built district, moved into the demo district so the demo accounts can read it. */
function demoDistrictLog(): RecordedEvent[] {
  const moved = JSON.stringify(fundingDistrictLog())
    .replaceAll(`"${DISTRICT}"`, `"${DEMO_DISTRICT.id}"`)
    .replaceAll(`"${KI}"`, '"demo-ki"')
    .replaceAll(`"${DRK}"`, '"demo-drk"');
  return JSON.parse(moved) as RecordedEvent[];
}

const UNIT_NAMES = Object.fromEntries(DEMO_ORGANISATION_UNITS.map((unit) => [unit.id, unit.name]));

/**
 * The funding report over HTTP, end to end on PGlite: events appended to the store with the times the
 * hand-built district says they were recorded, the real projection runner building the read model, the
 * identity module's guards, and each format. What the API answers is compared with the report folded from the
 * raw log, so the whole path (store, runner, read model, query, format) is held to the reference.
 */
describe('GET /api/reports/funding (pglite, demo district)', () => {
  let app: NestExpressApplication;
  const tokens = new Map<string, string>();
  let recordingTime = new Date('2024-01-01T00:00:00Z');
  const log = demoDistrictLog();

  const get = (path: string, username: string | null) => {
    const call = request(app.getHttpServer()).get(path);
    return username === null ? call : call.set('Authorization', `Bearer ${tokens.get(username)}`);
  };
  const expected = (asRecordedOn: string, unit: string | null = null) =>
    reportOf(log, reportRequest(DEMO_DISTRICT.id, '2025-Q1', asRecordedOn, unit), { districtName: DEMO_DISTRICT.name, organisationUnitName: unit === null ? null : UNIT_NAMES[unit] });

  beforeAll(async () => {
    const config: AppConfig = { ...loadConfig({}), database: { kind: 'pglite', dataDir: null } };
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(config), LoggingModule.forRoot(createLogger({ level: 'silent' })), IdentityModule.forRoot({ secureCookie: false, demoData: true }), ReportingModule],
      providers: [
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
      ],
    })
      .overrideProvider(PROJECTIONS)
      .useValue([new FundingReportProjection()])
      // The store records each event at the time the fixture says it was entered.
      .overrideProvider(EVENT_STORE)
      .useFactory({ factory: (database: Database) => new PostgresEventStore(database, { clock: () => recordingTime }), inject: [DATABASE] })
      .compile();
    app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
    await app.init();

    const store = app.get<EventStore>(EVENT_STORE);
    let checkpoint = '';
    for (const event of log) {
      recordingTime = new Date(event.metadata.recordedAt);
      const { id, type, schemaVersion, data, metadata } = event;
      const result = await store.append(event.streamId, [{ id, type, schemaVersion, data, metadata: { occurredAt: metadata.occurredAt, actor: metadata.actor, correlationId: metadata.correlationId, causationId: null } }], event.revision === 0 ? 'no_stream' : event.revision - 1);
      checkpoint = result.checkpoint;
    }
    expect((await app.get(CheckpointWaiter).waitForCheckpoint([FUNDING_REPORT_PROJECTION], checkpoint, 30_000)).caughtUp).toBe(true);

    const database = app.get<Database>(DATABASE);
    const elsewhere = await givenDistrict(database, 'd-elsewhere');
    await givenUser(database, { username: 'ko-elsewhere', role: 'coordination', organisationUnitId: elsewhere.ki.id, districtId: 'd-elsewhere', password: DEMO_PASSWORD });
    for (const username of ['berichtswesen', 'koordination', 'pruefung', 'cm-ki', 'admin', 'ko-elsewhere']) {
      const response = await request(app.getHttpServer()).post('/api/auth/tokens').send({ username, password: DEMO_PASSWORD }).expect(201);
      tokens.set(username, response.body.token as string);
    }
  });

  afterAll(async () => {
    await app?.close();
  });

  describe('who may read reports', () => {
    it.each(['berichtswesen', 'koordination', 'pruefung'])('%s gets the report of the own district', async (username) => {
      const response = await get(`/api/reports/funding?period=2025-Q1&asRecordedOn=${AS_RECORDED_A}`, username).expect(200);
      expect(response.body).toEqual(expected(AS_RECORDED_A));
    });

    it.each(['cm-ki', 'admin'])('%s is refused (403): case managers and administrators see no reports', async (username) => {
      const response = await get(`/api/reports/funding?period=2025-Q1`, username).expect(403);
      expect(response.body.code).toBe('role_not_permitted');
    });

    it('without a session: 401', async () => {
      await get('/api/reports/funding?period=2025-Q1', null).expect(401);
    });

    it('coordination of another district gets its own (empty) district, and none of this district\'s units', async () => {
      const own = await get(`/api/reports/funding?period=2025-Q1&asRecordedOn=${AS_RECORDED_A}`, 'ko-elsewhere').expect(200);
      expect(own.body.scope).toEqual(expect.objectContaining({ districtId: 'd-elsewhere', organisationUnitId: null }));
      expect(own.body.groups[0].tables[0].rows[0].cells).toEqual([0]);
      const foreign = await get('/api/reports/funding?period=2025-Q1&organisationUnit=demo-drk', 'ko-elsewhere').expect(404);
      expect(foreign.body).toEqual(expect.objectContaining({ code: 'organisation_unit_not_found', message: 'Diese Organisationseinheit gibt es in Ihrem Kreis nicht.' }));
    });
  });

  describe('what is asked for', () => {
    it('one unit of the district, as recorded on another day', async () => {
      const response = await get(`/api/reports/funding?period=2025-Q1&organisationUnit=demo-drk&asRecordedOn=${AS_RECORDED_B}`, 'pruefung').expect(200);
      expect(response.body).toEqual(expected(AS_RECORDED_B, 'demo-drk'));
      expect(response.body.scope.organisationUnitName).toBe('DRK-Kreisverband Heinsberg');
    });

    it('refuses a malformed period or format (400) and a day in the future (422)', async () => {
      const period = await get('/api/reports/funding?period=Q1-2025', 'berichtswesen').expect(400);
      expect(period.body.errors).toEqual([{ field: 'period', message: expect.stringContaining('Quartal (2025-Q1)') }]);
      await get('/api/reports/funding?period=2025-Q1&format=pdf', 'berichtswesen').expect(400);
      await get('/api/reports/funding?period=2025-Q1&asRecordedOn=2025-02-30', 'berichtswesen').expect(400);
      const future = await get('/api/reports/funding?period=2025-Q1&asRecordedOn=2999-01-01', 'berichtswesen').expect(422);
      expect(future.body.code).toBe('as_recorded_on_in_future');
    });
  });

  describe('formats: the same request gives the same bytes', () => {
    it.each([
      ['json', 'application/json; charset=utf-8', null],
      ['csv', 'text/csv; charset=utf-8', 'attachment; filename="foerderbericht_2025-Q1_kreis-heinsberg-demo_stand-2025-04-10.csv"'],
      ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'attachment; filename="foerderbericht_2025-Q1_kreis-heinsberg-demo_stand-2025-04-10.xlsx"'],
    ])('%s', async (format, contentType, disposition) => {
      const path = `/api/reports/funding?period=2025-Q1&asRecordedOn=${AS_RECORDED_A}&format=${format}`;
      const binary = (call: request.Test) => call.buffer(true).parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
      const first = await binary(get(path, 'berichtswesen')).expect(200);
      const second = await binary(get(path, 'koordination')).expect(200);
      expect((first.body as Buffer).equals(second.body as Buffer)).toBe(true);
      expect(first.headers['content-type']).toBe(contentType);
      expect(first.headers['content-disposition']).toBe(disposition ?? undefined);
      expect(first.headers['cache-control']).toBe('no-store');
      if (format === 'xlsx') {
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(first.body as ArrayBuffer);
        expect(workbook.getWorksheet('Beratung')?.getRow(3).values).toEqual([undefined, 'Beratungsgespräche', 21]);
      }
    });
  });

  describe('GET /api/reports/funding/comparison', () => {
    it('lists what changed between the report sent on 10 April and the same report on 30 April, and why', async () => {
      const response = await get(`/api/reports/funding/comparison?period=2025-Q1&before=${AS_RECORDED_A}&after=${AS_RECORDED_B}`, 'berichtswesen').expect(200);
      const [a, b] = [recordCutoff(AS_RECORDED_A).recordedBefore, recordCutoff(AS_RECORDED_B).recordedBefore];
      const between = extractReportFacts(reportSourceEventsOf(log))
        .filter((fact) => fact.recordedAt >= a && fact.recordedAt < b)
        .map((fact) => ({ kind: fact.kind, on: fact.on, districtId: fact.districtId, organisationUnitId: fact.organisationUnitId, correctsStatus: fact.kind === 'corrected' && fact.legalStatus !== null }));
      expect(response.body).toEqual(compareFundingReports(expected(AS_RECORDED_A), expected(AS_RECORDED_B), between));
      expect(response.body.changes.map((change: { table: string; row: string }) => `${change.table}/${change.row}`)).toContain('caseload.overview/active_at_end');
    });

    it('as CSV for a clerk', async () => {
      const response = await get(`/api/reports/funding/comparison?period=2025-Q1&before=${AS_RECORDED_A}&after=${AS_RECORDED_B}&format=csv`, 'pruefung').expect(200);
      expect(response.text).toContain('\r\nFallzahlen im Überblick;Aktive Fälle zum Ende des Zeitraums;Wert;9;8;Abschlüsse\r\n');
    });

    it('refuses a later report that is not later (422)', async () => {
      const response = await get(`/api/reports/funding/comparison?period=2025-Q1&before=${AS_RECORDED_B}&after=${AS_RECORDED_A}`, 'berichtswesen').expect(422);
      expect(response.body.code).toBe('comparison_order_invalid');
    });
  });
});

