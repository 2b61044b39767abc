import { createHash } from 'node:crypto';
import * as argon2 from 'argon2';
import type { Principal } from '../../../src/application/identity/principal';
import { AccountsRepository } from '../../../src/infrastructure/identity/accounts.repository';
import { AuthenticationService } from '../../../src/infrastructure/identity/authentication.service';
import { InvalidCredentialsError, LoginTemporarilyLockedError } from '../../../src/infrastructure/identity/identity.errors';
import { identityOptions } from '../../../src/infrastructure/identity/identity.options';
import { LoginAttemptsRepository } from '../../../src/infrastructure/identity/login-attempts.repository';
import { PasswordHasher } from '../../../src/infrastructure/identity/password.hasher';
import { SessionsRepository } from '../../../src/infrastructure/identity/sessions.repository';
import { createLogger } from '../../../src/infrastructure/logging/logger';
import { type TestDatabase, availableDatabaseKinds, openTestDatabase } from '../../support/test-database';
import { PASSWORD, disable, givenDistrict, givenUser, manualClock } from './identity.fixtures';

const MINUTE = 60_000;
const browser = { kind: 'browser' } as const;

describe.each(availableDatabaseKinds())('AuthenticationService on %s', (kind) => {
  let test: TestDatabase;
  let service: AuthenticationService;
  let time: ReturnType<typeof manualClock>;
  let districtId: string;
  let unitId: string;
  const logLines: string[] = [];
  let counter = 0;

  /** Each test signs in as its own user, so lockout counts never leak between tests. */
  async function freshUser(password = PASSWORD): Promise<Principal> {
    counter += 1;
    return givenUser(test.database, { username: `user${counter}`, role: 'case_manager', organisationUnitId: unitId, districtId, password });
  }

  async function failure(promise: Promise<unknown>): Promise<Error> {
    return promise.then(
      () => {
        throw new Error('expected a failure');
      },
      (error: Error) => error,
    );
  }

  beforeAll(async () => {
    test = await openTestDatabase(kind);
    time = manualClock();
    const options = identityOptions({ secureCookie: false, demoData: false, clock: time.clock });
    const logger = createLogger({ level: 'info', destination: { write: (line: string) => logLines.push(line) } });
    service = new AuthenticationService(
      new AccountsRepository(test.database.db, time.clock),
      new SessionsRepository(test.database.db),
      new LoginAttemptsRepository(test.database.db, options.loginLockout),
      new PasswordHasher(),
      options,
      logger,
    );
    const district = await givenDistrict(test.database);
    districtId = district.districtId;
    unitId = district.provider.id;
  });
  afterAll(async () => test?.dispose());
  beforeEach(() => {
    logLines.length = 0;
  });

  describe('login', () => {
    it('opens a browser session with a CSRF token, valid for one working day', async () => {
      const user = await freshUser();
      const session = await service.login(user.username.toUpperCase(), PASSWORD, browser);
      expect(session.principal).toEqual(user);
      expect(session.kind).toBe('browser');
      expect(session.token).toMatch(/^kim_[A-Za-z0-9_-]{43}$/);
      expect(session.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(session.expiresAt).toEqual(new Date(time.clock().getTime() + 10 * 60 * MINUTE));
      expect(await service.authenticate(session.token, 'browser')).toEqual({
        principal: user,
        sessionId: session.sessionId,
        kind: 'browser',
        csrfToken: session.csrfToken,
        expiresAt: session.expiresAt,
      });
    });

    it('stores only the SHA-256 of the token', async () => {
      const user = await freshUser();
      const session = await service.login(user.username, PASSWORD, browser);
      const row = await test.database.db.selectFrom('kim_sessions').selectAll().where('id', '=', session.sessionId).executeTakeFirstOrThrow();
      expect(Buffer.from(row.token_hash)).toEqual(createHash('sha256').update(session.token).digest());
      expect(Object.values(row).map(String)).not.toContain(session.token);
    });

    it('gives the same error for an unknown user, a wrong password and a disabled account', async () => {
      const user = await freshUser();
      const disabled = await freshUser();
      await disable(test.database, disabled.userId);
      const errors = [
        await failure(service.login('nobody-at-all', PASSWORD, browser)),
        await failure(service.login(user.username, 'ein falsches Passwort', browser)),
        await failure(service.login(disabled.username, PASSWORD, browser)),
      ];
      for (const error of errors) expect(error).toEqual(new InvalidCredentialsError());
      expect(errors.map((error) => error.message)).toEqual(Array(3).fill('Invalid username or password'));
    });

    it('logs failures without the username or the password', async () => {
      const user = await freshUser();
      await failure(service.login(user.username, 'ein falsches Passwort', browser));
      expect(logLines.join('\n')).toContain('"event":"login_failed"');
      expect(logLines.join('\n')).not.toMatch(new RegExp(`${user.username}|falsches`));
    });

    it('locks a username after 5 failures in 15 minutes, refusing even the right password, then lets it in again', async () => {
      const user = await freshUser();
      const started = time.clock().getTime();
      for (let attempt = 0; attempt < 5; attempt++) {
        expect(await failure(service.login(user.username, `falsch ${attempt}`, browser))).toBeInstanceOf(InvalidCredentialsError);
        time.advance(MINUTE);
      }
      const locked = await failure(service.login(user.username, PASSWORD, browser));
      expect(locked).toBeInstanceOf(LoginTemporarilyLockedError);
      expect((locked as LoginTemporarilyLockedError).retryAt).toEqual(new Date(started + 15 * MINUTE));

      time.advance(10 * MINUTE);
      expect((await service.login(user.username, PASSWORD, browser)).principal).toEqual(user);
    });

    it('locks unknown usernames the same way, so a lockout tells nothing about which accounts exist', async () => {
      for (let attempt = 0; attempt < 5; attempt++) {
        expect(await failure(service.login('ghost.user', PASSWORD, browser))).toBeInstanceOf(InvalidCredentialsError);
      }
      expect(await failure(service.login('ghost.user', PASSWORD, browser))).toBeInstanceOf(LoginTemporarilyLockedError);
    });

    it('counts the username case-insensitively, as it signs in', async () => {
      const user = await freshUser();
      for (let attempt = 0; attempt < 5; attempt++) await failure(service.login(user.username.toUpperCase(), 'falsch', browser));
      expect(await failure(service.login(user.username, PASSWORD, browser))).toBeInstanceOf(LoginTemporarilyLockedError);
    });

    it('forgets earlier failures after a successful sign-in', async () => {
      const user = await freshUser();
      for (let attempt = 0; attempt < 4; attempt++) await failure(service.login(user.username, 'falsch', browser));
      await service.login(user.username, PASSWORD, browser);
      for (let attempt = 0; attempt < 5; attempt++) {
        expect(await failure(service.login(user.username, 'falsch', browser))).toBeInstanceOf(InvalidCredentialsError);
      }
    });

    it('lets no more than 5 of many simultaneous guesses reach the password check', async () => {
      const user = await freshUser();
      const outcomes = await Promise.all(Array.from({ length: 12 }, () => failure(service.login(user.username, 'falsch', browser))));
      expect(outcomes.filter((error) => error instanceof InvalidCredentialsError)).toHaveLength(5);
      expect(outcomes.filter((error) => error instanceof LoginTemporarilyLockedError)).toHaveLength(7);
    });

    it('upgrades a hash made with weaker parameters at the next sign-in', async () => {
      const user = await freshUser();
      const weak = await argon2.hash(PASSWORD, { type: argon2.argon2id, memoryCost: 8192, timeCost: 1, parallelism: 1 });
      await test.database.db.updateTable('kim_users').set({ password_hash: weak }).where('id', '=', user.userId).execute();
      await service.login(user.username, PASSWORD, browser);
      const { password_hash } = await test.database.db.selectFrom('kim_users').select('password_hash').where('id', '=', user.userId).executeTakeFirstOrThrow();
      expect(password_hash).not.toBe(weak);
      expect(new PasswordHasher().needsRehash(password_hash)).toBe(false);
      expect(await argon2.verify(password_hash, PASSWORD)).toBe(true);
    });
  });

  describe('authenticate', () => {
    it('accepts an API token only as such, and a browser session only as such', async () => {
      const user = await freshUser();
      const token = await service.login(user.username, PASSWORD, { kind: 'api', lifetimeDays: 30 });
      const session = await service.login(user.username, PASSWORD, browser);
      expect(token.csrfToken).toBeNull();
      expect((await service.authenticate(token.token, 'api'))?.principal).toEqual(user);
      expect(await service.authenticate(token.token, 'browser')).toBeNull();
      expect(await service.authenticate(session.token, 'api')).toBeNull();
    });

    it('refuses unknown and malformed tokens', async () => {
      expect(await service.authenticate('kim_' + 'A'.repeat(43), 'api')).toBeNull();
      expect(await service.authenticate("kim_' OR 1=1 --", 'api')).toBeNull();
    });

    it('refuses an API token once its lifetime is over', async () => {
      const user = await freshUser();
      const token = await service.login(user.username, PASSWORD, { kind: 'api', lifetimeDays: 2 });
      time.advance(2 * 24 * 60 * MINUTE - 1);
      expect(await service.authenticate(token.token, 'api')).not.toBeNull();
      time.advance(1);
      expect(await service.authenticate(token.token, 'api')).toBeNull();
    });

    it('ends a browser session after 30 idle minutes, but not while it is in use', async () => {
      const user = await freshUser();
      const used = await service.login(user.username, PASSWORD, browser);
      const idle = await service.login(user.username, PASSWORD, browser);
      time.advance(20 * MINUTE);
      expect(await service.authenticate(used.token, 'browser')).not.toBeNull();
      time.advance(20 * MINUTE);
      expect(await service.authenticate(used.token, 'browser')).not.toBeNull();
      expect(await service.authenticate(idle.token, 'browser')).toBeNull();
    });

    it('ends a browser session after its lifetime even when in constant use', async () => {
      const user = await freshUser();
      const session = await service.login(user.username, PASSWORD, browser);
      for (let elapsed = 0; elapsed < 10 * 60; elapsed += 20) {
        expect(await service.authenticate(session.token, 'browser')).not.toBeNull();
        time.advance(20 * MINUTE);
      }
      expect(await service.authenticate(session.token, 'browser')).toBeNull();
    });

    it('refuses a session after logout, and every session of an account once it is disabled', async () => {
      const user = await freshUser();
      const first = await service.login(user.username, PASSWORD, browser);
      const second = await service.login(user.username, PASSWORD, { kind: 'api', lifetimeDays: 1 });
      await service.logout((await service.authenticate(first.token, 'browser'))!);
      expect(await service.authenticate(first.token, 'browser')).toBeNull();
      expect(await service.authenticate(second.token, 'api')).not.toBeNull();
      await disable(test.database, user.userId);
      expect(await service.authenticate(second.token, 'api')).toBeNull();
    });
  });
});
