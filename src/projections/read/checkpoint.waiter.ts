import type { Checkpoint } from '../../application/ports/event-store.port';
import { assertKnownProjections } from '../projection.errors';
import { hasReached, type ProjectionRegistry } from '../registry/projection-registry.repository';

export interface CheckpointWaitResult {
  /** Every named projection has applied the checkpoint: a read now sees the write. */
  caughtUp: boolean;
  /** The projections still before it when the time ran out: reading them may show stale data. */
  behind: string[];
}

export interface CheckpointWaiterOptions {
  /** How often the registry is asked when no runner of this process signals progress. */
  pollMs?: number;
}

/**
 * Read-your-writes: a command answers with the checkpoint of its append; a query that must show that write
 * first waits here until the projections it reads have applied it.
 */
export class CheckpointWaiter {
  private readonly wakers = new Set<() => void>();
  private readonly pollMs: number;

  constructor(
    private readonly registry: ProjectionRegistry,
    private readonly compareCheckpoints: (a: Checkpoint, b: Checkpoint) => number,
    private readonly projections: readonly string[],
    options: CheckpointWaiterOptions = {},
  ) {
    this.pollMs = options.pollMs ?? 50;
  }

  /** Called after every batch a runner of this process commits, so a wait here ends without polling delay. */
  notify(): void {
    for (const wake of [...this.wakers]) wake();
  }

  /**
   * Resolves once every named projection's active generation has applied `checkpoint`, or after `timeoutMs`
   * with `caughtUp: false` and the projections still behind. Never rejects for a timeout: reading stale data
   * may be acceptable; the caller decides (e.g. answers with a hint to refresh).
   */
  async waitForCheckpoint(projections: readonly string[], checkpoint: Checkpoint, timeoutMs: number): Promise<CheckpointWaitResult> {
    assertKnownProjections(projections, this.projections);
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const active = await this.registry.activeGenerations(projections);
      const behind = projections.filter(
        (name) => !hasReached(active.get(name)?.checkpoint ?? null, checkpoint, this.compareCheckpoints),
      );
      if (behind.length === 0) return { caughtUp: true, behind: [] };
      const remaining = deadline - performance.now();
      if (remaining <= 0) return { caughtUp: false, behind };
      await this.nap(Math.min(this.pollMs, remaining));
    }
  }

  private nap(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.wakers.add(wake);
    });
  }
}
