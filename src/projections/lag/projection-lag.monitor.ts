import type { EventStore } from '../../application/ports/event-store.port';
import type { ProjectionRegistry } from '../registry/projection-registry.repository';

export interface ProjectionLag {
  projection: string;
  /** What was measured: the active generation, else the one being built, else nothing yet (`none`). */
  status: 'active' | 'building' | 'none';
  version: number | null;
  generation: number | null;
  /** Events in the log after the generation's checkpoint, counted up to the bound. */
  eventsBehind: number;
  /** `eventsBehind` reached the bound: at least that many. */
  eventsBehindCapped: boolean;
  /** Since the oldest event not yet applied was recorded; 0 when none is pending. */
  secondsBehind: number;
}

export interface ProjectionLagMonitorOptions {
  /** At most this many events are read per projection and measurement. */
  bound?: number;
  /** Measurements within this time share one result: /metrics and /health may ask at once. */
  cacheMs?: number;
  clock?: () => Date;
}

/**
 * How far each projection is behind the head of the log. Counted by reading the log after the checkpoint, so
 * it means the same on every event store; the bound keeps a far-behind projection from costing a full read.
 */
export class ProjectionLagMonitor {
  private readonly bound: number;
  private readonly cacheMs: number;
  private readonly clock: () => Date;
  private last: { at: number; lags: Promise<ProjectionLag[]> } | null = null;

  constructor(
    private readonly store: Pick<EventStore, 'readAll'>,
    private readonly registry: ProjectionRegistry,
    private readonly projections: readonly string[],
    options: ProjectionLagMonitorOptions = {},
  ) {
    this.bound = options.bound ?? 10_000;
    this.cacheMs = options.cacheMs ?? 1_000;
    this.clock = options.clock ?? (() => new Date());
  }

  measure(): Promise<ProjectionLag[]> {
    const now = performance.now();
    if (this.last && now - this.last.at < this.cacheMs) return this.last.lags;
    const lags = this.measureNow();
    this.last = { at: now, lags };
    // A failed measurement is not cached: the next caller tries again.
    lags.catch(() => {
      if (this.last?.lags === lags) this.last = null;
    });
    return lags;
  }

  private async measureNow(): Promise<ProjectionLag[]> {
    const generations = await this.registry.currentGenerations(this.projections);
    const lags: ProjectionLag[] = [];
    for (const projection of this.projections) {
      const own = generations.filter((generation) => generation.projection === projection);
      const measured = own.find((g) => g.status === 'active') ?? own.find((g) => g.status === 'building') ?? null;
      const { events } = await this.store.readAll({ after: measured?.checkpoint ?? null, limit: this.bound });
      const oldest = events[0]?.metadata.recordedAt;
      lags.push({
        projection,
        status: measured ? (measured.status === 'active' ? 'active' : 'building') : 'none',
        version: measured?.version ?? null,
        generation: measured?.generation ?? null,
        eventsBehind: events.length,
        eventsBehindCapped: events.length >= this.bound,
        secondsBehind: oldest ? Math.max(0, (this.clock().getTime() - Date.parse(oldest)) / 1000) : 0,
      });
    }
    return lags;
  }
}
