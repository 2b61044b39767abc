/**
 * Where one command's time goes on the server: CPU (user + system) and wall time per operation of each layer
 * of the command path, measured one operation at a time in this process on the real PostgreSQL. CPU per
 * operation stays meaningful on a machine shared with other work, where throughput does not.
 *
 *   npm run bench:command-cost [-- --operations=500 --long=100]
 */
import { CommandBus } from '@nestjs/cqrs';
import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import { sql } from 'kysely';
import request from 'supertest';
import { caseStreamId } from '../src/application/cases/case-stream';
import { ExecuteCaseCommand } from '../src/application/cases/execute-case-command';
import { ExecuteCaseCommandHandler, fold } from '../src/application/cases/execute-case-command.handler';
import { systemClock } from '../src/application/ports/clock.port';
import { EVENT_STORE, type EventStore } from '../src/application/ports/event-store.port';
import { PERSONAL_DATA_VAULT, type PersonalDataVault } from '../src/application/ports/personal-data-vault.port';
import type { Actor } from '../src/domain/case/access.policy';
import type { RecordCounsellingSession } from '../src/domain/case/case.commands';
import { createApp } from '../src/infrastructure/app.factory';
import { loadConfig } from '../src/infrastructure/config/app.config';
import type { Database } from '../src/infrastructure/database/database';
import { DATABASE } from '../src/infrastructure/database/database.tokens';
import { RecordCounsellingSessionRequest } from '../src/infrastructure/http/cases/dto/record-counselling-session.request';
import { createValidationPipe } from '../src/infrastructure/http/request-validation';
import { AuthenticationService } from '../src/infrastructure/identity/authentication.service';
import { DEMO_PASSWORD } from '../src/infrastructure/identity/demo-district.seed';
import { sessionTokenHash } from '../src/infrastructure/identity/session-token';
import { SessionsRepository } from '../src/infrastructure/identity/sessions.repository';
import { createLogger } from '../src/infrastructure/logging/logger';
import { ProjectionSupervisor } from '../src/projections/runner/projection.supervisor';
import { dropAppSchemas } from '../test/support/app-schema.cleanup';
import { benchDatabaseUrl, runTag } from './support/bench-database.fixture';
import { describeEnvironment, printEnvironment } from './support/bench-environment.report';
import { parseOptions } from './support/cli-options.parser';
import { formatNumber, printTable } from './support/results-table.printer';

const SESSION = { heldOn: '2025-03-06', durationMinutes: 45, format: 'office', lifeAreas: ['housing'], note: 'Unterlagen gesichtet.' };

interface Cost {
  layer: string;
  cpuMs: number;
  wallMs: number;
}

async function measure(layer: string, operations: number, operation: (i: number) => Promise<unknown>): Promise<Cost> {
  for (let i = 0; i < Math.min(50, operations); i++) await operation(i);
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  for (let i = 0; i < operations; i++) await operation(i);
  const used = process.cpuUsage(cpu);
  return {
    layer,
    cpuMs: (used.user + used.system) / 1000 / operations,
    wallMs: Number(process.hrtime.bigint() - started) / 1e6 / operations,
  };
}

async function main(): Promise<void> {
  const options = parseOptions({ operations: '500', long: '100' });
  const operations = Number(options.operations);
  const long = Number(options.long);
  if (!(operations >= 10 && operations <= 5000) || !(long >= 10 && long <= 2000)) {
    throw new Error('--operations in [10, 5000] and --long in [10, 2000]: the run must stay bounded');
  }
  const url = benchDatabaseUrl();
  printEnvironment('Command cost by layer: one operation at a time, CPU and wall time per operation', await describeEnvironment(url));

  const schema = `bench_${runTag()}_cost`;
  const base = loadConfig({ KIM_MASTER_KEY: randomBytes(32).toString('base64'), KIM_DEMO_DATA: 'true' });
  // Log level error: the 401 rows would otherwise measure writing their warn lines to the terminal.
  const app = await createApp({ ...base, database: { kind: 'postgres', url, poolSize: 4, schema } }, createLogger({ level: 'error' }));
  const database = app.get<Database>(DATABASE);
  try {
    await app.listen(0, '127.0.0.1');
    const port = (app.getHttpServer().address() as { port: number }).port;
    const token = (await request(app.getHttpServer()).post('/api/auth/tokens').send({ username: 'cm-ki', password: DEMO_PASSWORD }).expect(201)).body.token as string;
    const authentication = app.get(AuthenticationService);
    const actor: Actor = (await authentication.authenticate(token, 'api'))!.principal;
    const auth = { Authorization: `Bearer ${token}` };
    const openCase = async () => {
      const opened = await request(app.getHttpServer())
        .post('/api/cases')
        .set(auth)
        .send({ openedOn: '2025-03-03', channel: 'office', entryCriteria: [], client: { personal: { givenName: 'B', familyName: 'P' }, profile: { gender: 'not_stated' } } })
        .expect(201);
      const caseId = opened.body.caseId as string;
      await request(app.getHttpServer())
        .post(`/api/cases/${caseId}/consents`)
        .set(auth)
        .send({ purpose: 'case_management', formVersion: 'bench', language: 'de', givenOn: '2025-03-03' })
        .expect(200);
      return caseId;
    };
    // The runners would apply every appended event in this process and their CPU would count as the command's;
    // here only the command path is measured (bench:http runs them, bench:read-models measures them).
    await app.get(ProjectionSupervisor).stop();
    const bus = app.get(CommandBus);
    const store = app.get<EventStore>(EVENT_STORE);
    const session = (caseId: string): RecordCounsellingSession => ({
      type: 'RecordCounsellingSession',
      data: { caseId, ...SESSION, format: 'office', lifeAreas: ['housing'] },
      metadata: { now: new Date().toISOString(), actor },
    });
    const execute = (caseId: string) => bus.execute(new ExecuteCaseCommand(session(caseId), { commandId: randomUUID(), correlationId: randomUUID() }));

    // Short streams: many cases with intake and consent, each command on the next one (2-4 events read).
    const shortCases = await Promise.all(Array.from({ length: 100 }, openCase));
    const longCaseId = await openCase();
    for (let i = 0; i < long; i++) await execute(longCaseId);
    const shortStream = caseStreamId(shortCases[0]);
    const longStream = caseStreamId(longCaseId);
    const pipe = createValidationPipe();
    // One kept-alive connection, as a browser or autocannon uses: no connection set-up in the numbers.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const post = (path: string, body: object, headers: Record<string, string>, expected: number) =>
      new Promise<void>((resolve, reject) => {
        const payload = JSON.stringify(body);
        const call = http.request(
          { host: '127.0.0.1', port, path, method: 'POST', agent, headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
          (response) => {
            response.resume();
            response.on('end', () => (response.statusCode === expected ? resolve() : reject(new Error(`status ${response.statusCode}`))));
          },
        );
        call.on('error', reject);
        call.end(payload);
      });

    // A handler of its own per operation has an empty case state cache: what a command costs on a case this
    // process has not seen (or has evicted), reading the whole stream.
    const vault = app.get<PersonalDataVault>(PERSONAL_DATA_VAULT);
    const executeUncached = (caseId: string) =>
      new ExecuteCaseCommandHandler(store, vault, systemClock).execute(new ExecuteCaseCommand(session(caseId), { commandId: randomUUID(), correlationId: randomUUID() }));
    const sessions = app.get(SessionsRepository);
    // The append alone: one sealed session event with the exact revision, on a stream of its own.
    const appendStream = `bench-append-${randomUUID()}`;
    let appendRevision: number | 'no_stream' = 'no_stream';
    const sealedNote = await vault.seal('bench-client', 'bench', SESSION.note);
    const appendOne = async () => {
      const metadata = { occurredAt: new Date().toISOString(), actor, correlationId: randomUUID(), causationId: randomUUID() };
      const event = { id: randomUUID(), type: 'CounsellingSessionHeld', schemaVersion: 1, data: { ...SESSION, note: sealedNote }, metadata };
      appendRevision = (await store.append(appendStream, [event], appendRevision)).nextExpectedRevision;
    };

    const costs: Cost[] = [];
    costs.push(await measure('SELECT 1 (one round trip)', operations, () => sql`SELECT 1`.execute(database.db)));
    costs.push(await measure('authenticate bearer token (cached, as most requests)', operations, () => authentication.authenticate(token, 'api')));
    costs.push(await measure('session lookup in the database (a cache miss)', operations, () => sessions.findActive(sessionTokenHash(token), 'api', new Date(), null)));
    costs.push(await measure('validate session body', operations, () => pipe.transform({ ...SESSION }, { type: 'body', metatype: RecordCounsellingSessionRequest })));
    costs.push(await measure('readStream, 2-4 events', operations, () => store.readStream(shortStream)));
    const longEvents = await store.readStream(longStream);
    costs.push(await measure(`readStream, ${longEvents.length} events`, operations, () => store.readStream(longStream)));
    costs.push(await measure(`fold ${longEvents.length} events`, operations, async () => fold(longEvents)));
    costs.push(await measure('store.append, one sealed event', operations, appendOne));
    costs.push(await measure('command handler, short case, state cached', operations, (i) => execute(shortCases[i % shortCases.length])));
    costs.push(await measure('command handler, short case, not cached', operations, (i) => executeUncached(shortCases[i % shortCases.length])));
    const longOperations = Math.min(operations, 50);
    const longCase = (label: string) => `command handler, case of ${longEvents.length}+ events, ${label}`;
    costs.push(await measure(longCase('state cached'), longOperations, () => execute(longCaseId)));
    costs.push(await measure(longCase('not cached'), longOperations, () => executeUncached(longCaseId)));
    const sessionsOf = (i: number) => `/api/cases/${shortCases[i % shortCases.length]}/counselling-sessions`;
    costs.push(await measure('HTTP command, 2-4 events (client in this process)', operations, (i) => post(sessionsOf(i), SESSION, auth, 200)));
    costs.push(await measure('HTTP 401, no session (client in this process)', operations, (i) => post(sessionsOf(i), SESSION, {}, 401)));
    printTable(
      ['layer', 'CPU ms/op', 'wall ms/op'],
      costs.map((cost) => [cost.layer, formatNumber(cost.cpuMs, 2), formatNumber(cost.wallMs, 2)]),
    );
  } finally {
    await app.close();
    await dropAppSchemas(url, schema);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
