import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { EventStore } from '../../../src/application/ports/event-store.port';
import type { Database } from '../../../src/infrastructure/database/database';
import type { DatabaseSchema } from '../../../src/infrastructure/database/database.schema';
import { migrateToLatest } from '../../../src/infrastructure/database/migrations';
import { withCopyFromStdin } from '../../../src/infrastructure/database/copy-from-stdin';
import { createLogger } from '../../../src/infrastructure/logging/logger';
import { ProjectionRegistry } from '../../../src/projections/registry/projection-registry.repository';
import type { GenerationLocks } from '../../../src/projections/runner/generation-lock.port';
import { InProcessGenerationLocks } from '../../../src/projections/runner/in-process.generation-locks';
import type { ProjectionRunnerDependencies, ProjectionRunnerOptions } from '../../../src/projections/runner/projection.runner';
import { newEvent } from '../../support/events';

/** Short waits everywhere, so tests take milliseconds where production takes seconds. */
export const FAST: ProjectionRunnerOptions = {
  batchSize: 10,
  standbyPollMs: 20,
  outageBackoff: { initialMs: 10, maxMs: 50 },
  failureBackoff: { initialMs: 20, maxMs: 100 },
};

export interface CapturedLog {
  logger: Logger;
  lines: Record<string, unknown>[];
}

export function capturedLogger(): CapturedLog {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ level: 'info', destination: { write: (line: string) => lines.push(JSON.parse(line)) } });
  return { logger, lines };
}

export function runnerDependencies(
  database: Pick<Database, 'db' | 'schema'>,
  store: EventStore,
  options: { locks?: GenerationLocks; logger?: Logger } = {},
): ProjectionRunnerDependencies {
  return {
    store,
    registry: ProjectionRegistry.on(database.db, database.schema),
    locks: options.locks ?? new InProcessGenerationLocks(),
    logger: options.logger ?? capturedLogger().logger,
  };
}

/**
 * `count` events spread over `streams` streams, appended one per call. Resolves once the last one is visible in
 * the global log: on a shared server, another session's open transaction can hold the visibility horizon back
 * for a while (docs/decisions/0002), and a build that starts before that would stop short of these events.
 */
export async function appendSpread(store: EventStore, streams: readonly string[], count: number, type = 'Counted'): Promise<string> {
  let checkpoint = '';
  for (let index = 0; index < count; index++) {
    const stream = streams[index % streams.length];
    const result = await store.append(stream, [newEvent(type, { index })], 'any');
    checkpoint = result.checkpoint;
  }
  await untilVisible(store, checkpoint);
  return checkpoint;
}

/** Resolves once `checkpoint` (and so everything before it) can be read from the global log. */
export async function untilVisible(store: EventStore, checkpoint: string): Promise<void> {
  let after: string | null = null;
  await waitUntil(async () => {
    for (;;) {
      const page = await store.readAll({ after, limit: 1000 });
      if (page.events.some((event) => event.checkpoint === checkpoint)) return true;
      if (page.events.length === 0) return false;
      after = page.checkpoint;
    }
  }, `event ${checkpoint} visible in the log`);
}

/** Resolves once the generation has applied everything up to `checkpoint`. */
export async function untilApplied(registry: ProjectionRegistry, projection: string, generation: number, checkpoint: string): Promise<void> {
  await waitUntil(
    async () => (await registry.generation(projection, generation))?.checkpoint === checkpoint,
    `${projection} generation ${generation} applied ${checkpoint}`,
  );
}

export async function waitUntil(condition: () => boolean | Promise<boolean>, what = 'condition', timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * A PGlite on disk whose raw instance the test holds, so it can close it in the middle of a transaction (as a
 * crash would end the process) and open the same data again, as a restarted process does.
 */
export class CrashablePglite {
  private constructor(private readonly dir: string) {}

  static create(): CrashablePglite {
    return new CrashablePglite(mkdtempSync(join(tmpdir(), 'kim-projection-crash-')));
  }

  async open(): Promise<{ database: Database; pglite: PGlite }> {
    const pglite = await PGlite.create(this.dir);
    const db = new Kysely<DatabaseSchema>({ dialect: new PGliteDialect(withCopyFromStdin(pglite)) });
    const database: Database = {
      db,
      kind: 'pglite',
      schema: 'public',
      close: async () => {
        await db.destroy().catch(() => undefined);
        if (!pglite.closed) await pglite.close();
      },
    };
    await migrateToLatest(database);
    return { database, pglite };
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
