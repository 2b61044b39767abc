import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { EVENT_STORE, type EventStore } from '../../../src/application/ports/event-store.port';
import { createApp } from '../../../src/infrastructure/app.factory';
import { type AppConfig, loadConfig } from '../../../src/infrastructure/config/app.config';
import type { Database } from '../../../src/infrastructure/database/database';
import { DATABASE } from '../../../src/infrastructure/database/database.tokens';
import { PostgresEventStore } from '../../../src/infrastructure/event-store/postgres.event-store';
import { createLogger } from '../../../src/infrastructure/logging/logger';
import { newEvent, uniqueStream } from '../../support/events';
import { waitFor } from '../../support/wait-for';

/** One app for the whole file: a fresh PGlite costs seconds. The test that breaks the database runs last. */
describe('GET /health, end to end on an in-memory PGlite', () => {
  let app: NestExpressApplication;
  const logLines: Record<string, unknown>[] = [];
  const requestLines = () => logLines.filter((line) => line.msg === 'request');

  beforeAll(async () => {
    const logger = createLogger({ level: 'info', destination: { write: (line: string) => logLines.push(JSON.parse(line)) } });
    const config: AppConfig = { ...loadConfig({}), database: { kind: 'pglite', dataDir: null } };
    app = await createApp(config, logger);
  });

  afterAll(async () => {
    await app?.close();
  });

  beforeEach(() => {
    logLines.length = 0;
  });

  it('answers 200 naming each part and its kind, and each projection with its lag once they are active', async () => {
    let body: Record<string, unknown> = {};
    await waitFor(async () => {
      body = (await request(app.getHttpServer()).get('/health').expect(200)).body;
      return body.status === 'ok';
    });
    expect(body).toEqual({
      status: 'ok',
      eventStore: { kind: 'postgres', ok: true },
      database: { kind: 'pglite', ok: true },
      projections: expect.objectContaining({ ok: true, maxEventsBehind: 1_000, maxSecondsBehind: 60 }),
    });
    const projections = body.projections as Record<string, unknown>;
    for (const name of ['audit_trail', 'caseload', 'legal_status_timeline', 'funding_report']) {
      expect(projections).toMatchObject({ [`${name}.status`]: 'ok', [`${name}.eventsBehind`]: 0 });
    }
  });

  it('starts with a migrated database behind a real PostgreSQL event store', async () => {
    const eventStore = app.get<EventStore>(EVENT_STORE);
    expect(eventStore).toBeInstanceOf(PostgresEventStore);
    const stream = uniqueStream();
    await eventStore.append(stream, [newEvent()], 'no_stream');
    expect(await eventStore.readStream(stream)).toHaveLength(1);
  });

  it('logs one line per request with route, status, duration and correlation id, and not the query', async () => {
    const response = await request(app.getHttpServer()).get('/health?search=Amira%20Haddad').expect(200);
    const lines = requestLines();
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'info',
        method: 'GET',
        route: '/health',
        status: 200,
        durationMs: expect.any(Number),
        correlationId: response.headers['x-correlation-id'],
      }),
    ]);
    expect(response.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(logLines)).not.toMatch(/Amira|Haddad|search/);
  });

  it('keeps a correlation id the caller sends, and replaces one it cannot accept', async () => {
    const kept = await request(app.getHttpServer()).get('/health').set('x-correlation-id', 'lb-7f3a.42').expect(200);
    expect(kept.headers['x-correlation-id']).toBe('lb-7f3a.42');
    const replaced = await request(app.getHttpServer()).get('/health').set('x-correlation-id', 'Amira Haddad').expect(200);
    expect(replaced.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestLines().map((line) => line.correlationId)).toEqual(['lb-7f3a.42', replaced.headers['x-correlation-id']]);
    expect(JSON.stringify(logLines)).not.toContain('Amira');
  });

  it('logs a request no route matched without its path', async () => {
    await request(app.getHttpServer()).get('/clients/Amira-Haddad').expect(404);
    expect(requestLines()).toEqual([expect.objectContaining({ level: 'warn', route: null, status: 404 })]);
    expect(JSON.stringify(logLines)).not.toContain('Amira');
  });

  it('answers 503 naming the failed parts, without connection details, once the database is gone', async () => {
    await app.get<Database>(DATABASE).close();
    const response = await request(app.getHttpServer()).get('/health').expect(503);
    expect(response.body).toEqual({
      status: 'unavailable',
      eventStore: { kind: 'postgres', ok: false, reason: 'error' },
      database: { kind: 'pglite', ok: false, reason: 'error' },
      // The lag monitor answers from its cache for a second; the verdict comes from the critical parts.
      projections: expect.objectContaining({ maxEventsBehind: 1_000, maxSecondsBehind: 60 }),
    });
    expect(logLines.filter((line) => line.msg === 'health check failed').map((line) => line.part)).toEqual(
      expect.arrayContaining(['eventStore', 'database']),
    );
  });
});
