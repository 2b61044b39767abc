import { describeLockKey, type GenerationLockHandle, type GenerationLockKey, type GenerationLocks, type HeldGenerationLock } from './generation-lock.port';

/**
 * For PGlite, which one process opens at a time: the locks only keep two runners of this process apart.
 * A lock held here is never lost.
 */
export class InProcessGenerationLocks implements GenerationLocks {
  private readonly held = new Set<string>();

  open(key: GenerationLockKey): GenerationLockHandle {
    const id = describeLockKey(key);
    let holding: HeldGenerationLock | null = null;
    return {
      tryAcquire: async (): Promise<HeldGenerationLock | null> => {
        if (this.held.has(id)) return null;
        this.held.add(id);
        const lock: HeldGenerationLock = {
          lost: new Promise<void>(() => undefined),
          release: async () => {
            // Twice would free a lock that meanwhile belongs to another runner.
            if (holding !== lock) return;
            holding = null;
            this.held.delete(id);
          },
        };
        holding = lock;
        return lock;
      },
      // Like closing the dedicated connection on PostgreSQL.
      close: async () => holding?.release(),
    };
  }
}
