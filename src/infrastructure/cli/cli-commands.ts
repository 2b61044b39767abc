import type { CliCommand } from './cli-command';
import { createOrganisationUnitCommand } from './commands/create-organisation-unit.command';
import { createUserCommand } from './commands/create-user.command';
import { fundingReportCommand } from './commands/funding-report.command';
import { helpCommand } from './commands/help.command';
import { migrateCommand } from './commands/migrate.command';
import { rebuildProjectionsCommand } from './commands/rebuild-projections.command';
import { replayCaseCommand } from './commands/replay-case.command';
import { seedDemoCasesCommand } from './commands/seed-demo-cases.command';
import { verifyIntegrityCommand } from './commands/verify-integrity.command';

/** Every command of `npm run cli`, in the order `help` lists them. */
export const CLI_COMMANDS: readonly CliCommand[] = [migrateCommand, createOrganisationUnitCommand, createUserCommand, seedDemoCasesCommand, rebuildProjectionsCommand, replayCaseCommand, verifyIntegrityCommand, fundingReportCommand, helpCommand];
