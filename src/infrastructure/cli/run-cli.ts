import { type CliContext, CliUsageError, EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from './cli-command';
import { printOverview, usageLine } from './commands/help.command';

/** Runs one command line and resolves to the exit code; never throws and never exits the process itself. */
export async function runCli(argv: readonly string[], context: CliContext): Promise<number> {
  const [name, ...args] = argv;
  const { commands, output } = context;
  const toErr = { out: output.err, err: output.err };
  if (name === '--help' || name === '-h') {
    printOverview(commands, output);
    return EXIT_OK;
  }
  if (name === undefined) {
    printOverview(commands, toErr);
    return EXIT_USAGE;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    output.err(`Unknown command "${name}".`);
    printOverview(commands, toErr);
    return EXIT_USAGE;
  }
  try {
    return await command.run(args, context);
  } catch (error) {
    if (error instanceof CliUsageError) {
      output.err(error.message);
      output.err(usageLine(command));
      return EXIT_USAGE;
    }
    // Our errors never carry personal data or connection strings, nor do the database driver's.
    output.err(error instanceof Error ? `${name} failed: ${error.message}` : `${name} failed: ${String(error)}`);
    return EXIT_FAILURE;
  }
}
