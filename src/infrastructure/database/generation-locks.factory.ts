import { InProcessGenerationLocks } from '../../projections/runner/in-process.generation-locks';
import type { GenerationLocks } from '../../projections/runner/generation-lock.port';
import type { DatabaseConfig } from './database';
import { PostgresGenerationLocks } from './postgres.generation-locks';

/** Advisory locks on the server; in-process ones on PGlite, which only one process can open anyway. */
export function generationLocksFor(config: DatabaseConfig): GenerationLocks {
  return config.kind === 'postgres' ? new PostgresGenerationLocks(config.url) : new InProcessGenerationLocks();
}
