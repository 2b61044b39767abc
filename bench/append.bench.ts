/**
 * Append throughput and latency: W writers, each appending single events to its own stream with an exact
 * expected revision, for our PostgreSQL event store, for the same prepared statement through a bare
 * node-postgres pool (the floor under our adapter in Node), for pgbench calling `kim_append` (the server's
 * ceiling for the same transaction; prepared as ours, and extended as measured before), and for Emmett's
 * PostgreSQL event store. Ratios refer to pgbench with prepared statements.
 *
 *   npm run bench:append [-- --seconds=4 --rounds=3 --levels=1,8,32 --append-concurrency=4]
 */
import {
  type AppendRound,
  type AppendTarget,
  emmettAppendTarget,
  nodePostgresAppendTarget,
  ourAppendTarget,
  pgbenchAppendTarget,
} from './support/append.targets';
import { DEFAULT_APPEND_CONCURRENCY } from '../src/infrastructure/event-store/postgres.event-store';
import { benchDatabaseUrl, runTag } from './support/bench-database.fixture';
import { describeEnvironment, formatLoad, printEnvironment } from './support/bench-environment.report';
import { parseOptions } from './support/cli-options.parser';
import { summarizeLatencies } from './support/latency.stats';
import { type Cell, formatNumber, printTable } from './support/results-table.printer';

/** One store at one level, summed over its rounds. */
interface LevelResult extends AppendRound {
  store: string;
  writers: number;
  roundRates: number[];
}

async function main(): Promise<void> {
  const options = parseOptions({ seconds: '4', rounds: '3', levels: '1,8,32', 'append-concurrency': String(DEFAULT_APPEND_CONCURRENCY) });
  const appendConcurrency = Number(options['append-concurrency']);
  const seconds = Number(options.seconds);
  const rounds = Number(options.rounds);
  const levels = options.levels.split(',').map(Number);
  if (!(seconds > 0 && seconds * rounds <= 60) || levels.some((l) => !(l >= 1 && l <= 64))) {
    throw new Error('--seconds x --rounds must be in (0, 60] and each level in [1, 64]: the whole run must stay bounded');
  }
  const url = benchDatabaseUrl();
  printEnvironment('Append benchmark: single events, exact expected revision, one stream per writer', await describeEnvironment(url));
  const tag = runTag();
  const targets: AppendTarget[] = [];
  const results: LevelResult[] = [];
  try {
    for (const open of [ourAppendTarget(appendConcurrency), ourAppendTarget('per writer'), nodePostgresAppendTarget, pgbenchAppendTarget('prepared'), pgbenchAppendTarget('extended'), emmettAppendTarget]) {
      targets.push(await open(url, tag));
    }
    for (const writers of levels) {
      const level = targets.map((t) => ({ store: t.name, writers, events: 0, seconds: 0, latenciesMicros: [] as number[], clientCpuSeconds: 0, roundRates: [] as number[] }));
      // Short rounds with the stores in turn, rather than one long run each: a burst of load from another user
      // of the machine then costs every store a little instead of one store a lot.
      for (let round = 0; round < rounds; round++) {
        for (const [index, target] of targets.entries()) {
          const session = await target.open(writers);
          try {
            add(level[index], await session.run(seconds, `w${writers}r${round}-`));
          } finally {
            await session.close();
          }
        }
      }
      results.push(...level);
    }
    for (const target of targets) {
      const command = target.command();
      if (command) console.log(`${target.name}: ${command}\n`);
    }
  } finally {
    for (const target of targets) await target.dispose();
  }
  printResults(results);
}

function add(sum: LevelResult, round: AppendRound): void {
  sum.events += round.events;
  sum.seconds += round.seconds;
  sum.clientCpuSeconds += round.clientCpuSeconds;
  for (const latency of round.latenciesMicros) sum.latenciesMicros.push(latency);
  sum.roundRates.push(round.events / round.seconds);
}

function printResults(results: LevelResult[]): void {
  const rows: Cell[][] = results.map((r) => {
    const latency = summarizeLatencies(r.latenciesMicros);
    const rate = r.events / r.seconds;
    const pgbench = results.find((b) => b.writers === r.writers && b.store === 'pgbench kim_append, prepared');
    return [
      r.store,
      r.writers,
      formatNumber(r.events),
      formatNumber(rate),
      r.roundRates.map((x) => formatNumber(x)).join(' / '),
      formatNumber(pgbench ? rate / (pgbench.events / pgbench.seconds) : NaN, 2),
      formatNumber(latency.p50Ms, 2),
      formatNumber(latency.p99Ms, 2),
      formatNumber(latency.maxMs, 1),
      formatNumber((r.clientCpuSeconds / r.events) * 1e6),
    ];
  });
  printTable(['store', 'writers', 'events', 'events/s', 'per round', 'x pgbench', 'p50 ms', 'p99 ms', 'max ms', 'client CPU µs/event'], rows);
  console.log(`load at end: ${formatLoad()} (1, 5, 15 min)`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
