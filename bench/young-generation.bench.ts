/**
 * The service's young generation: caseload queries right after a rebuild in the same process (the service
 * builds a new projection version itself), with V8's default semi-space and with a larger one (the rebuild
 * CLI's `--max-semi-space-size=128`). Each setting runs in a process of its own, in turn, so the settings share
 * the machine's minutes. Per process: the rebuild, 20 warm-up queries, then the measured queries (a case
 * manager's unit, first page, names decrypted) with every scavenge V8 reports meanwhile.
 *
 *   npm run bench -- bench/young-generation.bench.ts --schema=bench_rm_<tag> [--semi=default,128 --rounds=2 --queries=6000 --rebuild=bench_noop]
 *
 * The schema is a log filled and kept by `bench/read-models.bench.ts --keep=true`. `--rebuild=none` measures
 * the queries of a process that has not rebuilt anything.
 */
import { spawn } from 'node:child_process';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { DEFAULT_CASELOAD_OPTIONS } from '../src/application/caseload/caseload.options';
import { GetCaseloadHandler } from '../src/application/caseload/get-caseload.handler';
import { GetCaseloadQuery } from '../src/application/caseload/get-caseload.query';
import { PostgresPersonalDataVault } from '../src/infrastructure/crypto/postgres.personal-data-vault';
import { type Database, openDatabase } from '../src/infrastructure/database/database';
import { PostgresEventStore } from '../src/infrastructure/event-store/postgres.event-store';
import { createLogger } from '../src/infrastructure/logging/logger';
import { CaseloadReader } from '../src/projections/caseload/caseload.reader';
import { PROJECTION_CATALOG } from '../src/projections/projection.catalog';
import { ReadModelLocator } from '../src/projections/read/read-model.locator';
import { DEFAULT_REBUILD_BATCH_SIZE, ProjectionRebuilder } from '../src/projections/rebuild/projection.rebuilder';
import { ProjectionRegistry } from '../src/projections/registry/projection-registry.repository';
import { InProcessGenerationLocks } from '../src/projections/runner/in-process.generation-locks';
import { benchDatabaseUrl } from './support/bench-database.fixture';
import { describeEnvironment, formatLoad, printEnvironment } from './support/bench-environment.report';
import { parseOptions } from './support/cli-options.parser';
import { nowMicros, summarizeLatencies, type LatencySummary } from './support/latency.stats';
import { BENCH_NOW, benchDistrict, benchVaultKey, caseloadRequest, NOOP_PROJECTION } from './support/read-models.fixture';
import { printTable } from './support/results-table.printer';

const WARM_UP_QUERIES = 20;

interface ProcessResult {
  rebuildSeconds: number | null;
  queries: LatencySummary;
  scavenges: LatencySummary;
  scavengeTotalMs: number;
}

async function main(): Promise<void> {
  const options = parseOptions({ schema: '', semi: 'default,128', rounds: '2', queries: '6000', rebuild: NOOP_PROJECTION.name, seed: '1', child: 'false' });
  if (!/^bench_rm_[a-z0-9_]+$/.test(options.schema)) {
    throw new Error('--schema=bench_rm_<tag> is required: a log kept by `bench/read-models.bench.ts --keep=true` (fill one with it first)');
  }
  if (options.child === 'true') {
    // The parent reads the last line.
    console.log(JSON.stringify(await measureThisProcess(options)));
    return;
  }
  const url = benchDatabaseUrl();
  printEnvironment('Young generation: caseload queries after a rebuild in the same process', await describeEnvironment(url));
  const rows: Array<Array<string | number>> = [];
  for (let round = 1; round <= Number(options.rounds); round++) {
    for (const semi of options.semi.split(',')) {
      const result = await inChildProcess(semi, options);
      console.log(`round ${round}, semi-space ${semi}: rebuild ${result.rebuildSeconds?.toFixed(1) ?? '-'} s, query p99 ${result.queries.p99Ms.toFixed(2)} ms`);
      rows.push([
        round,
        semi === 'default' ? 'default' : `${semi} MB`,
        result.rebuildSeconds === null ? '-' : result.rebuildSeconds.toFixed(1),
        result.queries.p50Ms.toFixed(2),
        result.queries.p99Ms.toFixed(2),
        result.queries.maxMs.toFixed(1),
        result.scavenges.count,
        result.scavenges.p50Ms.toFixed(2),
        result.scavenges.maxMs.toFixed(1),
        result.scavengeTotalMs.toFixed(0),
      ]);
    }
  }
  console.log('');
  printTable(['round', 'semi-space', 'rebuild s', 'query p50 ms', 'p99 ms', 'max ms', 'scavenges', 'scavenge p50 ms', 'max ms', 'all scavenges ms'], rows);
  console.log(`\nload at end: ${formatLoad()} (1, 5, 15 min)`);
}

/** This script again, as a child with the semi-space setting; its own NODE_OPTIONS cannot override it. */
function inChildProcess(semi: string, options: Record<string, string>): Promise<ProcessResult> {
  const v8Flags = semi === 'default' ? [] : [`--max-semi-space-size=${Number(semi)}`];
  const args = [...v8Flags, '-r', '@swc-node/register', __filename, ...Object.entries({ ...options, child: 'true' }).map(([name, value]) => `--${name}=${value}`)];
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`the measuring process (semi-space ${semi}) exited with ${code}; its error is printed above`));
      resolve(JSON.parse(output.trim().split('\n').pop() ?? '') as ProcessResult);
    });
  });
}

async function measureThisProcess(options: Record<string, string>): Promise<ProcessResult> {
  const database = await openDatabase({ kind: 'postgres', url: benchDatabaseUrl(), poolSize: 10, schema: options.schema });
  try {
    const filled = await sql<{ filled: boolean }>`SELECT EXISTS (SELECT 1 FROM kim_events) AS filled`.execute(database.db);
    if (!filled.rows[0].filled) throw new Error(`${options.schema} holds no events: fill it with bench/read-models.bench.ts --schema=${options.schema} --keep=true`);
    const registry = ProjectionRegistry.on(database.db, database.schema);
    const rebuildSeconds = options.rebuild === 'none' ? null : await rebuildOnce(database, registry, options.rebuild);

    const db = database.db as unknown as Kysely<unknown>;
    const vault = new PostgresPersonalDataVault(database, benchVaultKey(options.seed));
    const caseloads = new GetCaseloadHandler(
      new CaseloadReader(db, new ReadModelLocator(registry)),
      vault,
      { untilApplied: async () => true },
      { now: () => BENCH_NOW },
      DEFAULT_CASELOAD_OPTIONS,
    );
    const query = new GetCaseloadQuery(benchDistrict().caseManagers[0], caseloadRequest());
    for (let i = 0; i < WARM_UP_QUERIES; i++) await caseloads.execute(query);

    const scavengeMicros: number[] = [];
    const gc = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if ((entry as unknown as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR) scavengeMicros.push(entry.duration * 1000);
      }
    });
    gc.observe({ entryTypes: ['gc'] });
    const latencies: number[] = [];
    for (let i = 0; i < Number(options.queries); i++) {
      const started = nowMicros();
      await caseloads.execute(query);
      latencies.push(nowMicros() - started);
    }
    // GC entries are delivered after the event loop turns.
    await new Promise((resolve) => setImmediate(resolve));
    gc.disconnect();
    return {
      rebuildSeconds,
      queries: summarizeLatencies(latencies),
      scavenges: summarizeLatencies(scavengeMicros),
      scavengeTotalMs: scavengeMicros.reduce((sum, micros) => sum + micros, 0) / 1000,
    };
  } finally {
    await database.close();
  }
}

/** A rebuild as the service's supervisor runs one when a new projection version is deployed. */
async function rebuildOnce(database: Database, registry: ProjectionRegistry, target: string): Promise<number> {
  const projection = [NOOP_PROJECTION, ...PROJECTION_CATALOG].find((candidate) => candidate.name === target);
  if (projection === undefined) throw new Error(`--rebuild=${target}: not a projection; known: none, ${NOOP_PROJECTION.name}, ${PROJECTION_CATALOG.map((p) => p.name).join(', ')}`);
  const rebuilder = new ProjectionRebuilder(
    { store: new PostgresEventStore(database), registry, locks: new InProcessGenerationLocks(), logger: createLogger({ level: 'silent' }) },
    [projection],
    { runner: { batchSize: DEFAULT_REBUILD_BATCH_SIZE } },
  );
  const started = performance.now();
  await rebuilder.rebuild(target);
  return (performance.now() - started) / 1000;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
