import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { Checkpoint } from '../../application/ports/event-store.port';
import type { Projection } from '../projection';
import { generationSchemaName } from './generation-schema';
import type { GenerationStatus, ProjectionGenerationsTable, ProjectionRegistrySchema } from './projection-registry.tables';

/** One build of one projection version, in its own schema. */
export interface GenerationRecord {
  projection: string;
  generation: number;
  version: number;
  schema: string;
  status: GenerationStatus;
  /** The last event applied; `null` before the first. */
  checkpoint: Checkpoint | null;
  eventsApplied: number;
  updatedAt: Date;
}

/** Untyped, so that a projection's `apply` and `setup` can be handed the same transaction. */
export type RegistryTransaction = Transaction<unknown>;

/**
 * What a request to make a building generation active came to:
 * - switched: it is active now, the previous one retired and its schema dropped;
 * - behind: the active generation is further along; feed more and ask again;
 * - superseded: a newer code version is active, or the build was retired: it will never be active.
 */
export type SwitchOutcome = 'switched' | 'already-active' | 'behind' | 'superseded';

/** Whether `checkpoint` has reached `target` (`null`: nothing applied, or nothing to reach). */
export function hasReached(
  checkpoint: Checkpoint | null,
  target: Checkpoint | null,
  compare: (a: Checkpoint, b: Checkpoint) => number,
): boolean {
  if (target === null) return true;
  return checkpoint !== null && compare(checkpoint, target) >= 0;
}

/** The tables of migration 0005-projections: which generations exist, how far each is, which one readers use. */
export class ProjectionRegistry {
  private constructor(
    private readonly db: Kysely<ProjectionRegistrySchema>,
    readonly baseSchema: string,
  ) {}

  /**
   * On the installation's database (any Kysely whose schema includes the registry tables); `baseSchema` is
   * `Database.schema`, after which generation schemas are named.
   */
  static on<DB extends ProjectionRegistrySchema>(db: Kysely<DB>, baseSchema: string): ProjectionRegistry {
    return new ProjectionRegistry(db as unknown as Kysely<ProjectionRegistrySchema>, baseSchema);
  }

  transaction<T>(work: (trx: RegistryTransaction) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work(untyped(trx)));
  }

  /** The database of the registry and the read models, for statements that each commit on their own. */
  get database(): Kysely<unknown> {
    return this.db as unknown as Kysely<unknown>;
  }

  /** Every generation of the projection, retired ones included, oldest first. */
  async generations(projection: string): Promise<GenerationRecord[]> {
    const rows = await this.db
      .selectFrom('kim_projection_generations')
      .selectAll()
      .where('projection', '=', projection)
      .orderBy('generation')
      .execute();
    return rows.map(toRecord);
  }

  async generation(projection: string, generation: number): Promise<GenerationRecord | null> {
    const row = await this.db
      .selectFrom('kim_projection_generations')
      .selectAll()
      .where('projection', '=', projection)
      .where('generation', '=', generation)
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  /** The building and active generations of the named projections. */
  async currentGenerations(projections: readonly string[]): Promise<GenerationRecord[]> {
    if (projections.length === 0) return [];
    const rows = await this.db
      .selectFrom('kim_projection_generations')
      .selectAll()
      .where('projection', 'in', projections)
      .where('status', '<>', 'retired')
      .orderBy('projection')
      .orderBy('generation')
      .execute();
    return rows.map(toRecord);
  }

  /** The generation readers use, per projection name; projections without one are absent. */
  async activeGenerations(projections: readonly string[]): Promise<Map<string, GenerationRecord>> {
    if (projections.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('kim_projections as p')
      .innerJoin('kim_projection_generations as g', (join) =>
        join.onRef('g.projection', '=', 'p.name').onRef('g.generation', '=', 'p.active_generation'),
      )
      .selectAll('g')
      .where('p.name', 'in', projections)
      .execute();
    return new Map(rows.map((row) => [row.projection, toRecord(row)]));
  }

  /**
   * The projection's building generation: the one already there (whatever its version: the caller decides),
   * or a new one for `projection.version` with its schema set up, in one transaction.
   */
  async openBuild(projection: Projection): Promise<GenerationRecord> {
    return this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('kim_projections')
        .values({ name: projection.name })
        .onConflict((conflict) => conflict.column('name').doNothing())
        .execute();
      // Serialises processes that start the same build at the same time.
      await trx.selectFrom('kim_projections').select('name').where('name', '=', projection.name).forUpdate().execute();
      const existing = await trx
        .selectFrom('kim_projection_generations')
        .selectAll()
        .where('projection', '=', projection.name)
        .where('status', '=', 'building')
        .executeTakeFirst();
      if (existing) return toRecord(existing);
      const { latest } = await trx
        .selectFrom('kim_projection_generations')
        .select((eb) => eb.fn.max('generation').as('latest'))
        .where('projection', '=', projection.name)
        .executeTakeFirstOrThrow();
      const generation = Number(latest ?? 0) + 1;
      const schema = generationSchemaName(this.baseSchema, projection.name, projection.version, generation);
      const row = await trx
        .insertInto('kim_projection_generations')
        .values({
          projection: projection.name,
          generation,
          version: projection.version,
          schema_name: schema,
          status: 'building',
          checkpoint: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await sql`CREATE SCHEMA ${sql.id(schema)}`.execute(trx);
      await projection.setup(untyped(trx), schema);
      return toRecord(row);
    });
  }

  /** Locks the generation's row for one batch; `null` when it no longer exists. */
  async lockForBatch(
    trx: RegistryTransaction,
    projection: string,
    generation: number,
  ): Promise<Pick<GenerationRecord, 'status' | 'checkpoint'> | null> {
    const row = await typed(trx)
      .selectFrom('kim_projection_generations')
      .select(['status', 'checkpoint'])
      .where('projection', '=', projection)
      .where('generation', '=', generation)
      .forUpdate()
      .executeTakeFirst();
    return row ?? null;
  }

  async recordBatch(
    trx: RegistryTransaction,
    projection: string,
    generation: number,
    checkpoint: Checkpoint,
    eventCount: number,
  ): Promise<void> {
    await typed(trx)
      .updateTable('kim_projection_generations')
      .set({
        checkpoint,
        events_applied: sql<number>`events_applied + ${eventCount}`,
        updated_at: sql<Date>`now()`,
      })
      .where('projection', '=', projection)
      .where('generation', '=', generation)
      .execute();
  }

  /**
   * Makes a building generation the active one if it has reached the active generation's checkpoint, so no
   * reader ever sees the view go back. The pointer, both statuses and the drop of the old schema commit together.
   */
  async activate(
    projection: string,
    generation: number,
    compare: (a: Checkpoint, b: Checkpoint) => number,
  ): Promise<SwitchOutcome> {
    return this.db.transaction().execute(async (trx) => {
      const pointer = await trx
        .selectFrom('kim_projections')
        .select('active_generation')
        .where('name', '=', projection)
        .forUpdate()
        .executeTakeFirst();
      if (!pointer) return 'superseded';
      const rows = await trx
        .selectFrom('kim_projection_generations')
        .selectAll()
        .where('projection', '=', projection)
        .where('generation', 'in', [generation, pointer.active_generation ?? generation])
        .orderBy('generation')
        .forUpdate()
        .execute();
      const candidate = rows.map(toRecord).find((row) => row.generation === generation);
      const current = rows.map(toRecord).find((row) => row.generation === pointer.active_generation) ?? null;
      if (!candidate || candidate.status === 'retired') return 'superseded';
      if (candidate.status === 'active') return 'already-active';
      if (current && current.version > candidate.version) {
        await this.retire(trx, candidate);
        return 'superseded';
      }
      if (current && !hasReached(candidate.checkpoint, current.checkpoint, compare)) return 'behind';
      if (current) await this.retire(trx, current);
      await trx
        .updateTable('kim_projection_generations')
        .set({ status: 'active', updated_at: sql<Date>`now()` })
        .where('projection', '=', projection)
        .where('generation', '=', generation)
        .execute();
      await trx
        .updateTable('kim_projections')
        .set({ active_generation: generation, updated_at: sql<Date>`now()` })
        .where('name', '=', projection)
        .execute();
      return 'switched';
    });
  }

  /** Only for a generation nobody feeds (its lock is held by the caller): marks it retired and drops its schema. */
  async retireBuild(record: GenerationRecord): Promise<void> {
    await this.transaction(async (trx) => {
      const row = await this.lockForBatch(trx, record.projection, record.generation);
      if (row?.status === 'building') await this.retire(typed(trx), record);
    });
  }

  private async retire(trx: Transaction<ProjectionRegistrySchema>, record: GenerationRecord): Promise<void> {
    await trx
      .updateTable('kim_projection_generations')
      .set({ status: 'retired', updated_at: sql<Date>`now()` })
      .where('projection', '=', record.projection)
      .where('generation', '=', record.generation)
      .execute();
    await sql`DROP SCHEMA IF EXISTS ${sql.id(record.schema)} CASCADE`.execute(trx);
  }
}

/** A transaction handed around untyped (to projections, through the runner), seen with the registry's tables. */
function typed(trx: RegistryTransaction): Transaction<ProjectionRegistrySchema> {
  return trx as unknown as Transaction<ProjectionRegistrySchema>;
}

/** Kysely's types are invariant in the schema; a projection's tables are not in ours anyway. */
function untyped(trx: Transaction<ProjectionRegistrySchema>): RegistryTransaction {
  return trx as unknown as RegistryTransaction;
}

function toRecord(row: Selectable<ProjectionGenerationsTable>): GenerationRecord {
  return {
    projection: row.projection,
    generation: row.generation,
    version: row.version,
    schema: row.schema_name,
    status: row.status,
    checkpoint: row.checkpoint,
    eventsApplied: Number(row.events_applied),
    updatedAt: row.updated_at,
  };
}
