import type { Kysely, Transaction } from 'kysely';
import type { RecordedEvent } from '../application/ports/event-store.port';

/**
 * A read model fed from the event log. Each version of a projection lives in its own PostgreSQL schema (a
 * "generation"), so a rebuild fills a fresh schema while readers keep using the active one, and the switch is a
 * single committed pointer change (blue-green). The runner calls `apply` and stores the checkpoint in the same
 * transaction: a crash or redelivery never applies an event twice or skips one.
 */
export interface Projection {
  /** Stable name, e.g. 'caseload'; part of the generation schema's name. */
  readonly name: string;
  /** Bump when the tables or the logic change: the next start builds the new version beside the old one. */
  readonly version: number;
  /** Creates the read-model tables in `schema`, which is new and empty. */
  setup(db: Kysely<unknown>, schema: string): Promise<void>;
  /**
   * Applies a batch of events, in log order, inside the runner's transaction. Must be deterministic. The runner
   * passes `batch`; other callers (tests, benchmarks) may leave it out, and then nothing may be carried over.
   */
  apply(trx: Transaction<unknown>, schema: string, events: readonly RecordedEvent[], batch?: BatchContext): Promise<void>;
  /**
   * Indexes no batch needs: those only readers use, and unique keys that the runner's checkpoint already upholds
   * while a generation is built. A new generation is filled without them, since every row written would also
   * update each of them; the runner creates them once the generation has caught up, before it becomes active.
   * Given the database, not a transaction: each statement commits on its own, and several may run side by side
   * on connections of their own. Must be idempotent (`IF NOT EXISTS`): an interrupted build is resumed.
   */
  createReadIndexes?(db: Kysely<unknown>, schema: string): Promise<void>;
  /**
   * Before a new generation becomes active the runner vacuums and analyses each of its tables, so readers' first
   * queries are planned with statistics and may read indexes alone (`vacuumGenerationTables`). Named here, the
   * tables that need less: `analyse` where readers read every row they find from the table itself and its indexes
   * come after the last batch (so no index holds the rows batches replaced), `none` for tables only the projection
   * reads back. The live maintenance (or autovacuum) later keeps every table.
   */
  readonly upkeepBeforeSwitch?: TableUpkeepExceptions;
}

/** Per table, what it needs before a switch if less than vacuuming and analysing (`Projection.upkeepBeforeSwitch`). */
export type TableUpkeepExceptions = Readonly<Record<string, 'analyse' | 'none'>>;

/** What the runner tells a projection about a batch besides its events. */
export interface BatchContext {
  /**
   * The same object for every batch of an unbroken run: each batch continuing from the checkpoint the runner's
   * previous batch committed. A batch that did not commit (or whose commit is in doubt), batches another runner
   * applied, and a new runner start a new run. A projection may keep in memory, keyed by the run (a `WeakMap`),
   * what its batches wrote and would otherwise read back: under the current run it is what was committed.
   */
  readonly run: object;
}
