/**
 * The funding report over a large log, from the projection: a year's report of a whole district (and of one
 * unit) over `--events` events. The log is the demo generator's realistic two-year histories; the projection
 * is fed the way the runner feeds it (one transaction per batch), then each report is produced `--repeat`
 * times: read model queries, the timeline fold, the tables and suppression, and each output format.
 *
 *   npm run bench -- bench/funding-report.bench.ts [--events=1000000 --database=postgres|pglite --repeat=5]
 */
import { sql, type Kysely } from 'kysely';
import { buildFundingReport } from '../src/domain/reporting/funding-report.builder';
import type { FundingReportRequest } from '../src/domain/reporting/funding-measures.fold';
import { recordCutoff } from '../src/domain/reporting/record-cutoff.value';
import { parseReportPeriod } from '../src/domain/reporting/report-period.value';
import { openDatabase, type Database } from '../src/infrastructure/database/database';
import { FundingReportProjection } from '../src/projections/funding-report/funding-report.projection';
import { FundingReportReader } from '../src/projections/funding-report/funding-report.reader';
import { FUNDING_REPORT_TABLES } from '../src/projections/funding-report/funding-report.tables';
import { REPORT_FORMATS, renderFundingReport } from '../src/infrastructure/reporting/funding-report.formats';
import { benchDatabaseUrl, runTag } from './support/bench-database.fixture';
import { describeEnvironment, formatLoad, printEnvironment } from './support/bench-environment.report';
import { parseOptions } from './support/cli-options.parser';
import { formatNumber, printTable, type Cell } from './support/results-table.printer';
import { BENCH_DISTRICT, BENCH_UNITS, syntheticLog } from './support/synthetic-log.generator';

const TODAY = '2026-01-15';

async function main(): Promise<void> {
  const options = parseOptions({ events: '1000000', database: 'postgres', repeat: '5', batch: '1000' });
  const events = Number(options.events);
  const url = benchDatabaseUrl();
  const tag = runTag();
  const schema = `bench_fr_${tag}`;
  const database: Database =
    options.database === 'pglite' ? await openDatabase({ kind: 'pglite', dataDir: null }) : await openDatabase({ kind: 'postgres', url, poolSize: 4 });
  const db = database.db as unknown as Kysely<unknown>;
  const environment = await describeEnvironment(url);
  printEnvironment(`Funding report over ${formatNumber(events)} events (${options.database})`, environment);
  if (options.database === 'pglite') console.log('database under test: PGlite, in this process and in memory (the postgres line above is the server, unused)\n');

  try {
    await sql`CREATE SCHEMA ${sql.id(schema)}`.execute(db);
    const projection = new FundingReportProjection();
    await projection.setup(db, schema);

    const fillStart = performance.now();
    let fed = 0;
    // As the runner feeds it: every batch commits before the next, so they are one run (see `BatchContext.run`).
    const run = { run: {} };
    for (const batch of syntheticLog(events, TODAY, Number(options.batch))) {
      await db.transaction().execute((trx) => projection.apply(trx, schema, batch, run));
      fed += batch.length;
      if (fed % 100_000 < batch.length) console.log(`  fed ${formatNumber(fed)} events, ${formatNumber(fed / ((performance.now() - fillStart) / 1000))} events/s`);
    }
    const fillSeconds = (performance.now() - fillStart) / 1000;
    // As the runner does before a generation becomes the one readers use.
    const indexStart = performance.now();
    await projection.createReadIndexes(db, schema);
    const indexSeconds = (performance.now() - indexStart) / 1000;
    // Statistics as autovacuum would have them by now; only this run's tables (the server is shared).
    for (const table of Object.values(FUNDING_REPORT_TABLES)) await sql`ANALYZE ${sql.id(schema, table)}`.execute(db);
    console.log(`\nfed ${formatNumber(fed)} events in ${fillSeconds.toFixed(1)} s (${formatNumber(fed / fillSeconds)} events/s), read indexes ${indexSeconds.toFixed(1)} s`);
    for (const table of Object.values(FUNDING_REPORT_TABLES)) {
      const count = await sql<{ rows: number }>`SELECT count(*)::int AS rows FROM ${sql.id(schema, table)}`.execute(db);
      console.log(`  ${table}: ${formatNumber(count.rows[0].rows)} rows`);
    }

    const reader = new FundingReportReader(db, { read: (_name, query) => query({ projection: projection.name, version: 1, generation: 1, schema }) });
    const table: Cell[][] = [];
    for (const [label, unit] of [['district, year 2025', null], ['one unit, year 2025', BENCH_UNITS[1]], ['district, 2025-Q4', null]] as const) {
      const request: FundingReportRequest = {
        period: parseReportPeriod(label.endsWith('Q4') ? '2025-Q4' : '2025'),
        scope: { districtId: BENCH_DISTRICT, organisationUnitId: unit },
        cutoff: recordCutoff('2026-01-10'),
      };
      const timings: Record<string, number[]> = { report: [], cpu: [], json: [], csv: [], xlsx: [] };
      for (let i = 0; i < Number(options.repeat); i++) {
        const start = performance.now();
        const cpu = process.cpuUsage();
        const measures = await reader.measures(request);
        const report = buildFundingReport(measures, request, { districtName: 'Benchmark', organisationUnitName: unit });
        timings.report.push(performance.now() - start);
        const used = process.cpuUsage(cpu);
        timings.cpu.push((used.user + used.system) / 1000);
        for (const format of REPORT_FORMATS) {
          const formatStart = performance.now();
          await renderFundingReport(report, format);
          timings[format].push(performance.now() - formatStart);
        }
      }
      const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
      const sorted = [...timings.report].sort((a, b) => a - b);
      table.push([
        label,
        formatNumber(median(sorted)),
        formatNumber(sorted[0]),
        formatNumber(sorted[sorted.length - 1]),
        formatNumber(median(timings.cpu)),
        ...REPORT_FORMATS.map((format) => formatNumber(median(timings[format]))),
      ]);
    }
    console.log('');
    // Node's own CPU time shows how much of the wall time is ours and how much is waiting for a busy machine.
    printTable(['report (read model + tables + suppression)', 'median ms', 'min ms', 'max ms', 'Node CPU ms', '+ json ms', '+ csv ms', '+ xlsx ms'], table);
    console.log(`\nload at the end: ${formatLoad()} (1, 5, 15 min)`);
  } finally {
    await sql`DROP SCHEMA IF EXISTS ${sql.id(schema)} CASCADE`.execute(db);
    await database.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
