import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliCommand, CliContext } from '../../../../src/infrastructure/cli/cli-command';
import { makeFundingReportCommand } from '../../../../src/infrastructure/cli/commands/funding-report.command';
import { migrateCommand } from '../../../../src/infrastructure/cli/commands/migrate.command';
import { runCli } from '../../../../src/infrastructure/cli/run-cli';
import { openDatabase } from '../../../../src/infrastructure/database/database';
import { PostgresEventStore } from '../../../../src/infrastructure/event-store/postgres.event-store';
import { AccountsRepository } from '../../../../src/infrastructure/identity/accounts.repository';
import { renderFundingReport } from '../../../../src/infrastructure/reporting/funding-report.formats';
import { reportOf, reportRequest } from '../../../domain/reporting/funding-report.fixtures';
import { AS_RECORDED_A, DISTRICT, DRK, fundingDistrictLog, KI } from '../../../support/funding-district.fixture';

/**
 * `funding-report` on a PGlite data directory holding the hand-built district: the file it writes is, byte for
 * byte, the report folded from the same log; progress shows while it reads.
 */
describe('funding-report command (pglite data directory)', () => {
  let dataDir: string;
  const log = fundingDistrictLog();

  async function run(argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const commands: CliCommand[] = [migrateCommand, makeFundingReportCommand({ progressIntervalMs: 0, clock: { now: () => new Date('2025-06-01T12:00:00Z') } })];
    const context: CliContext = { env: { KIM_DATA_DIR: dataDir }, commands, output: { out: (line) => out.push(line), err: (line) => err.push(line) } };
    return { code: await runCli(argv, context), out, err };
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kim-funding-report-cli-'));
    expect((await run(['migrate'])).code).toBe(0);
    const database = await openDatabase({ kind: 'pglite', dataDir: join(dataDir, 'pglite') });
    try {
      const accounts = new AccountsRepository(database.db);
      await accounts.createDistrict({ id: DISTRICT, name: 'Kreis Heinsberg' });
      await accounts.createOrganisationUnit({ id: KI, districtId: DISTRICT, name: 'Kommunales Integrationszentrum', kind: 'integration_centre', dataProtectionRegime: 'dsg_nrw' });
      await accounts.createOrganisationUnit({ id: DRK, districtId: DISTRICT, name: 'DRK-Kreisverband', kind: 'provider', dataProtectionRegime: 'bdsg' });
      let now = new Date();
      const store = new PostgresEventStore(database, { clock: () => now });
      for (const event of log) {
        now = new Date(event.metadata.recordedAt);
        const { id, type, schemaVersion, data, metadata } = event;
        await store.append(event.streamId, [{ id, type, schemaVersion, data, metadata: { occurredAt: metadata.occurredAt, actor: metadata.actor, correlationId: metadata.correlationId, causationId: null } }], event.revision === 0 ? 'no_stream' : event.revision - 1);
      }
    } finally {
      await database.close();
    }
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it.each(['csv', 'xlsx', 'json'] as const)('writes the %s file folded from the event log, with progress', async (format) => {
    const file = join(dataDir, `bericht.${format}`);
    const result = await run(['funding-report', '--district', DISTRICT, '--period', '2025-Q1', '--as-recorded-on', AS_RECORDED_A, '--out', file]);
    expect(result).toMatchObject({ code: 0, err: [] });
    expect(result.out[0]).toBe('Funding report 2025-Q1 for Kreis Heinsberg, as recorded on 2025-04-10');
    expect(result.out).toContain('Reading the event log ...');
    const count = new Intl.NumberFormat('en-GB').format(log.length);
    expect(result.out.filter((line) => new RegExp(`^  ${count} events read \\([\\d,]+ events/s\\)$`).test(line))).toHaveLength(1);
    expect(result.out).toContainEqual(expect.stringMatching(new RegExp(`^Read ${count} events in \\d+\\.\\d s$`)));
    expect(result.out.at(-1)).toMatch(new RegExp(`^Wrote ${file.replace(/[.]/g, '\\.')} \\([\\d,]+ bytes, \\d+ suppressed values listed in it\\)$`));
    const expected = await renderFundingReport(reportOf(log, reportRequest(DISTRICT, '2025-Q1', AS_RECORDED_A), { districtName: 'Kreis Heinsberg', organisationUnitName: null }), format);
    expect((await readFile(file)).equals(expected.body)).toBe(true);
  });

  it('writes the report of one unit, today by default', async () => {
    const file = join(dataDir, 'drk.json');
    const result = await run(['funding-report', '--district', DISTRICT, '--organisation-unit', DRK, '--period=2025-H1', '--out', file]);
    expect(result.code).toBe(0);
    const report = JSON.parse(await readFile(file, 'utf8'));
    expect(report.recorded.asRecordedOn).toBe('2025-06-01');
    expect(report.scope).toEqual({ districtId: DISTRICT, districtName: 'Kreis Heinsberg', organisationUnitId: DRK, organisationUnitName: 'DRK-Kreisverband' });
  });

  it('refuses what it cannot do, saying why', async () => {
    const noOut = await run(['funding-report', '--district', DISTRICT, '--period', '2025-Q1']);
    expect(noOut).toMatchObject({ code: 2, err: ['Missing --out', expect.stringContaining('Usage: npm run cli -- funding-report --district')] });
    const format = await run(['funding-report', '--district', DISTRICT, '--period', '2025-Q1', '--out', join(dataDir, 'x.pdf')]);
    expect(format.code).toBe(2);
    expect(format.err[0]).toBe('--format must be one of json|csv|xlsx (or the file must end in one)');
    const unit = await run(['funding-report', '--district', DISTRICT, '--organisation-unit', 'nowhere', '--period', '2025-Q1', '--out', join(dataDir, 'x.csv')]);
    expect(unit).toMatchObject({ code: 1, err: ['funding-report failed: Diese Organisationseinheit gibt es in Ihrem Kreis nicht.'] });
    const future = await run(['funding-report', '--district', DISTRICT, '--period', '2025-Q1', '--as-recorded-on', '2025-06-02', '--out', join(dataDir, 'x.csv')]);
    expect(future.code).toBe(1);
    const notBuilt = await run(['funding-report', '--district', DISTRICT, '--period', '2025-Q1', '--source', 'read-model', '--out', join(dataDir, 'x.csv')]);
    expect(notBuilt).toMatchObject({ code: 1, err: [expect.stringContaining('Read model funding_report is not ready')] });
  });
});
