import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { DatabaseSchema } from '../database/database.schema';
import { normalizeUsername } from './username';

export type AttemptVerdict = { allowed: true } | { allowed: false; retryAt: Date };

/**
 * Per-username lockout in the database, so it holds across restarts and across several API instances. Each
 * attempt is counted before the password is checked, in one atomic upsert: parallel guesses cannot all slip in
 * under the limit. A successful sign-in clears the count. Stored under a hash of the username as typed (people
 * type passwords into the username field), and only for the length of one window.
 */
export class LoginAttemptsRepository {
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly lockout: { maxFailures: number; windowMs: number },
  ) {}

  async reserve(username: string, now: Date): Promise<AttemptVerdict> {
    const windowStart = new Date(now.getTime() - this.lockout.windowMs);
    await this.db.deleteFrom('kim_login_attempts').where('window_started_at', '<=', windowStart).execute();
    // Every SET expression sees the old row, so both CASEs decide on the same, old window.
    const result = await sql<{ attempts: number; window_started_at: Date }>`
      INSERT INTO kim_login_attempts AS a (username_key, window_started_at, attempts)
      VALUES (${usernameKey(username)}, ${now}, 1)
      ON CONFLICT (username_key) DO UPDATE SET
        attempts = CASE WHEN a.window_started_at <= ${windowStart} THEN 1 ELSE a.attempts + 1 END,
        window_started_at = CASE WHEN a.window_started_at <= ${windowStart} THEN ${now} ELSE a.window_started_at END
      RETURNING attempts, window_started_at`.execute(this.db);
    const row = result.rows[0];
    if (row.attempts <= this.lockout.maxFailures) return { allowed: true };
    return { allowed: false, retryAt: new Date(new Date(row.window_started_at).getTime() + this.lockout.windowMs) };
  }

  async clear(username: string): Promise<void> {
    await this.db.deleteFrom('kim_login_attempts').where('username_key', '=', usernameKey(username)).execute();
  }
}

function usernameKey(username: string): Buffer {
  return createHash('sha256').update(`kim-login:${normalizeUsername(username)}`, 'utf8').digest();
}
