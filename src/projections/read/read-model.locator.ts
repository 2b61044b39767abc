import type { ProjectionRegistry } from '../registry/projection-registry.repository';

/** Where a query finds a projection's tables now. */
export interface ActiveReadModel {
  projection: string;
  version: number;
  generation: number;
  /** Qualify every table with it: `sql.id(model.schema, 'caseload')` or `db.withSchema(model.schema)`. */
  schema: string;
}

/** No generation of the projection is active yet: its first build is running (or it is not a projection here). */
export class ReadModelNotReadyError extends Error {
  override readonly name = 'ReadModelNotReadyError';
  constructor(readonly projection: string) {
    super(`Read model ${projection} is not ready: its first build has not caught up yet`);
  }
}

export interface ReadModelLocatorOptions {
  /** How long a located schema is trusted without asking the registry again. */
  cacheMs?: number;
  now?: () => number;
}

/** PostgreSQL's answers for a table or schema that no longer exists (a switch dropped it under a stale reader). */
const MISSING_RELATION = new Set(['42P01', '3F000']);

/**
 * Resolves a projection name to its active generation's schema. The pointer only ever moves to a generation
 * that has caught up, so a reader never sees a half-built view. Cached; the switch in this process invalidates
 * at once, and a switch made by another process drops the old schema, which `read` notices and retries.
 */
export class ReadModelLocator {
  private readonly cache = new Map<string, { model: ActiveReadModel; at: number }>();
  private readonly cacheMs: number;
  private readonly now: () => number;

  constructor(
    private readonly registry: ProjectionRegistry,
    options: ReadModelLocatorOptions = {},
  ) {
    this.cacheMs = options.cacheMs ?? 1_000;
    this.now = options.now ?? (() => performance.now());
  }

  async locate(projection: string): Promise<ActiveReadModel> {
    const cached = this.cache.get(projection);
    if (cached && this.now() - cached.at < this.cacheMs) return cached.model;
    const active = (await this.registry.activeGenerations([projection])).get(projection);
    if (!active) {
      this.cache.delete(projection);
      throw new ReadModelNotReadyError(projection);
    }
    const model = { projection, version: active.version, generation: active.generation, schema: active.schema };
    this.cache.set(projection, { model, at: this.now() });
    return model;
  }

  /**
   * Runs `query` against the active generation. If its tables vanished meanwhile (switched and dropped), the
   * query runs once more against the generation that replaced them.
   */
  async read<T>(projection: string, query: (model: ActiveReadModel) => Promise<T>): Promise<T> {
    const model = await this.locate(projection);
    try {
      return await query(model);
    } catch (error) {
      if (!isMissingRelation(error)) throw error;
      this.invalidate(projection);
      const replacement = await this.locate(projection);
      if (replacement.generation === model.generation) throw error;
      return query(replacement);
    }
  }

  invalidate(projection?: string): void {
    if (projection === undefined) this.cache.clear();
    else this.cache.delete(projection);
  }
}

function isMissingRelation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && MISSING_RELATION.has(code);
}
