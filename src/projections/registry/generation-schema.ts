import type { Projection } from '../projection';

/** A projection whose name or version cannot become a PostgreSQL schema name. */
export class InvalidProjectionError extends Error {
  override readonly name = 'InvalidProjectionError';
}

const PROJECTION_NAME = /^[a-z][a-z0-9_]{0,39}$/;
const MAX_IDENTIFIER_LENGTH = 63;

export function assertValidProjection(projection: Pick<Projection, 'name' | 'version'>): void {
  if (!PROJECTION_NAME.test(projection.name)) {
    throw new InvalidProjectionError(
      `Projection name ${JSON.stringify(projection.name)} must be lower case letters, digits and _ (at most 40, starting with a letter)`,
    );
  }
  if (!Number.isSafeInteger(projection.version) || projection.version < 1) {
    throw new InvalidProjectionError(`Projection ${projection.name}: version must be a whole number >= 1`);
  }
}

/** What every generation schema of an installation starts with: how tests and benchmarks find theirs to drop. */
export function generationSchemaPrefix(baseSchema: string): string {
  return `${baseSchema === 'public' ? 'kim' : baseSchema}_rm_`;
}

/**
 * The schema of one generation. It starts with the installation's own schema (a test's, or `kim` for
 * `public`), so installations and parallel tests sharing one database never meet.
 */
export function generationSchemaName(baseSchema: string, projection: string, version: number, generation: number): string {
  const name = `${generationSchemaPrefix(baseSchema)}${projection}_v${version}_g${generation}`;
  if (name.length > MAX_IDENTIFIER_LENGTH) {
    throw new InvalidProjectionError(`Schema name ${name} is longer than PostgreSQL's ${MAX_IDENTIFIER_LENGTH} characters: shorten the projection name`);
  }
  return name;
}
