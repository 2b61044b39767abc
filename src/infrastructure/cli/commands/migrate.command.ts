import { loadConfig } from '../../config/app.config';
import { openDatabase } from '../../database/database';
import { CODE_SCHEMA_VERSION, migrateToLatest } from '../../database/migrations';
import { type CliCommand, EXIT_OK, rejectArguments } from '../cli-command';

/** The deploy step for installations that run with KIM_MIGRATE_ON_START=false (several API instances). */
export const migrateCommand: CliCommand = {
  name: 'migrate',
  summary: 'Bring the database schema up to date (uses the KIM_* environment like the service)',
  usage: '',
  async run(args, { env, output }) {
    rejectArguments(migrateCommand, args);
    const config = loadConfig(env);
    const where = config.database.kind === 'pglite' ? `pglite at ${config.database.dataDir}` : 'postgres';
    output.out(`Database: ${where}`);
    const database = await openDatabase(config.database);
    try {
      const applied = await migrateToLatest(database);
      for (const name of applied) output.out(`Applied ${name}`);
      output.out(
        applied.length > 0
          ? `Schema is now at ${CODE_SCHEMA_VERSION} (${applied.length} applied)`
          : `Nothing to apply: schema is at ${CODE_SCHEMA_VERSION}`,
      );
      return EXIT_OK;
    } finally {
      await database.close();
    }
  },
};
