/** Where a command writes: human-readable lines, results to `out`, problems to `err`. */
export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
}

export interface CliContext {
  env: NodeJS.ProcessEnv;
  output: CliOutput;
  /** Every registered command, for `help`. */
  commands: readonly CliCommand[];
}

/** One operator task. A new task is one file exporting one of these, listed in `cli-commands.ts`. */
export interface CliCommand {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** The arguments after the name, e.g. `<user-id> [--role <role>]`; empty when it takes none. */
  usage: string;
  /** Resolves to the process exit code. */
  run(args: readonly string[], context: CliContext): Promise<number>;
}

/** The command line itself is wrong: exit code 2, and the usage is printed. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

export function rejectArguments(command: CliCommand, args: readonly string[]): void {
  if (args.length > 0) throw new CliUsageError(`${command.name} takes no arguments, got: ${args.join(' ')}`);
}
