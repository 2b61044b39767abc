import { type CliCommand, type CliContext, CliUsageError, EXIT_OK } from '../cli-command';

export const helpCommand: CliCommand = {
  name: 'help',
  summary: 'List the commands, or show how to call one',
  usage: '[command]',
  async run(args, { commands, output }) {
    if (args.length > 1) throw new CliUsageError('help takes at most one command name');
    const [name] = args;
    if (name === undefined) {
      printOverview(commands, output);
      return EXIT_OK;
    }
    const command = commands.find((c) => c.name === name);
    if (!command) throw new CliUsageError(`Unknown command "${name}"`);
    output.out(usageLine(command));
    output.out('');
    output.out(command.summary);
    return EXIT_OK;
  },
};

export function printOverview(commands: readonly CliCommand[], output: CliContext['output']): void {
  const width = Math.max(...commands.map((c) => c.name.length));
  output.out('Usage: npm run cli -- <command> [arguments]');
  output.out('');
  output.out('Commands:');
  for (const command of commands) output.out(`  ${command.name.padEnd(width)}  ${command.summary}`);
}

export function usageLine(command: CliCommand): string {
  return `Usage: npm run cli -- ${command.name}${command.usage ? ` ${command.usage}` : ''}`;
}
