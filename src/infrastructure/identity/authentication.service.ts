import { randomBytes, randomUUID } from 'node:crypto';
import type { Principal } from '../../application/identity/principal';
import type { Logger } from '../logging/logger';
import type { AccountsRepository } from './accounts.repository';
import { InvalidCredentialsError, LoginTemporarilyLockedError } from './identity.errors';
import type { IdentityOptions } from './identity.options';
import type { LoginAttemptsRepository } from './login-attempts.repository';
import type { PasswordHasher } from './password.hasher';
import type { SessionCache } from './session.cache';
import { isWellFormedSessionToken, newCsrfToken, newSessionToken, sessionTokenHash } from './session-token';
import type { SessionKind, SessionsRepository } from './sessions.repository';

/** A request's proof of who it comes from, as the guard attaches it. */
export interface Authentication {
  principal: Principal;
  sessionId: string;
  kind: SessionKind;
  /** Browser sessions only: what state-changing requests must echo. */
  csrfToken: string | null;
  expiresAt: Date;
}

/** A freshly opened session: the only moment the token exists outside the caller's hands. */
export interface IssuedSession extends Authentication {
  token: string;
}

const DAY_MS = 86_400_000;
/** Recording every request's time would be a write per request; a minute's precision is enough for idling. */
const LAST_USED_PRECISION_MS = 60_000;

export class AuthenticationService {
  /** Verified against for unknown usernames, so they cost the same time as wrong passwords. */
  private decoyHash: Promise<string> | undefined;

  constructor(
    private readonly accounts: AccountsRepository,
    private readonly sessions: SessionsRepository,
    private readonly attempts: LoginAttemptsRepository,
    private readonly hasher: PasswordHasher,
    private readonly options: IdentityOptions,
    private readonly logger: Logger,
    /** Without one (tests of the lookup itself), every request reads its session from the database. */
    private readonly cache: SessionCache | null = null,
  ) {}

  /**
   * Checks username and password and opens a session. Throws `InvalidCredentialsError` for an unknown user, a
   * wrong password and a disabled account alike, and `LoginTemporarilyLockedError` once the username has used
   * up its attempts (then without looking at the password at all).
   */
  async login(username: string, password: string, request: { kind: 'browser' } | { kind: 'api'; lifetimeDays: number }): Promise<IssuedSession> {
    const now = this.options.clock();
    const verdict = await this.attempts.reserve(username, now);
    if (!verdict.allowed) {
      this.logger.warn({ event: 'login_locked', kind: request.kind }, 'sign-in refused: username locked after failed attempts');
      throw new LoginTemporarilyLockedError(verdict.retryAt);
    }
    const stored = await this.accounts.findCredentials(username);
    const passwordMatches = await this.hasher.verify(stored?.passwordHash ?? (await this.decoy()), password);
    if (stored === null || !passwordMatches || stored.disabled) {
      this.logger.warn({ event: 'login_failed', kind: request.kind }, 'sign-in failed');
      throw new InvalidCredentialsError();
    }
    await this.attempts.clear(username);
    if (this.hasher.needsRehash(stored.passwordHash)) {
      await this.accounts.replacePasswordHash(stored.principal.userId, await this.hasher.hash(password));
    }
    await this.sessions.deleteExpired(stored.principal.userId, now);

    const token = newSessionToken();
    const lifetimeMs = request.kind === 'browser' ? this.options.browserSession.maxLifetimeMs : request.lifetimeDays * DAY_MS;
    const issued: IssuedSession = {
      token,
      principal: stored.principal,
      sessionId: randomUUID(),
      kind: request.kind,
      csrfToken: request.kind === 'browser' ? newCsrfToken() : null,
      expiresAt: new Date(now.getTime() + lifetimeMs),
    };
    await this.sessions.create({
      id: issued.sessionId,
      tokenHash: sessionTokenHash(token),
      kind: issued.kind,
      userId: stored.principal.userId,
      csrfToken: issued.csrfToken,
      createdAt: now,
      expiresAt: issued.expiresAt,
    });
    this.logger.info({ event: 'login', kind: request.kind, userId: stored.principal.userId, sessionId: issued.sessionId }, 'signed in');
    return issued;
  }

  /**
   * The session a token belongs to, or null when it is unknown, expired, idle too long, signed out or disabled.
   * With a cache, a revocation made elsewhere (another instance, a disabled account) is seen within
   * SESSION_CACHE_TTL_MS; expiry, the idle limit and the last-used time are kept exactly as without one.
   */
  async authenticate(token: string, kind: SessionKind): Promise<Authentication | null> {
    if (!isWellFormedSessionToken(token)) return null;
    const now = this.options.clock();
    const tokenHash = sessionTokenHash(token);
    const cached = this.cache?.get(kind, tokenHash, now);
    if (cached) return cached;
    const idleTimeoutMs = kind === 'browser' ? this.options.browserSession.idleTimeoutMs : null;
    const idleSince = idleTimeoutMs === null ? null : new Date(now.getTime() - idleTimeoutMs);
    const session = await this.sessions.findActive(tokenHash, kind, now, idleSince);
    if (session === null) return null;
    let lastUsedAt = session.lastUsedAt.getTime();
    if (now.getTime() - lastUsedAt >= LAST_USED_PRECISION_MS) {
      await this.sessions.markUsed(session.sessionId, now);
      lastUsedAt = now.getTime();
    }
    const authentication: Authentication = {
      principal: session.principal,
      sessionId: session.sessionId,
      kind: session.kind,
      csrfToken: session.csrfToken,
      expiresAt: session.expiresAt,
    };
    // Served from memory only while the database would answer the same and no last-used write is due.
    const notAfter = Math.min(
      session.expiresAt.getTime(),
      lastUsedAt + LAST_USED_PRECISION_MS,
      idleTimeoutMs === null ? Infinity : lastUsedAt + idleTimeoutMs,
    );
    this.cache?.remember(kind, tokenHash, authentication, now, notAfter);
    return authentication;
  }

  async logout(authentication: Authentication): Promise<void> {
    await this.sessions.delete(authentication.sessionId);
    this.cache?.forgetSession(authentication.sessionId);
    const { kind, sessionId, principal } = authentication;
    this.logger.info({ event: 'logout', kind, userId: principal.userId, sessionId }, 'signed out');
  }

  private decoy(): Promise<string> {
    this.decoyHash ??= this.hasher.hash(randomBytes(32).toString('base64url'));
    return this.decoyHash;
  }
}
