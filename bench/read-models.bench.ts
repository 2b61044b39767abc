/**
 * The read models on the real PostgreSQL server:
 *
 * - fill: synthetic two-year case histories (the demo generator, decided by the real decider, personal fields
 *   sealed per client), every command's events one append with the exact expected revision, the cases of a wave
 *   interleaved in date order by concurrent writers;
 * - rebuild: projections from the first event to the switch, through the rebuilder and the projection runner
 *   (subscription, batch apply and checkpoint in one transaction): each one named alone, and `all` of the
 *   catalogue together as `rebuild-projections` runs them: wall time and events/s of the log;
 * - queries: the query handlers as the HTTP routes call them (scope, filters, one page, names decrypted per row
 *   with the vault, flags for today), one after the other: p50 / p99 / max.
 *
 *   npm run bench -- bench/read-models.bench.ts [--cases=25000 --writers=8 --batch=20000 --rebuild=bench_noop,all --samples=500]
 *   A filled schema can be kept (--keep=true) and measured again (--schema=bench_rm_<tag>): same seed, same key.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { CaseAccessRecorder } from '../src/application/audit/case-access.recorder';
import { SearchAuditTrailHandler } from '../src/application/audit/search-audit-trail.handler';
import { type AuditTrailCriteria, SearchAuditTrailQuery } from '../src/application/audit/search-audit-trail.query';
import { DEFAULT_CASELOAD_OPTIONS } from '../src/application/caseload/caseload.options';
import { GetCaseloadHandler } from '../src/application/caseload/get-caseload.handler';
import { type CaseloadRequest, GetCaseloadQuery } from '../src/application/caseload/get-caseload.query';
import { GetLegalStatusTimelineHandler } from '../src/application/legal-status-timeline/get-legal-status-timeline.handler';
import { GetLegalStatusTimelineQuery } from '../src/application/legal-status-timeline/get-legal-status-timeline.query';
import type { ReadModelWait } from '../src/application/ports/read-model-wait.port';
import type { Actor } from '../src/domain/case/access.policy';
import { PostgresPersonalDataVault } from '../src/infrastructure/crypto/postgres.personal-data-vault';
import { type Database, openDatabase } from '../src/infrastructure/database/database';
import { migrateToLatest } from '../src/infrastructure/database/migrations';
import { PostgresEventStore } from '../src/infrastructure/event-store/postgres.event-store';
import { createLogger } from '../src/infrastructure/logging/logger';
import { PostgresAuditTrailReader } from '../src/projections/audit-trail/audit-trail.reader';
import { CaseloadReader } from '../src/projections/caseload/caseload.reader';
import { LegalStatusTimelineReader } from '../src/projections/legal-status-timeline/legal-status-timeline.reader';
import { PROJECTION_CATALOG } from '../src/projections/projection.catalog';
import { ReadModelLocator } from '../src/projections/read/read-model.locator';
import { DEFAULT_REBUILD_BATCH_SIZE, ProjectionRebuilder } from '../src/projections/rebuild/projection.rebuilder';
import { ProjectionRegistry } from '../src/projections/registry/projection-registry.repository';
import { InProcessGenerationLocks } from '../src/projections/runner/in-process.generation-locks';
import { benchDatabaseUrl, runTag } from './support/bench-database.fixture';
import { describeEnvironment, formatLoad, printEnvironment } from './support/bench-environment.report';
import { parseOptions } from './support/cli-options.parser';
import { nowMicros, summarizeLatencies } from './support/latency.stats';
import { formatNumber, printTable } from './support/results-table.printer';
import { BENCH_NOW, BENCH_TODAY, benchDistrict, benchVaultKey, caseloadRequest, NOOP_PROJECTION } from './support/read-models.fixture';
import { fillSyntheticCaseLog, openUnsyncedDatabase, syntheticDistrict } from './support/synthetic-case-log.filler';
import { serverCpuSeconds } from './support/server-cpu.meter';

interface Scenario {
  name: string;
  run: () => Promise<unknown>;
}

async function main(): Promise<void> {
  const options = parseOptions({
    cases: '25000',
    seed: '1',
    wave: '2500',
    writers: '8',
    batch: String(DEFAULT_REBUILD_BATCH_SIZE),
    rebuild: `${NOOP_PROJECTION.name},all`,
    samples: '500',
    schema: '',
    keep: 'false',
  });
  const cases = Number(options.cases);
  if (!(cases > 0 && cases <= 60_000)) throw new Error('--cases must be in (0, 60,000]: the run must stay bounded');
  const url = benchDatabaseUrl();
  printEnvironment(`Read-model benchmark: rebuilds, caseload, legal-status timeline and audit trail, ${formatNumber(cases)} synthetic cases`, await describeEnvironment(url));

  const schema = options.schema || `bench_rm_${runTag()}`;
  const database = await openDatabase({ kind: 'postgres', url, poolSize: 10, schema });
  await migrateToLatest(database);
  const vault = new PostgresPersonalDataVault(database, benchVaultKey(options.seed));
  const store = new PostgresEventStore(database);
  const district = benchDistrict();
  try {
    const caseIds = await filledLog(database, district, cases, options);
    const registry = ProjectionRegistry.on(database.db, database.schema);
    const rebuilds = [];
    for (const batch of options.batch.split(',').map(Number)) rebuilds.push(...(await rebuild(store, registry, batch, options.rebuild.split(','))));
    printRebuilds(rebuilds);
    // The queries run right after the switch: each build vacuumed and analysed its tables before it (the runner).

    const locator = new ReadModelLocator(registry);
    const db = database.db as unknown as Kysely<unknown>;
    const noWait: ReadModelWait = { untilApplied: async () => true };
    const clock = { now: () => BENCH_NOW };
    const caseloads = new GetCaseloadHandler(new CaseloadReader(db, locator), vault, noWait, clock, DEFAULT_CASELOAD_OPTIONS);
    // Each read of a timeline is recorded in the case's access stream, as through the API: one append per query.
    const timelines = new GetLegalStatusTimelineHandler(new LegalStatusTimelineReader(db, locator), noWait, clock, new CaseAccessRecorder(store, clock));
    const caseManager = district.caseManagers[0];
    const page = (reader: Actor, overrides: Partial<CaseloadRequest> = {}) => caseloads.execute(new GetCaseloadQuery(reader, caseloadRequest(overrides)));
    let next = 0;
    const scenarios: Scenario[] = [
      { name: "case manager: own unit's first page", run: () => page(caseManager) },
      { name: 'case manager: own cases (mine=true)', run: () => page(caseManager, { mine: true }) },
      { name: 'case manager: overdue only', run: () => page(caseManager, { overdueOnly: true }) },
      { name: 'coordination: district first page', run: () => page(district.coordination) },
      { name: 'coordination: expiring permits', run: () => page(district.coordination, { expiringPermitsOnly: true }) },
      { name: 'coordination: newest intakes (-openedOn)', run: () => page(district.coordination, { sort: '-openedOn' }) },
      {
        name: "case manager: first page, keys not cached",
        // A vault of its own per query: every client key is read and unwrapped again (first page after a restart).
        run: () =>
          new GetCaseloadHandler(new CaseloadReader(db, locator), new PostgresPersonalDataVault(database, benchVaultKey(options.seed)), noWait, clock, DEFAULT_CASELOAD_OPTIONS).execute(
            new GetCaseloadQuery(caseManager, caseloadRequest()),
          ),
      },
      {
        name: 'timeline: one case (coordination)',
        run: () =>
          timelines.execute(
            new GetLegalStatusTimelineQuery(district.coordination, caseIds[(next = (next * 7919 + 13) % caseIds.length)], {
              requestId: randomUUID(),
              correlationId: randomUUID(),
            }),
          ),
      },
      ...auditTrailScenarios(new SearchAuditTrailHandler(new PostgresAuditTrailReader(db, locator)), district, caseIds, await midLogInstant(database)),
    ];
    await printCaseloadSizes(caseloads, caseManager, district.coordination);
    printQueries(await measure(scenarios, Number(options.samples)));
    console.log(`load at end: ${formatLoad()} (1, 5, 15 min)`);
  } finally {
    if (options.keep === 'true') console.log(`kept schema ${schema}`);
    else await dropSchemas(database, schema);
    await database.close();
  }
}

/**
 * The audit trail's searches, one page of 50 newest first: by case, by actor, by event type (frequent and rare),
 * by access kind, by a time range of a minute around the middle of the log, and a coordination office's whole
 * district (every case of the benchmark is in one).
 */
function auditTrailScenarios(handler: SearchAuditTrailHandler, district: ReturnType<typeof syntheticDistrict>, caseIds: readonly string[], middle: number): Scenario[] {
  const auditor: Actor = { userId: 'bench-auditor', role: 'auditor', organisationUnitId: null, districtId: district.districtId };
  const page = { limit: 50, cursor: null };
  const search = (reader: Actor, criteria: AuditTrailCriteria) => handler.execute(new SearchAuditTrailQuery(reader, criteria, page));
  let nextCase = 0;
  let nextCaseManager = 0;
  return [
    { name: 'audit trail: one case (auditor)', run: () => search(auditor, { caseId: caseIds[(nextCase = (nextCase * 7919 + 13) % caseIds.length)] }) },
    {
      name: 'audit trail: one case manager (auditor)',
      run: () => search(auditor, { actorUserId: district.caseManagers[nextCaseManager++ % district.caseManagers.length].userId }),
    },
    { name: 'audit trail: sessions (auditor)', run: () => search(auditor, { eventType: 'CounsellingSessionHeld' }) },
    { name: 'audit trail: reopened cases (auditor)', run: () => search(auditor, { eventType: 'CaseReopened' }) },
    { name: 'audit trail: reads (auditor)', run: () => search(auditor, { accessKind: 'view' }) },
    {
      name: 'audit trail: one minute (auditor)',
      run: () => search(auditor, { from: new Date(middle - 30_000).toISOString(), to: new Date(middle + 30_000).toISOString() }),
    },
    // Only an end: every row recorded out of the log's order before it is read to bound the walk.
    { name: 'audit trail: before a time (auditor)', run: () => search(auditor, { to: new Date(middle).toISOString() }) },
    { name: 'audit trail: district (coordination)', run: () => search(district.coordination, {}) },
  ];
}

/** When the event in the middle of the log was recorded. */
async function midLogInstant(database: Database): Promise<number> {
  const result = await sql<{ recorded_at: string }>`
    SELECT metadata->>'recordedAt' AS recorded_at FROM kim_events
    ORDER BY global_position OFFSET (SELECT count(*) / 2 FROM kim_events) LIMIT 1`.execute(database.db);
  return Date.parse(result.rows[0].recorded_at);
}

/** The case ids of a kept schema, or of a log filled now. */
async function filledLog(database: Database, district: ReturnType<typeof syntheticDistrict>, cases: number, options: Record<string, string>): Promise<string[]> {
  // Reads of timelines are recorded in `case-access-<id>` streams: those are no cases.
  const existing = await sql<{ stream_id: string }>`
    SELECT DISTINCT stream_id FROM kim_events WHERE stream_id LIKE 'case-%' AND stream_id NOT LIKE 'case-access-%' ORDER BY stream_id`.execute(database.db);
  if (existing.rows.length > 0) {
    const events = await sql<{ count: string }>`SELECT count(*) AS count FROM kim_events`.execute(database.db);
    console.log(`reusing ${formatNumber(existing.rows.length)} cases, ${formatNumber(Number(events.rows[0].count))} events in ${database.schema}\n`);
    return existing.rows.map((row) => row.stream_id.slice('case-'.length));
  }
  const writers = Number(options.writers);
  const unsynced = openUnsyncedDatabase(benchDatabaseUrl(), database.schema, writers + 2);
  const fill = await fillSyntheticCaseLog(new PostgresEventStore(unsynced), new PostgresPersonalDataVault(unsynced, benchVaultKey(options.seed)), district, {
    cases,
    seed: Number(options.seed),
    today: BENCH_TODAY,
    wave: Number(options.wave),
    writers,
    onWave: (progress) =>
      console.log(`fill: ${formatNumber(progress.casesDone)} cases, ${formatNumber(progress.events)} events, ${progress.seconds.toFixed(0)} s`),
  }).finally(() => unsynced.close());
  console.log(
    `filled ${formatNumber(fill.cases)} cases, ${formatNumber(fill.events)} events in ${formatNumber(fill.appends)} appends: ` +
      `${fill.seconds.toFixed(0)} s (${formatNumber(fill.events / fill.seconds)} events/s)\n`,
  );
  // Fresh rows carry no visibility hints yet; the first reader would pay for setting them.
  await sql`VACUUM (ANALYZE) kim_events`.execute(database.db);
  return fill.caseIds;
}

interface RebuildRow {
  name: string;
  batchSize: number;
  /** Events of the log each projection applied (all of them apply every event). */
  events: number;
  seconds: number;
  cpuSeconds: number;
  /** The local server's CPU meanwhile; null for a remote one. */
  serverCpuSeconds: number | null;
}

/** Each named projection alone, or `all` of the catalogue together, from the first event to the switch. */
async function rebuild(store: PostgresEventStore, registry: ProjectionRegistry, batchSize: number, targets: readonly string[]): Promise<RebuildRow[]> {
  const projections = [NOOP_PROJECTION, ...PROJECTION_CATALOG];
  const rows: RebuildRow[] = [];
  for (const target of targets) {
    const rebuilder = new ProjectionRebuilder(
      { store, registry, locks: new InProcessGenerationLocks(), logger: createLogger({ level: 'silent' }) },
      target === 'all' ? PROJECTION_CATALOG : projections.filter((projection) => projection.name === target),
      { runner: { batchSize } },
    );
    const cpu = process.cpuUsage();
    const serverCpu = serverCpuSeconds();
    const started = performance.now();
    const reports = await rebuilder.rebuild(target);
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const serverCpuAfter = serverCpuSeconds();
    const row = {
      name: target,
      batchSize,
      events: Math.max(...reports.map((r) => r.eventsApplied)),
      seconds,
      cpuSeconds: (used.user + used.system) / 1e6,
      serverCpuSeconds: serverCpu === null || serverCpuAfter === null ? null : serverCpuAfter - serverCpu,
    };
    rows.push(row);
    console.log(`rebuilt ${describeTarget(target)} (batches of ${batchSize}): ${formatNumber(row.events)} events in ${seconds.toFixed(1)} s`);
  }
  console.log('');
  return rows;
}

function describeTarget(target: string): string {
  return target === 'all' ? `all (${PROJECTION_CATALOG.map((projection) => projection.name).join(', ')})` : target;
}

async function printCaseloadSizes(caseloads: GetCaseloadHandler, caseManager: Actor, coordination: Actor): Promise<void> {
  const total = async (reader: Actor, overrides: Partial<CaseloadRequest> = {}) =>
    (await caseloads.execute(new GetCaseloadQuery(reader, caseloadRequest(overrides)))).total;
  console.log(
    `open cases: unit ${formatNumber(await total(caseManager))}, own ${formatNumber(await total(caseManager, { mine: true }))}, ` +
      `district ${formatNumber(await total(coordination))} (all: ${formatNumber(await total(coordination, { status: 'all' }))})\n`,
  );
}

/** Each scenario alone, one query after the other, after a short warm-up. */
async function measure(scenarios: Scenario[], samples: number): Promise<Array<{ name: string; summary: ReturnType<typeof summarizeLatencies> }>> {
  const results = [];
  for (const scenario of scenarios) {
    for (let i = 0; i < 20; i++) await scenario.run();
    const latencies: number[] = [];
    for (let i = 0; i < samples; i++) {
      const started = nowMicros();
      await scenario.run();
      latencies.push(nowMicros() - started);
    }
    results.push({ name: scenario.name, summary: summarizeLatencies(latencies) });
  }
  return results;
}

function printRebuilds(rows: readonly RebuildRow[]): void {
  printTable(
    ['rebuild', 'batch', 'events', 'wall s', 'events/s', 'node CPU s', 'server CPU s'],
    rows.map((r) => [
      r.name,
      r.batchSize,
      formatNumber(r.events),
      r.seconds.toFixed(1),
      formatNumber(r.events / r.seconds),
      r.cpuSeconds.toFixed(1),
      r.serverCpuSeconds === null ? 'n/a' : r.serverCpuSeconds.toFixed(1),
    ]),
  );
}

function printQueries(results: Array<{ name: string; summary: ReturnType<typeof summarizeLatencies> }>): void {
  printTable(
    ['query (sequential)', 'n', 'p50 ms', 'p99 ms', 'max ms'],
    results.map(({ name, summary }) => [name, summary.count, summary.p50Ms.toFixed(2), summary.p99Ms.toFixed(2), summary.maxMs.toFixed(1)]),
  );
}

/** The generation schemas are named after the installation's schema, not inside it: dropped by name. */
async function dropSchemas(database: Database, schema: string): Promise<void> {
  const generations = await sql<{ nspname: string }>`SELECT nspname FROM pg_namespace WHERE nspname LIKE ${`${schema}_rm_%`}`.execute(database.db);
  for (const row of generations.rows) await sql`DROP SCHEMA IF EXISTS ${sql.id(row.nspname)} CASCADE`.execute(database.db);
  await sql`DROP SCHEMA IF EXISTS ${sql.id(schema)} CASCADE`.execute(database.db);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
