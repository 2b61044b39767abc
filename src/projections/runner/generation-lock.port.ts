/** The generation a lock guards. `namespace` is the installation's schema: installations sharing a server never meet. */
export interface GenerationLockKey {
  namespace: string;
  projection: string;
  generation: number;
}

export interface HeldGenerationLock {
  /** Settles when the lock was lost without `release()` (its connection died): stop feeding at once. */
  readonly lost: Promise<void>;
  release(): Promise<void>;
}

/** What one runner holds its lock through: on PostgreSQL a dedicated connection, kept between attempts. */
export interface GenerationLockHandle {
  /** `null`: another runner, in this process or another, holds it. */
  tryAcquire(): Promise<HeldGenerationLock | null>;
  close(): Promise<void>;
}

/** Exactly one runner feeds a generation at a time, across every process of the installation. */
export interface GenerationLocks {
  open(key: GenerationLockKey): GenerationLockHandle;
}

export function describeLockKey(key: GenerationLockKey): string {
  return `${key.namespace}/${key.projection}/${key.generation}`;
}
