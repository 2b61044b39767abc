import { ExecuteCaseCommandHandler } from '../../../application/cases/execute-case-command.handler';
import { systemClock } from '../../../application/ports/clock.port';
import type { Role } from '../../../domain/case/access.policy';
import { germanCalendarDate } from '../../../domain/time/instant.value';
import { loadConfig } from '../../config/app.config';
import { masterKeyFor } from '../../crypto/personal-data.module';
import { PostgresPersonalDataVault } from '../../crypto/postgres.personal-data-vault';
import { openDatabase } from '../../database/database';
import { assertSchemaCurrent } from '../../database/migrations';
import { seedSyntheticCases } from '../../demo/synthetic-cases.seeder';
import { openEventStore } from '../../event-store/event-store.module';
import { type CliCommand, CliUsageError, EXIT_FAILURE, EXIT_OK } from '../cli-command';
import { parseOptions } from '../cli-options';
import { formatCount, formatNumber } from '../cli-numbers';

const CASE_MANAGER: Role = 'case_manager';

/** Fills a store with synthetic but rule-abiding cases for demos, training and benchmarks. Never on real data. */
export const seedDemoCasesCommand: CliCommand = {
  name: 'seed-demo-cases',
  summary: 'Write N synthetic cases (two years of plausible histories) through the command path, with progress',
  usage: '--count <n> [--seed <n>]',
  async run(args, { env, output }) {
    const options = parseOptions(args, { required: ['count'], optional: ['seed'] });
    const count = Number(options.count);
    const seed = Number(options.seed ?? 1);
    if (!Number.isInteger(count) || count < 1) throw new CliUsageError('--count must be a whole number >= 1');
    if (!Number.isInteger(seed) || seed < 0) throw new CliUsageError('--seed must be a whole number >= 0');

    const config = loadConfig(env);
    const database = await openDatabase(config.database);
    try {
      await assertSchemaCurrent(database);
      const managers = await database.db
        .selectFrom('kim_users')
        .select(['id', 'organisation_unit_id', 'district_id'])
        .where('role', '=', CASE_MANAGER)
        .where('disabled', '=', false)
        .orderBy('username')
        .execute();
      if (managers.length === 0) {
        output.err('No case manager accounts: start the service once with KIM_DEMO_DATA=true, or create accounts with create-user');
        return EXIT_FAILURE;
      }
      const store = await openEventStore(config, database);
      const vault = new PostgresPersonalDataVault(database, masterKeyFor(config), systemClock.now);
      const handler = new ExecuteCaseCommandHandler(store, vault, systemClock);
      let lastReport = 0;
      const result = await seedSyntheticCases((command) => handler.execute(command), {
        count,
        seed,
        today: germanCalendarDate(Date.now()),
        caseManagers: managers.map((m) => ({
          userId: m.id,
          role: CASE_MANAGER,
          organisationUnitId: m.organisation_unit_id as string,
          districtId: m.district_id,
        })),
        onProgress: (p) => {
          if (p.casesDone === p.casesTotal || p.elapsedMs - lastReport >= 1000) {
            lastReport = p.elapsedMs;
            const rate = p.commands / Math.max(p.elapsedMs / 1000, 0.001);
            output.out(
              `${formatNumber(p.casesDone)}/${formatCount(p.casesTotal, 'case')} (${Math.round((100 * p.casesDone) / p.casesTotal)} %), ${formatCount(p.commands, 'command')}, ${formatNumber(rate)} commands/s`,
            );
          }
        },
      });
      output.out(`Done: ${formatCount(result.casesDone, 'case')}, ${formatCount(result.commands, 'command')} in ${(result.elapsedMs / 1000).toFixed(1)} s`);
      await store.close();
      return EXIT_OK;
    } finally {
      await database.close();
    }
  },
};
