/**
 * Catch-up reading of the whole log, and whether every event arrives exactly once.
 *
 * - quiet: 8 writers fill the log (batches of several events per append, exact expected revisions), then each
 *   reader reads it from the beginning to the end: events/s, lost, duplicated.
 * - concurrent: the reader starts first and reads while the 8 writers write, until it has been idle for a
 *   while after the last write: lost and duplicated, and how far behind the writers it ended.
 *
 * Ours reads through `subscribe` (catch-up over `readAll` pages). Emmett reads through its consumer (a reactor)
 * and through the bare batch puller under it. Our store runs first: Emmett's connection layer replaces pg's
 * global type parsers (int8 becomes BigInt, json its own parser) as soon as it opens a pool.
 *
 *   npm run bench:catch-up [-- --events=200000 --variants=quiet,concurrent --stores=ours,emmett]
 */
import { auditDeliveries } from './support/delivery.audit';
import { benchDatabaseUrl, runTag } from './support/bench-database.fixture';
import { describeEnvironment, formatLoad, printEnvironment } from './support/bench-environment.report';
import type { CatchUpTarget, RunningReader } from './support/catch-up.target';
import { parseOptions } from './support/cli-options.parser';
import { openEmmettTarget } from './support/emmett-catch-up.target';
import { nowMicros, sleep } from './support/latency.stats';
import { fillLog } from './support/log-filler';
import { openOurTarget } from './support/ours-catch-up.target';
import { type Cell, formatNumber, printTable } from './support/results-table.printer';

const TARGETS: Record<string, (url: string, writers: number, tag: string) => Promise<CatchUpTarget>> = {
  ours: openOurTarget,
  emmett: openEmmettTarget,
};

interface Settings {
  events: number;
  writers: number;
  batch: number;
  eventsPerStream: number;
  /** A reader still reading after this long is stopped and its partial rate reported. */
  readCapSeconds: number;
  /** Quiet reads per reader: the first pass also sets the rows' commit hint bits, later ones read settled pages. */
  passes: number;
  /** The concurrent variant ends once the reader delivered nothing for this long after the last write. */
  idleSeconds: number;
}

interface Row {
  store: string;
  reader: string;
  variant: string;
  pass: number;
  fillSeconds: number;
  readSeconds: number;
  capped: boolean;
  lagSeconds: number;
  readerCpuSeconds: number;
  audit: ReturnType<typeof auditDeliveries>;
}

async function main(): Promise<void> {
  const options = parseOptions({
    events: '200000',
    writers: '8',
    batch: '10',
    'stream-events': '100',
    variants: 'quiet,concurrent',
    stores: 'ours,emmett',
    'read-cap-seconds': '240',
    'idle-seconds': '3',
    passes: '2',
  });
  const settings: Settings = {
    events: Number(options.events),
    writers: Number(options.writers),
    batch: Number(options.batch),
    eventsPerStream: Number(options['stream-events']),
    readCapSeconds: Number(options['read-cap-seconds']),
    idleSeconds: Number(options['idle-seconds']),
    passes: Number(options.passes),
  };
  if (!(settings.events > 0 && settings.events <= 2_000_000) || !(settings.readCapSeconds > 0 && settings.readCapSeconds <= 600)) {
    throw new Error('--events must be in (0, 2,000,000] and --read-cap-seconds in (0, 600]: the run must stay bounded');
  }
  const stores = options.stores.split(',');
  const variants = options.variants.split(',');
  const url = benchDatabaseUrl();
  printEnvironment(
    `Catch-up benchmark: ${formatNumber(settings.events)} events by ${settings.writers} writers, ${settings.batch} per append, streams of ${settings.eventsPerStream}`,
    await describeEnvironment(url),
  );
  const rows: Row[] = [];
  for (const store of stores) {
    const open = TARGETS[store];
    if (!open) throw new Error(`Unknown store ${store}; known: ${Object.keys(TARGETS).join(', ')}`);
    if (variants.includes('quiet')) rows.push(...(await runQuiet(open, url, settings)));
    if (variants.includes('concurrent')) rows.push(...(await runConcurrent(open, url, settings)));
  }
  printRows(rows);
  console.log(`load at end: ${formatLoad()} (1, 5, 15 min)`);
}

/** Fill first, then let each reader of the store read everything from the beginning. */
async function runQuiet(open: (typeof TARGETS)[string], url: string, settings: Settings): Promise<Row[]> {
  const target = await open(url, settings.writers, runTag());
  const rows: Row[] = [];
  try {
    const fill = await fillLog({ ...settings, append: target.append });
    for (const [name, startReader] of Object.entries(target.readers)) {
      for (let pass = 1; pass <= settings.passes; pass++) {
        const cpuBefore = process.cpuUsage();
        const started = nowMicros();
        const reader = startReader('until-caught-up');
        const capped = await finishesWithin(reader.caughtUp, settings.readCapSeconds);
        const ended = capped ? nowMicros() : reader.lastDeliveryAtMicros();
        await reader.stop();
        rows.push({
          store: target.store,
          reader: name,
          variant: 'quiet',
          pass,
          fillSeconds: fill.seconds,
          readSeconds: (ended - started) / 1e6,
          capped,
          lagSeconds: NaN,
          readerCpuSeconds: cpuSeconds(process.cpuUsage(cpuBefore)),
          audit: auditDeliveries(fill.ids, reader.deliveries),
        });
        console.log(`done: ${describeRow(rows[rows.length - 1])}`);
      }
    }
  } finally {
    await target.dispose();
  }
  return rows;
}

/** Each reader on a log of its own, reading while the writers write it. */
async function runConcurrent(open: (typeof TARGETS)[string], url: string, settings: Settings): Promise<Row[]> {
  const rows: Row[] = [];
  // A fresh log per reader: the reader must see the writers' whole run, from the first event.
  for (let index = 0, readers = 1; index < readers; index++) {
    const target = await open(url, settings.writers, runTag());
    try {
      const names = Object.keys(target.readers);
      readers = names.length;
      const started = nowMicros();
      const reader = target.readers[names[index]]('live');
      const fill = await fillLog({ ...settings, append: target.append });
      await waitUntilIdle(reader, settings);
      await reader.stop();
      rows.push({
        store: target.store,
        reader: names[index],
        variant: 'concurrent',
        pass: 1,
        fillSeconds: fill.seconds,
        readSeconds: (reader.lastDeliveryAtMicros() - started) / 1e6,
        capped: false,
        lagSeconds: Math.max(0, reader.lastDeliveryAtMicros() - fill.finishedAtMicros) / 1e6,
        // Writers and reader share this process here: CPU per event is not the reader's alone.
        readerCpuSeconds: NaN,
        audit: auditDeliveries(fill.ids, reader.deliveries),
      });
      console.log(`done: ${describeRow(rows[rows.length - 1])}`);
    } finally {
      await target.dispose();
    }
  }
  return rows;
}

/** True when the cap ran out first. */
async function finishesWithin(promise: Promise<void>, seconds: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const cap = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), seconds * 1000)));
  try {
    return await Promise.race([promise.then(() => false), cap]);
  } finally {
    clearTimeout(timer);
  }
}

async function waitUntilIdle(reader: RunningReader, settings: Settings): Promise<void> {
  const deadline = nowMicros() + settings.readCapSeconds * 1e6;
  const idleMicros = settings.idleSeconds * 1e6;
  const writersDone = nowMicros();
  while (nowMicros() < deadline) {
    const now = nowMicros();
    if (now - writersDone >= idleMicros && now - reader.lastDeliveryAtMicros() >= idleMicros) return;
    await sleep(100);
  }
}

/** Each result as it comes, so a run cut short (a shared machine) still leaves what it measured. */
function describeRow(r: Row): string {
  const rate = formatNumber(r.audit.delivered / r.readSeconds);
  return `${r.store} ${r.reader} ${r.variant} pass ${r.pass}: ${rate} events/s, ${r.audit.delivered} delivered, ${r.audit.lost} lost, ${r.audit.duplicated} duplicated`;
}

function cpuSeconds(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1e6;
}

function printRows(rows: Row[]): void {
  const cells: Cell[][] = rows.map((r) => [
    `${r.store} (${r.reader})`,
    r.variant === 'quiet' ? `quiet, pass ${r.pass}` : r.variant,
    formatNumber(r.audit.written),
    formatNumber(r.audit.written / r.fillSeconds),
    `${formatNumber(r.readSeconds, 1)}${r.capped ? ' (cap)' : ''}`,
    formatNumber(r.audit.delivered / r.readSeconds),
    formatNumber(r.audit.delivered),
    formatNumber(r.audit.lost),
    formatNumber(r.audit.duplicated),
    formatNumber(r.audit.outOfStreamOrder),
    formatNumber(r.audit.unknown),
    formatNumber(r.lagSeconds, 1),
    formatNumber((r.readerCpuSeconds / r.audit.delivered) * 1e6, 1),
  ]);
  printTable(
    ['store (reader)', 'variant', 'written', 'fill ev/s', 'read s', 'read ev/s', 'delivered', 'lost', 'duplicated', 'out of stream order', 'unknown', 'lag after last write s', 'reader CPU µs/event'],
    cells,
  );
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
