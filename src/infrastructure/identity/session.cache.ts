import type { Authentication } from './authentication.service';
import type { SessionKind } from './sessions.repository';

/**
 * How long this process may go on accepting a token after it was revoked elsewhere (signed out in another
 * instance, session row deleted, account disabled). A sign-out in this process takes effect at once.
 */
export const SESSION_CACHE_TTL_MS = 5_000;
const SESSION_CACHE_LIMIT = 10_000;

interface Entry {
  authentication: Authentication;
  /** Epoch ms; past it the session is looked up in the database again. */
  validUntil: number;
}

/**
 * Sessions found recently, by token hash, so a client sending many requests costs one lookup per TTL instead
 * of one per request. Bounded, least recently used first out. Holds token hashes, never tokens.
 */
export class SessionCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs = SESSION_CACHE_TTL_MS,
    private readonly limit = SESSION_CACHE_LIMIT,
  ) {}

  get(kind: SessionKind, tokenHash: Buffer, now: Date): Authentication | null {
    const key = keyOf(kind, tokenHash);
    const entry = this.entries.get(key);
    if (entry === undefined) return null;
    this.entries.delete(key);
    if (now.getTime() >= entry.validUntil) return null;
    this.entries.set(key, entry);
    return entry.authentication;
  }

  /** Kept for the TTL at most, and never past `notAfter` (epoch ms: the caller's own limits, such as expiry). */
  remember(kind: SessionKind, tokenHash: Buffer, authentication: Authentication, now: Date, notAfter: number): void {
    const key = keyOf(kind, tokenHash);
    this.entries.delete(key);
    if (this.entries.size >= this.limit) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, { authentication, validUntil: Math.min(now.getTime() + this.ttlMs, notAfter) });
  }

  /** Sign-out: the session's token stops working in this process now, not after the TTL. */
  forgetSession(sessionId: string): void {
    for (const [key, entry] of this.entries) {
      if (entry.authentication.sessionId === sessionId) this.entries.delete(key);
    }
  }
}

function keyOf(kind: SessionKind, tokenHash: Buffer): string {
  return `${kind}:${tokenHash.toString('base64')}`;
}
