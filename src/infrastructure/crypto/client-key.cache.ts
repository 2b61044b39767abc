/** How long another process may still decrypt after an erasure elsewhere. */
export const KEY_CACHE_TTL_MS = 5_000;
/**
 * Keys in use are confirmed again (all at once, in the background) once they are this old, so a busy client's
 * key does not expire and cost a read of its own on the command path.
 */
export const KEY_REVERIFY_AFTER_MS = KEY_CACHE_TTL_MS / 4;
/** At most this many keys are confirmed by one query. */
export const KEY_REVERIFY_BATCH = 1_000;

const CACHE_LIMIT = 10_000;

interface CachedKey {
  key: Buffer;
  /** When the database last said this key exists (the time its query was sent). */
  verifiedAt: number;
  usedSinceVerified: boolean;
}

/**
 * Unwrapped client keys, each usable for KEY_CACHE_TTL_MS after the database last confirmed it. A key never
 * changes once written; it only disappears (erasure). So confirming that it still exists is as good as reading
 * it again, and the keys of many clients can be confirmed by one query.
 */
export class ClientKeyCache {
  private readonly entries = new Map<string, CachedKey>();

  /** The key, if confirmed recently enough. */
  get(clientId: string, now: number): Buffer | undefined {
    const entry = this.entries.get(clientId);
    if (entry === undefined) return undefined;
    if (now - entry.verifiedAt >= KEY_CACHE_TTL_MS) {
      this.entries.delete(clientId);
      return undefined;
    }
    entry.usedSinceVerified = true;
    return entry.key;
  }

  set(clientId: string, key: Buffer, verifiedAt: number): void {
    this.entries.delete(clientId);
    if (this.entries.size >= CACHE_LIMIT) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(clientId, { key, verifiedAt, usedSinceVerified: false });
  }

  delete(clientId: string): void {
    this.entries.delete(clientId);
  }

  /** Clients whose keys were used since they were last confirmed, and were confirmed more than KEY_REVERIFY_AFTER_MS ago. */
  dueForReverification(now: number): string[] {
    const due: string[] = [];
    for (const [clientId, entry] of this.entries) {
      if (entry.usedSinceVerified && now - entry.verifiedAt > KEY_REVERIFY_AFTER_MS) due.push(clientId);
      if (due.length === KEY_REVERIFY_BATCH) break;
    }
    return due;
  }

  /** The outcome of one confirming query sent at `askedAt`: keys not found there were erased and are dropped. */
  confirmed(asked: readonly string[], stillThere: ReadonlySet<string>, askedAt: number): void {
    for (const clientId of asked) {
      const entry = this.entries.get(clientId);
      if (entry === undefined) continue;
      if (!stillThere.has(clientId)) this.entries.delete(clientId);
      else if (askedAt > entry.verifiedAt) {
        entry.verifiedAt = askedAt;
        entry.usedSinceVerified = false;
      }
    }
  }
}
