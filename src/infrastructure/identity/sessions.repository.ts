import type { Kysely } from 'kysely';
import type { Principal } from '../../application/identity/principal';
import type { DatabaseSchema } from '../database/database.schema';
import { principalOf } from './accounts.repository';

/** A browser session travels in the `kim_session` cookie; an API token in `Authorization: Bearer`. */
export type SessionKind = 'browser' | 'api';

export interface NewSession {
  id: string;
  tokenHash: Buffer;
  kind: SessionKind;
  userId: string;
  /** Browser sessions only. */
  csrfToken: string | null;
  createdAt: Date;
  expiresAt: Date;
}

export interface ActiveSession {
  sessionId: string;
  kind: SessionKind;
  csrfToken: string | null;
  expiresAt: Date;
  lastUsedAt: Date;
  principal: Principal;
}

/** Sessions and API tokens, found by the SHA-256 of their token; the token itself is never stored. */
export class SessionsRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async create(session: NewSession): Promise<void> {
    await this.db
      .insertInto('kim_sessions')
      .values({
        id: session.id,
        token_hash: session.tokenHash,
        kind: session.kind,
        user_id: session.userId,
        csrf_token: session.csrfToken,
        created_at: session.createdAt,
        last_used_at: session.createdAt,
        expires_at: session.expiresAt,
      })
      .execute();
  }

  /**
   * The session of that kind if it has not expired, was not used last before `idleSince` (when given), and its
   * account is not disabled: disabling an account ends its sessions and tokens at once.
   */
  async findActive(tokenHash: Buffer, kind: SessionKind, now: Date, idleSince: Date | null): Promise<ActiveSession | null> {
    let query = this.db
      .selectFrom('kim_sessions as s')
      .innerJoin('kim_users as u', 'u.id', 's.user_id')
      .select([
        's.id as session_id',
        's.kind',
        's.csrf_token',
        's.expires_at',
        's.last_used_at',
        'u.id',
        'u.username',
        'u.display_name',
        'u.role',
        'u.organisation_unit_id',
        'u.district_id',
      ])
      .where('s.token_hash', '=', tokenHash)
      .where('s.kind', '=', kind)
      .where('s.expires_at', '>', now)
      .where('u.disabled', '=', false);
    if (idleSince !== null) query = query.where('s.last_used_at', '>', idleSince);
    const row = await query.executeTakeFirst();
    if (!row) return null;
    return {
      sessionId: row.session_id,
      kind: row.kind,
      csrfToken: row.csrf_token,
      expiresAt: row.expires_at,
      lastUsedAt: row.last_used_at,
      principal: principalOf(row),
    };
  }

  async markUsed(sessionId: string, now: Date): Promise<void> {
    await this.db.updateTable('kim_sessions').set({ last_used_at: now }).where('id', '=', sessionId).execute();
  }

  /** Sign-out and revocation: the row goes, so the token is worth nothing from now on. */
  async delete(sessionId: string): Promise<void> {
    await this.db.deleteFrom('kim_sessions').where('id', '=', sessionId).execute();
  }

  /** Housekeeping at each sign-in, so the table does not grow with every session ever opened. */
  async deleteExpired(userId: string, now: Date): Promise<void> {
    await this.db.deleteFrom('kim_sessions').where('user_id', '=', userId).where('expires_at', '<=', now).execute();
  }
}
