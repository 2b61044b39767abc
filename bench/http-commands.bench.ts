/**
 * End-to-end command throughput over HTTP: the whole service (auth guard, validation, the command path, sealing,
 * append; with --keyed=true also the Idempotency-Key's lookup and stored answer) on the real PostgreSQL, driven
 * by autocannon with 32 keep-alive connections from a process of its own. Prepares N opened cases with consent,
 * then records counselling sessions on random cases with a bearer token. Bounded: preparation plus a warm-up
 * plus --seconds.
 *
 *   npm run bench:http [-- --seconds=10 --connections=32 --cases=500 --pool=16 --keyed=false --runners=true --history=0]
 *                      [--profile=<dir>: a CPU profile of the server process during the measured seconds only]
 */
import { execFileSync, fork } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { CommandBus } from '@nestjs/cqrs';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { sql } from 'kysely';
import { Client } from 'pg';
import request from 'supertest';
import { ExecuteCaseCommand } from '../src/application/cases/execute-case-command';
import type { Actor } from '../src/domain/case/access.policy';
import type { RecordCounsellingSession } from '../src/domain/case/case.commands';
import { createApp } from '../src/infrastructure/app.factory';
import { type AppConfig, loadConfig } from '../src/infrastructure/config/app.config';
import type { Database } from '../src/infrastructure/database/database';
import { DATABASE } from '../src/infrastructure/database/database.tokens';
import { AuthenticationService } from '../src/infrastructure/identity/authentication.service';
import { DEMO_PASSWORD } from '../src/infrastructure/identity/demo-district.seed';
import { createLogger } from '../src/infrastructure/logging/logger';
import { ProjectionSupervisor } from '../src/projections/runner/projection.supervisor';
import { dropAppSchemas } from '../test/support/app-schema.cleanup';
import { benchDatabaseUrl, runTag } from './support/bench-database.fixture';
import { describeEnvironment, formatLoad, printEnvironment } from './support/bench-environment.report';
import { parseOptions } from './support/cli-options.parser';
import type { LoadJob, LoadResult } from './support/http-load.runner';
import { formatNumber, printTable } from './support/results-table.printer';

const WARM_UP_SECONDS = 2;
/** Cases are prepared this many at a time: fast, without measuring anything. */
const PREPARE_CONCURRENCY = 16;

const SESSION = JSON.stringify({
  heldOn: '2025-03-06',
  durationMinutes: 45,
  format: 'office',
  lifeAreas: ['residence_law', 'housing'],
  interpreterLanguage: 'ar',
  householdMembersPresent: 1,
  note: 'Termin bei der Ausländerbehörde vorbereitet; Unterlagen gesichtet.',
});

async function main(): Promise<void> {
  const options = parseOptions({
    seconds: '10',
    connections: '32',
    cases: '500',
    pool: '16',
    keyed: 'false',
    runners: 'true',
    history: '0',
    profile: '',
  });
  for (const flag of ['keyed', 'runners'] as const) {
    if (options[flag] !== 'true' && options[flag] !== 'false') throw new Error(`--${flag} is true or false`);
  }
  const keyed = options.keyed === 'true';
  const runners = options.runners === 'true';
  const [seconds, connections, cases, pool, history] = [options.seconds, options.connections, options.cases, options.pool, options.history].map(Number);
  if (
    !(seconds > 0 && seconds <= 60) ||
    !(connections >= 1 && connections <= 256) ||
    !(cases >= 1 && cases <= 10_000) ||
    !(pool >= 1 && pool <= 100) ||
    !(Number.isInteger(history) && history >= 0 && cases * history <= 100_000)
  ) {
    throw new Error('--seconds in (0, 60], --connections in [1, 256], --cases in [1, 10000], --pool in [1, 100], --cases x --history <= 100000: the run must stay bounded');
  }
  const url = benchDatabaseUrl();
  const title =
    `HTTP command benchmark: counselling sessions on random cases with ${history} sessions before, bearer token, no If-Match, ` +
    `${keyed ? 'an Idempotency-Key each' : 'no Idempotency-Key'}, ${runners ? 'projection runners in the process' : 'no projection runners'}`;
  printEnvironment(title, await describeEnvironment(url));

  const schema = `bench_${runTag()}_http`;
  const base = loadConfig({ KIM_MASTER_KEY: randomBytes(32).toString('base64'), KIM_DEMO_DATA: 'true', KIM_LOG_LEVEL: 'warn' });
  const config: AppConfig = { ...base, database: { kind: 'postgres', url, poolSize: pool, schema } };
  const app = await createApp(config, createLogger({ level: 'warn' }));
  const database = app.get<Database>(DATABASE);
  try {
    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address() as { port: number };
    const base = `http://127.0.0.1:${address.port}`;
    const token = (await request(base).post('/api/auth/tokens').send({ username: 'cm-ki', password: DEMO_PASSWORD }).expect(201)).body.token as string;

    const prepareStarted = Date.now();
    const caseIds = await prepareCases(base, token, cases);
    if (history > 0) await recordHistory(app.get(CommandBus), (await app.get(AuthenticationService).authenticate(token, 'api'))!.principal, caseIds, history);
    console.log(`prepared ${cases} cases (intake + consent + ${history} sessions) in ${((Date.now() - prepareStarted) / 1000).toFixed(1)} s\n`);
    // An API instance that feeds no read model (KIM runs one active runner per projection across instances).
    if (!runners) await app.get(ProjectionSupervisor).stop();

    const job = (runSeconds: number): LoadJob => ({ url: base, token, caseIds, connections, seconds: runSeconds, body: SESSION, keyed });
    await runLoad(job(WARM_UP_SECONDS));
    await settle(database);
    const eventsBefore = await eventCount(database);
    const backends = await backendPids(database, pool);
    const loadBefore = formatLoad();
    const cpuBefore = process.cpuUsage();
    const backendCpuBefore = cpuSecondsOf(backends);
    const statementsBefore = statementsSent;
    const profiler = options.profile === '' ? null : await startProfiler();
    const result = await runLoad(job(seconds));
    if (profiler !== null) await saveProfile(profiler, options.profile);
    const serverCpu = process.cpuUsage(cpuBefore);
    const backendCpu = cpuSecondsSince(backendCpuBefore);
    const statements = statementsSent - statementsBefore;
    await settle(database);
    const appended = (await eventCount(database)) - eventsBefore;

    printTable(
      [
        'connections',
        'pool',
        'commands',
        'commands/s',
        'p50 ms',
        'p99 ms',
        'max ms',
        'non-2xx',
        'errors',
        'Node CPU ms/cmd (user+sys)',
        'PG backends CPU ms/cmd',
        'client CPU ms/cmd',
        'statements/cmd',
      ],
      [
        [
          connections,
          pool,
          result.ok,
          formatNumber(result.requestsPerSecond),
          formatNumber(result.p50Ms, 1),
          formatNumber(result.p99Ms, 1),
          formatNumber(result.maxMs, 1),
          result.non2xx,
          result.errors + result.timeouts,
          `${formatNumber(serverCpu.user / 1e3 / result.ok, 2)}+${formatNumber(serverCpu.system / 1e3 / result.ok, 2)}`,
          formatNumber((backendCpu * 1e3) / result.ok, 2),
          formatNumber((result.clientCpuSeconds * 1e3) / result.ok, 2),
          formatNumber(statements / result.ok, 2),
        ],
      ],
    );
    console.log(`load average before the run: ${loadBefore}; after: ${formatLoad()}`);
    // autocannon counts answers until the deadline; requests in flight then still complete on the server.
    console.log(`events appended: ${appended} for ${result.ok} answered commands and at most ${connections} in flight at the deadline`);
    if (appended < result.ok || appended > result.ok + connections) throw new Error('appended events do not match the accepted commands');
  } finally {
    await app.close();
    await dropAppSchemas(url, schema);
  }
}

async function startProfiler(): Promise<Session> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return session;
}

async function saveProfile(session: Session, dir: string): Promise<void> {
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `http-commands-${runTag()}.cpuprofile`);
  writeFileSync(file, JSON.stringify(profile));
  console.log(`CPU profile of the measured seconds: ${file}`);
}

/**
 * Statements this process sent to PostgreSQL: every query of node-postgres goes through `Client.query`, those of
 * the command path and of the projection runners alike (each a round trip, and a wake-up of a backend).
 */
let statementsSent = 0;
const clientQuery = Client.prototype.query;
Client.prototype.query = function (this: Client, ...args: unknown[]) {
  statementsSent++;
  return (clientQuery as (...a: unknown[]) => unknown).apply(this, args);
} as typeof Client.prototype.query;

async function prepareCases(base: string, token: string, count: number): Promise<string[]> {
  const caseIds: string[] = [];
  const auth = { Authorization: `Bearer ${token}` };
  const prepareOne = async () => {
    const opened = await request(base)
      .post('/api/cases')
      .set(auth)
      .send({
        openedOn: '2025-03-03',
        channel: 'office',
        entryCriteria: ['complex_needs'],
        client: { personal: { givenName: 'Bench', familyName: 'Person' }, profile: { gender: 'not_stated' } },
      })
      .expect(201);
    const caseId = opened.body.caseId as string;
    await request(base)
      .post(`/api/cases/${caseId}/consents`)
      .set(auth)
      .send({ purpose: 'case_management', formVersion: 'bench', language: 'de', givenOn: '2025-03-03' })
      .expect(200);
    caseIds.push(caseId);
  };
  for (let started = 0; started < count; started += PREPARE_CONCURRENCY) {
    await Promise.all(Array.from({ length: Math.min(PREPARE_CONCURRENCY, count - started) }, prepareOne));
  }
  return caseIds;
}

/**
 * Gives every case `sessions` counselling sessions before the run, so commands meet cases with a history, as
 * cases a year or two old have. Straight through the CommandBus: the command path without HTTP, to be quick.
 */
async function recordHistory(bus: CommandBus, actor: Actor, caseIds: readonly string[], sessions: number): Promise<void> {
  const session = JSON.parse(SESSION) as Omit<RecordCounsellingSession['data'], 'caseId'>;
  const recordAll = async (caseId: string) => {
    for (let i = 0; i < sessions; i++) {
      const command: RecordCounsellingSession = { type: 'RecordCounsellingSession', data: { ...session, caseId }, metadata: { now: new Date().toISOString(), actor } };
      await bus.execute(new ExecuteCaseCommand(command, { commandId: randomUUID(), correlationId: randomUUID() }));
    }
  };
  for (let started = 0; started < caseIds.length; started += PREPARE_CONCURRENCY) {
    await Promise.all(caseIds.slice(started, started + PREPARE_CONCURRENCY).map(recordAll));
  }
}

function runLoad(job: LoadJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(join(__dirname, 'support', 'http-load.runner.ts'), [], { execArgv: ['-r', '@swc-node/register'] });
    child.once('message', (result) => resolve(result as LoadResult));
    child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`load generator exited with ${code}`))));
    child.send(job);
  });
}

/**
 * The server processes behind this app's connection pool: holding every pool connection at once makes the
 * pool open them all and name each. Their CPU is the database's share of the commands; the server's shared
 * processes (WAL writer, checkpointer) and other users of the server are not in it.
 */
async function backendPids(database: Database, pool: number): Promise<number[]> {
  const pids = await Promise.all(
    Array.from({ length: pool }, () => sql<{ pid: number }>`SELECT pg_backend_pid() AS pid, pg_sleep(0.2)`.execute(database.db)),
  );
  return [...new Set(pids.map((result) => result.rows[0].pid))];
}

const CLOCK_TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim());

/**
 * User + system CPU seconds of processes of this machine, from /proc (the database runs on this machine). A
 * backend the pool closed as idle meanwhile is left out: idle, it did none of the run's work.
 */
function cpuSecondsOf(pids: readonly number[]): Map<number, number> {
  const seconds = new Map<number, number>();
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      // After "pid (comm) ": fields 14 (utime) and 15 (stime) of proc(5) are at index 11 and 12.
      seconds.set(pid, (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND);
    } catch {
      // The backend has exited.
    }
  }
  return seconds;
}

function cpuSecondsSince(before: Map<number, number>): number {
  let total = 0;
  for (const [pid, now] of cpuSecondsOf([...before.keys()])) total += now - before.get(pid)!;
  return total;
}

/** Waits until requests still in flight when the load generator stopped have reached the store. */
async function settle(database: Database): Promise<void> {
  for (let previous = -1, current = await eventCount(database); current !== previous; previous = current, current = await eventCount(database)) {
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function eventCount(database: Database): Promise<number> {
  const result = await sql<{ n: number }>`SELECT count(*)::int AS n FROM kim_events`.execute(database.db);
  return result.rows[0].n;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
