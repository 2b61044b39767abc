import { IdempotencyKeyExpiry } from '../../../src/infrastructure/idempotency/idempotency-key.expiry';
import { PostgresIdempotencyStore } from '../../../src/infrastructure/idempotency/postgres.idempotency-store';
import { createLogger } from '../../../src/infrastructure/logging/logger';
import { type TestDatabase, availableDatabaseKinds, openTestDatabase } from '../../support/test-database';

const HOUR = 3_600_000;
const answer = (requestHash: string) => ({ requestHash, statusCode: 200, body: { caseId: 'c-1', revision: 3, checkpoint: null, events: ['CounsellingSessionHeld'] } });

describe.each(availableDatabaseKinds())('PostgresIdempotencyStore on %s', (kind) => {
  let test: TestDatabase;
  let store: PostgresIdempotencyStore;
  const at = new Date('2025-03-10T09:00:00Z');

  beforeAll(async () => {
    test = await openTestDatabase(kind);
    store = new PostgresIdempotencyStore(test.database);
  });
  afterAll(async () => test?.dispose());

  it('stores an answer under an account and key, and a later save keeps the first', async () => {
    expect(await store.find('user-1', 'k-1')).toBeNull();
    expect(await store.save('user-1', 'k-1', answer('first'), at)).toEqual(answer('first'));
    expect(await store.save('user-1', 'k-1', answer('second'), at)).toEqual(answer('first'));
    expect(await store.find('user-1', 'k-1')).toEqual(answer('first'));
    expect(await store.find('user-2', 'k-1')).toBeNull();
  });

  it('expires the answers stored before a cutoff, and only those', async () => {
    await store.save('user-3', 'old-1', answer('a'), new Date(at.getTime() - 25 * HOUR));
    await store.save('user-3', 'old-2', answer('b'), new Date(at.getTime() - 24 * HOUR - 1));
    await store.save('user-3', 'recent', answer('c'), new Date(at.getTime() - 24 * HOUR));

    expect(await store.expireBefore(new Date(at.getTime() - 24 * HOUR))).toBeGreaterThanOrEqual(2);

    expect(await store.find('user-3', 'old-1')).toBeNull();
    expect(await store.find('user-3', 'old-2')).toBeNull();
    expect(await store.find('user-3', 'recent')).toEqual(answer('c'));
    expect(await store.expireBefore(new Date(at.getTime() - 24 * HOUR))).toBe(0);
  });

  it('the expiry job forgets keys older than the retention by its clock', async () => {
    const logLines: string[] = [];
    const logger = createLogger({ level: 'info', destination: { write: (line: string) => logLines.push(line) } });
    const now = new Date('2025-06-01T12:00:00Z');
    await store.save('user-4', 'yesterday', answer('y'), new Date(now.getTime() - 30 * HOUR));
    await store.save('user-4', 'today', answer('t'), new Date(now.getTime() - HOUR));
    const expiry = new IdempotencyKeyExpiry(store, 24 * HOUR, { now: () => now }, logger);

    expect(await expiry.expireNow()).toBeGreaterThanOrEqual(1);

    expect(await store.find('user-4', 'yesterday')).toBeNull();
    expect(await store.find('user-4', 'today')).toEqual(answer('t'));
    expect(logLines.join('')).toContain('"event":"idempotency_keys_expired"');
  });
});

describe('IdempotencyKeyExpiry', () => {
  it('logs a failed run and goes on: the next run catches up', async () => {
    const logLines: string[] = [];
    const logger = createLogger({ level: 'info', destination: { write: (line: string) => logLines.push(line) } });
    const failing = { expireBefore: () => Promise.reject(new Error('connection refused')) };
    const expiry = new IdempotencyKeyExpiry(failing, HOUR, { now: () => new Date() }, logger);

    expect(await expiry.expireNow()).toBe(0);
    expect(logLines.join('')).toContain('"event":"idempotency_key_expiry_failed"');
  });

  it('runs once at a time', async () => {
    let release: (count: number) => void = () => undefined;
    const calls: Date[] = [];
    const slow = {
      expireBefore: (cutoff: Date) => {
        calls.push(cutoff);
        return new Promise<number>((resolve) => (release = resolve));
      },
    };
    const expiry = new IdempotencyKeyExpiry(slow, HOUR, { now: () => new Date('2025-06-01T12:00:00Z') }, createLogger({ level: 'silent' }));
    const first = expiry.expireNow();
    const second = expiry.expireNow();
    release(3);
    expect([await first, await second]).toEqual([3, 3]);
    expect(calls).toEqual([new Date('2025-06-01T11:00:00Z')]);
  });
});
