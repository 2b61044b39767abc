/** A fact about one part of the system that is safe to show anyone: never a secret or a connection string. */
export type HealthFact = string | number | boolean | null;

export interface HealthFinding {
  ok: boolean;
  /** What the check measured, e.g. a projection's lag. */
  facts?: Readonly<Record<string, HealthFact>>;
}

/**
 * One named part of `GET /health` (the database, the event store, later each projection's lag). Add a part by
 * providing a class that implements this and listing it in `HealthModule`.
 */
export interface HealthContributor {
  /** The part's key in the response body. */
  readonly name: string;
  /** Shown whether or not the part is healthy, e.g. `{ kind: 'pglite' }`. */
  readonly facts: Readonly<Record<string, HealthFact>>;
  /**
   * `false` for a part whose failure this instance cannot serve around: the answer is then `degraded` with 200,
   * not 503. A lagging projection is such a part: every instance reads the same read models, so a load balancer
   * that took instances out for it would only turn stale views into no service at all. Default: critical.
   */
  readonly critical?: boolean;
  /** Throwing counts as unhealthy; the error is logged, never sent. */
  check(): Promise<HealthFinding>;
}

export const HEALTH_CONTRIBUTORS = Symbol('HealthContributors');
