/** The name is not one of this code's projections. */
export class UnknownProjectionError extends Error {
  override readonly name = 'UnknownProjectionError';
  constructor(
    readonly projection: string,
    readonly known: readonly string[],
  ) {
    super(`Unknown projection ${JSON.stringify(projection)}; known: ${known.length > 0 ? known.join(', ') : '(none)'}`);
  }
}

export function assertKnownProjections(names: readonly string[], known: readonly string[]): void {
  const unknown = names.find((name) => !known.includes(name));
  if (unknown !== undefined) throw new UnknownProjectionError(unknown, known);
}
