import { CliUsageError } from './cli-command';

export interface OptionSpec<R extends string, O extends string> {
  required: readonly R[];
  optional: readonly O[];
}

/** `--name value` or `--name=value`, each at most once; anything else is a usage error naming what was wrong. */
export function parseOptions<R extends string, O extends string>(
  args: readonly string[],
  spec: OptionSpec<R, O>,
): Record<R, string> & Partial<Record<O, string>> {
  const known = new Set<string>([...spec.required, ...spec.optional]);
  const values = new Map<string, string>();
  for (let index = 0; index < args.length; index++) {
    const arg = args[index];
    if (!arg.startsWith('--')) throw new CliUsageError(`Unexpected argument ${JSON.stringify(arg)}`);
    const separator = arg.indexOf('=');
    const name = arg.slice(2, separator < 0 ? undefined : separator);
    if (!known.has(name)) throw new CliUsageError(`Unknown option --${name}`);
    if (values.has(name)) throw new CliUsageError(`Option --${name} is given twice`);
    const value = separator < 0 ? args[++index] : arg.slice(separator + 1);
    if (value === undefined || value.trim() === '') throw new CliUsageError(`Option --${name} needs a value`);
    values.set(name, value.trim());
  }
  const missing = spec.required.filter((name) => !values.has(name));
  if (missing.length > 0) throw new CliUsageError(`Missing ${missing.map((name) => `--${name}`).join(', ')}`);
  return Object.fromEntries(values) as Record<R, string> & Partial<Record<O, string>>;
}
