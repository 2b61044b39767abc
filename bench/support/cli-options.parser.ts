/** `--name=value` flags with defaults; anything unknown is an error, so a typo never runs the wrong benchmark. */
export function parseOptions<T extends Record<string, string>>(defaults: T, argv = process.argv.slice(2)): T {
  const options: Record<string, string> = { ...defaults };
  for (const arg of argv) {
    const match = /^--([a-z-]+)=(.*)$/.exec(arg);
    if (!match || !(match[1] in defaults)) {
      throw new Error(`Unknown option ${arg}; known: ${Object.keys(defaults).map((k) => `--${k}=${defaults[k]}`).join(' ')}`);
    }
    options[match[1]] = match[2];
  }
  return options as T;
}
