import { type Kysely, sql } from 'kysely';
import type { Logger } from 'pino';
import { vacuumGenerationTables } from '../registry/generation-tables.vacuum';
import { describeFailure } from './transient-failure';

/** When a live generation's tables are vacuumed again: after this many events, and at least this share more. */
export interface LiveVacuumPolicy {
  minEvents: number;
  growth: number;
}

/** As autovacuum's own defaults would have it for a table that grows by a row per event (50 rows + 20 %), rounded up. */
export const DEFAULT_LIVE_VACUUM_POLICY: LiveVacuumPolicy = { minEvents: 1_000, growth: 0.2 };

/**
 * Where no autovacuum runs (PGlite, which has no background workers; a server with it off), a live generation's
 * tables get what it would give them: each batch updates rows and leaves their old versions behind, and a read
 * model that grew from a build over a short log keeps that log's statistics. So after every `minEvents` and
 * `growth` share more events the runner vacuums and analyses them itself, between two batches. Where autovacuum
 * runs (its launcher is a server process), this does nothing.
 */
export class LiveTablesMaintenance {
  private autovacuumRuns: boolean | null = null;
  private dueAt: number | null = null;

  constructor(
    private readonly db: Kysely<unknown>,
    private readonly schema: string,
    private readonly policy: LiveVacuumPolicy,
    private readonly logger: Logger,
  ) {}

  /** The tables were vacuumed (the build before its switch) when the generation held `eventsApplied` events. */
  vacuumed(eventsApplied: number): void {
    this.dueAt = eventsApplied + Math.max(this.policy.minEvents, Math.ceil(eventsApplied * this.policy.growth));
  }

  /**
   * After a committed batch of the active generation. Never throws: the batch is committed, and a failed
   * vacuum is tried again after as many events once more.
   */
  async afterBatch(eventsApplied: number): Promise<void> {
    if (this.dueAt === null) return this.vacuumed(eventsApplied);
    if (eventsApplied < this.dueAt) return;
    this.vacuumed(eventsApplied);
    try {
      this.autovacuumRuns ??= await hasAutovacuumLauncher(this.db);
      if (this.autovacuumRuns) return;
      const startedAt = performance.now();
      await vacuumGenerationTables(this.db, this.schema);
      this.logger.info({ seconds: (performance.now() - startedAt) / 1000, eventsApplied }, 'no autovacuum here: vacuumed and analysed the tables of this generation');
    } catch (error) {
      this.logger.warn({ error: describeFailure(error) }, 'could not vacuum the tables of this generation: trying again later');
    }
  }
}

/** `autovacuum = on` alone says nothing: PGlite reports it and runs no launcher. */
async function hasAutovacuumLauncher(db: Kysely<unknown>): Promise<boolean> {
  const { rows } = await sql<{ running: boolean }>`
    SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE backend_type = 'autovacuum launcher') AS running`.execute(db);
  return rows[0]?.running === true;
}
