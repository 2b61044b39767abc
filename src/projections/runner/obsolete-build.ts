import type { GenerationRecord, ProjectionRegistry } from '../registry/projection-registry.repository';
import type { GenerationLocks } from './generation-lock.port';

/**
 * Retires an unfinished build of an older version and drops its schema, but only while holding its lock: a
 * process still running the older code may be feeding it. Resolves to whether it was retired.
 */
export async function retireUnfedBuild(
  deps: { registry: ProjectionRegistry; locks: GenerationLocks },
  building: GenerationRecord,
): Promise<boolean> {
  const handle = deps.locks.open({ namespace: deps.registry.baseSchema, projection: building.projection, generation: building.generation });
  try {
    const lock = await handle.tryAcquire();
    if (!lock) return false;
    try {
      await deps.registry.retireBuild(building);
      return true;
    } finally {
      await lock.release();
    }
  } finally {
    await handle.close();
  }
}
