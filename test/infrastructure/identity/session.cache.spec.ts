import type { Principal } from '../../../src/application/identity/principal';
import { AccountsRepository } from '../../../src/infrastructure/identity/accounts.repository';
import { type Authentication, AuthenticationService } from '../../../src/infrastructure/identity/authentication.service';
import { identityOptions } from '../../../src/infrastructure/identity/identity.options';
import { LoginAttemptsRepository } from '../../../src/infrastructure/identity/login-attempts.repository';
import { PasswordHasher } from '../../../src/infrastructure/identity/password.hasher';
import { SESSION_CACHE_TTL_MS, SessionCache } from '../../../src/infrastructure/identity/session.cache';
import { SessionsRepository } from '../../../src/infrastructure/identity/sessions.repository';
import { createLogger } from '../../../src/infrastructure/logging/logger';
import { type TestDatabase, openTestDatabase } from '../../support/test-database';
import { PASSWORD, disable, givenDistrict, givenUser, manualClock } from './identity.fixtures';

const MINUTE = 60_000;
const api = { kind: 'api', lifetimeDays: 1 } as const;

/**
 * With the session cache, a token is looked up once per SESSION_CACHE_TTL_MS instead of once per request. What
 * that may cost is bounded: a revocation made outside this process takes effect within the TTL, one made here
 * at once, and expiry, the idle limit and the last-used time stay exact. The clock is the test's.
 */
describe('AuthenticationService with its session cache', () => {
  let test: TestDatabase;
  let time: ReturnType<typeof manualClock>;
  let unitId: string;
  let districtId: string;
  let counter = 0;

  function service(cache: SessionCache | null = new SessionCache()) {
    const options = identityOptions({ secureCookie: false, demoData: false, clock: time.clock });
    const sessions = new SessionsRepository(test.database.db);
    const authentication = new AuthenticationService(
      new AccountsRepository(test.database.db, time.clock),
      sessions,
      new LoginAttemptsRepository(test.database.db, options.loginLockout),
      new PasswordHasher(),
      options,
      createLogger({ level: 'silent' }),
      cache,
    );
    return { authentication, lookups: jest.spyOn(sessions, 'findActive') };
  }

  async function freshUser(): Promise<Principal> {
    counter += 1;
    return givenUser(test.database, { username: `cached${counter}`, role: 'case_manager', organisationUnitId: unitId, districtId });
  }

  beforeAll(async () => {
    test = await openTestDatabase('pglite');
    time = manualClock();
    ({ districtId, provider: { id: unitId } } = await givenDistrict(test.database));
  });
  afterAll(async () => test?.dispose());

  it('looks a token up once for any number of requests within the TTL', async () => {
    const { authentication, lookups } = service();
    const user = await freshUser();
    const issued = await authentication.login(user.username, PASSWORD, api);
    for (let i = 0; i < 5; i++) expect((await authentication.authenticate(issued.token, 'api'))?.principal).toEqual(user);
    expect(lookups).toHaveBeenCalledTimes(1);
    time.advance(SESSION_CACHE_TTL_MS);
    expect(await authentication.authenticate(issued.token, 'api')).not.toBeNull();
    expect(lookups).toHaveBeenCalledTimes(2);
  });

  it("a disabled account's token stops working once the TTL is over", async () => {
    const { authentication } = service();
    const user = await freshUser();
    const issued = await authentication.login(user.username, PASSWORD, api);
    await authentication.authenticate(issued.token, 'api');
    await disable(test.database, user.userId);
    time.advance(SESSION_CACHE_TTL_MS - 1);
    expect(await authentication.authenticate(issued.token, 'api')).not.toBeNull();
    time.advance(1);
    expect(await authentication.authenticate(issued.token, 'api')).toBeNull();
  });

  it('a token revoked in another instance stops working here once the TTL is over', async () => {
    const here = service().authentication;
    const elsewhere = service().authentication;
    const user = await freshUser();
    const issued = await here.login(user.username, PASSWORD, api);
    await here.authenticate(issued.token, 'api');
    await elsewhere.logout((await elsewhere.authenticate(issued.token, 'api'))!);
    expect(await here.authenticate(issued.token, 'api')).not.toBeNull();
    time.advance(SESSION_CACHE_TTL_MS);
    expect(await here.authenticate(issued.token, 'api')).toBeNull();
  });

  it('signing out here ends the token here at once', async () => {
    const { authentication } = service();
    const user = await freshUser();
    const issued = await authentication.login(user.username, PASSWORD, api);
    await authentication.logout((await authentication.authenticate(issued.token, 'api'))!);
    expect(await authentication.authenticate(issued.token, 'api')).toBeNull();
  });

  it('a token ends exactly when it expires, even while it is cached', async () => {
    const { authentication } = service();
    const user = await freshUser();
    const issued = await authentication.login(user.username, PASSWORD, api);
    time.advance(24 * 60 * MINUTE - 1);
    expect(await authentication.authenticate(issued.token, 'api')).not.toBeNull();
    time.advance(1);
    expect(await authentication.authenticate(issued.token, 'api')).toBeNull();
  });

  it('records the last use of a browser session in use, so its idle limit never ends it, however long the TTL', async () => {
    const { authentication } = service(new SessionCache(24 * 60 * MINUTE));
    const user = await freshUser();
    const session = await authentication.login(user.username, PASSWORD, { kind: 'browser' });
    for (let elapsed = 0; elapsed <= 120; elapsed += 20) {
      expect(await authentication.authenticate(session.token, 'browser')).not.toBeNull();
      time.advance(20 * MINUTE);
    }
    time.advance(30 * MINUTE);
    expect(await authentication.authenticate(session.token, 'browser')).toBeNull();
  });

  it('a token of one kind is not accepted as the other from the cache', async () => {
    const { authentication } = service();
    const user = await freshUser();
    const issued = await authentication.login(user.username, PASSWORD, api);
    await authentication.authenticate(issued.token, 'api');
    expect(await authentication.authenticate(issued.token, 'browser')).toBeNull();
  });
});

describe('SessionCache', () => {
  const now = new Date('2025-03-03T08:00:00Z');
  const hash = (n: number) => Buffer.alloc(32, n);
  const authentication = (sessionId: string): Authentication => ({
    principal: { userId: 'u', role: 'case_manager', organisationUnitId: 'o', districtId: 'd', username: 'u', displayName: 'U' },
    sessionId,
    kind: 'api',
    csrfToken: null,
    expiresAt: new Date(now.getTime() + 60 * MINUTE),
  });

  it('holds at most its limit, dropping the token used longest ago', () => {
    const cache = new SessionCache(SESSION_CACHE_TTL_MS, 2);
    cache.remember('api', hash(1), authentication('s1'), now, Infinity);
    cache.remember('api', hash(2), authentication('s2'), now, Infinity);
    cache.get('api', hash(1), now);
    cache.remember('api', hash(3), authentication('s3'), now, Infinity);
    expect([1, 2, 3].map((n) => cache.get('api', hash(n), now)?.sessionId ?? null)).toEqual(['s1', null, 's3']);
  });

  it('never serves an entry past the limit its caller gave', () => {
    const cache = new SessionCache();
    cache.remember('api', hash(1), authentication('s1'), now, now.getTime() + 10);
    expect(cache.get('api', hash(1), new Date(now.getTime() + 9))).not.toBeNull();
    expect(cache.get('api', hash(1), new Date(now.getTime() + 10))).toBeNull();
  });
});
