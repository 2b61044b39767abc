import { rename, writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Kysely } from 'kysely';
import { fundingMeasuresFromLog, type LogReadProgress } from '../../../application/reporting/event-log.funding-measures';
import { FundingReportRequests } from '../../../application/reporting/funding-report.requests';
import { type Clock, systemClock } from '../../../application/ports/clock.port';
import { buildFundingReport } from '../../../domain/reporting/funding-report.builder';
import type { FundingMeasures } from '../../../domain/reporting/funding-measures.model';
import { isCalendarDate } from '../../../domain/time/calendar-date.value';
import { FundingReportReader } from '../../../projections/funding-report/funding-report.reader';
import { ReadModelLocator } from '../../../projections/read/read-model.locator';
import { ProjectionRegistry } from '../../../projections/registry/projection-registry.repository';
import { loadConfig } from '../../config/app.config';
import { openDatabase } from '../../database/database';
import { assertSchemaCurrent } from '../../database/migrations';
import { openEventStore } from '../../event-store/event-store.module';
import { AccountsRepository } from '../../identity/accounts.repository';
import { AccountsReportingDirectory } from '../../reporting/accounts.reporting-directory';
import { REPORT_FORMATS, renderFundingReport, type ReportFormat } from '../../reporting/funding-report.formats';
import { type CliCommand, CliUsageError, EXIT_OK } from '../cli-command';
import { parseOptions } from '../cli-options';
import { formatNumber } from '../cli-numbers';

const SOURCES = ['log', 'read-model'] as const;

/**
 * Writes the funding report to a file, for the operator who sends it. By default it folds the event log
 * itself (no read model or running service needed; progress as it reads), or reads the `funding_report`
 * read model like the API (`--source read-model`, fast). Both give the same figures.
 */
export function makeFundingReportCommand(options: { clock?: Clock; progressIntervalMs?: number } = {}): CliCommand {
  const command: CliCommand = {
    name: 'funding-report',
    summary: 'Write the funding report (JSON, CSV or XLSX) of a district or unit for a period, as recorded on a day',
    usage: `--district <id> --period <2025|2025-H1|2025-Q1> --out <file> [--organisation-unit <id>] [--as-recorded-on <YYYY-MM-DD>] [--format <${REPORT_FORMATS.join('|')}>] [--source <${SOURCES.join('|')}>]`,
    async run(args, { env, output }) {
      const given = parseOptions(args, { required: ['district', 'period', 'out'], optional: ['organisation-unit', 'as-recorded-on', 'format', 'source'] });
      const format = given.format ?? extname(given.out).slice(1).toLowerCase();
      if (!(REPORT_FORMATS as readonly string[]).includes(format)) throw new CliUsageError(`--format must be one of ${REPORT_FORMATS.join('|')} (or the file must end in one)`);
      const source = given.source ?? 'log';
      if (!(SOURCES as readonly string[]).includes(source)) throw new CliUsageError(`--source must be one of ${SOURCES.join('|')}`);
      const asRecordedOn = given['as-recorded-on'] ?? null;
      if (asRecordedOn !== null && !isCalendarDate(asRecordedOn)) throw new CliUsageError('--as-recorded-on must be a date YYYY-MM-DD');

      const config = loadConfig(env);
      const database = await openDatabase(config.database);
      try {
        await assertSchemaCurrent(database);
        const requests = new FundingReportRequests(new AccountsReportingDirectory(new AccountsRepository(database.db)), options.clock ?? systemClock);
        const scope = { districtId: given.district, organisationUnitId: given['organisation-unit'] ?? null };
        const { request, names } = await requests.resolve(scope, given.period, asRecordedOn, 'as-recorded-on');
        output.out(`Funding report ${request.period.code} for ${names.organisationUnitName ?? names.districtName}, as recorded on ${request.cutoff.asRecordedOn}`);

        let measures: FundingMeasures;
        if (source === 'log') {
          const store = await openEventStore(config, database);
          try {
            output.out('Reading the event log ...');
            let last: LogReadProgress = { eventsRead: 0, elapsedMs: 0 };
            const show = throttled(options.progressIntervalMs ?? 2_000, (progress) => output.out(describe(progress)));
            measures = await fundingMeasuresFromLog(store, request, (progress) => {
              last = progress;
              show(progress);
            });
            output.out(`Read ${formatNumber(last.eventsRead)} events in ${(last.elapsedMs / 1000).toFixed(1)} s`);
          } finally {
            await store.close();
          }
        } else {
          const locator = new ReadModelLocator(ProjectionRegistry.on(database.db, database.schema));
          measures = await new FundingReportReader(database.db as unknown as Kysely<unknown>, locator).measures(request);
        }

        const report = buildFundingReport(measures, request, names);
        const rendered = await renderFundingReport(report, format as ReportFormat);
        // Written beside the target and renamed: a reader never finds half a report.
        const partial = `${given.out}.partial`;
        await writeFile(partial, rendered.body);
        await rename(partial, given.out);
        output.out(`Wrote ${given.out} (${formatNumber(rendered.body.length)} bytes, ${report.suppressed.length} suppressed values listed in it)`);
        return EXIT_OK;
      } finally {
        await database.close();
      }
    },
  };
  return command;
}

export const fundingReportCommand = makeFundingReportCommand();

function describe(progress: LogReadProgress): string {
  const perSecond = progress.elapsedMs > 0 ? (progress.eventsRead * 1000) / progress.elapsedMs : 0;
  return `  ${formatNumber(progress.eventsRead)} events read (${formatNumber(perSecond)} events/s)`;
}

/** At most one progress line per interval, however small the pages. */
function throttled(intervalMs: number, show: (progress: LogReadProgress) => void): (progress: LogReadProgress) => void {
  let shownAt = -Infinity;
  return (progress) => {
    if (progress.elapsedMs - shownAt < intervalMs) return;
    shownAt = progress.elapsedMs;
    show(progress);
  };
}
