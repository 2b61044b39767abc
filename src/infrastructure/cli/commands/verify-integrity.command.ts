import type { StreamIntegrityReport } from '../../../application/audit/stream-integrity.port';
import { caseAccessStreamId, caseStreamId } from '../../../application/cases/case-stream';
import { loadConfig } from '../../config/app.config';
import { openDatabase } from '../../database/database';
import { assertSchemaCurrent } from '../../database/migrations';
import { openEventStore } from '../../event-store/event-store.module';
import { scanLogIntegrity } from '../../event-store/log-integrity.scan';
import { StoredStreamIntegrity } from '../../event-store/stored.stream-integrity';
import { type CliCommand, type CliOutput, CliUsageError, EXIT_FAILURE, EXIT_OK } from '../cli-command';
import { formatCount, formatNumber } from '../cli-numbers';

/** Progress lines at most this often: enough to see it move, few enough for a log file. */
const PROGRESS_EVERY_MS = 2_000;

/**
 * Checks hash chains as stored: one case (its entries and its access records) or the whole log. Exits 1 and
 * names the first broken link of each broken stream. `openEventStore` gives the adapter itself, never an
 * upcasting wrapper, which is what the hashes were computed over.
 */
export const verifyIntegrityCommand: CliCommand = {
  name: 'verify-integrity',
  summary: 'Verify the hash chains of one case (entries and access records) or of every stream (--all); exit 1 naming the first broken link',
  usage: '<case-id> | --all',
  async run(args, { env, output }) {
    if (args.length !== 1) throw new CliUsageError('verify-integrity takes one case id or --all');
    const [target] = args;
    if (target.startsWith('--') && target !== '--all') throw new CliUsageError(`Unknown option ${target}`);
    const config = loadConfig(env);
    const database = await openDatabase(config.database);
    try {
      await assertSchemaCurrent(database);
      const store = await openEventStore(config, database);
      try {
        const broken = target === '--all' ? await verifyAll(store, output) : await verifyCase(new StoredStreamIntegrity(store), target, output);
        if (broken === null) {
          output.err(`No case ${target}`);
          return EXIT_FAILURE;
        }
        for (const report of broken) output.err(brokenLine(report));
        return broken.length === 0 ? EXIT_OK : EXIT_FAILURE;
      } finally {
        await store.close();
      }
    } finally {
      await database.close();
    }
  },
};

/** The broken reports, or null when there is no such case. */
async function verifyCase(integrity: StoredStreamIntegrity, caseId: string, output: CliOutput): Promise<StreamIntegrityReport[] | null> {
  const reports = [await integrity.verifyStream(caseStreamId(caseId)), await integrity.verifyStream(caseAccessStreamId(caseId))];
  if (reports[0].eventsChecked === 0) return null;
  for (const report of reports) output.out(`${report.streamId}: ${formatCount(report.eventsChecked, 'event')} checked, ${report.ok ? 'intact' : 'BROKEN'}`);
  return reports.filter((report) => !report.ok);
}

async function verifyAll(store: Parameters<typeof scanLogIntegrity>[0], output: CliOutput): Promise<StreamIntegrityReport[]> {
  const started = Date.now();
  let lastPrinted = started;
  const line = (progress: { events: number; streams: number; brokenStreams: number }) => {
    const seconds = Math.max((Date.now() - started) / 1000, 0.001);
    return `${formatCount(progress.streams, 'stream')}, ${formatCount(progress.events, 'event')} checked (${formatNumber(progress.streams / seconds)} streams/s), ${formatNumber(progress.brokenStreams)} broken`;
  };
  const result = await scanLogIntegrity(store, {
    onProgress: (progress) => {
      if (Date.now() - lastPrinted < PROGRESS_EVERY_MS) return;
      lastPrinted = Date.now();
      output.out(line(progress));
    },
  });
  output.out(`Done: ${line(result)}`);
  return result.broken;
}

function brokenLine(report: StreamIntegrityReport): string {
  const link = report.firstBroken;
  return link === null
    ? `${report.streamId}: broken`
    : `${report.streamId}: first broken link at revision ${link.revision}, event ${link.eventId} (${link.problem})`;
}
