import { createHash } from 'node:crypto';
import { Client } from 'pg';
import {
  describeLockKey,
  type GenerationLockHandle,
  type GenerationLockKey,
  type GenerationLocks,
  type HeldGenerationLock,
} from '../../projections/runner/generation-lock.port';

/**
 * Session advisory locks, each on a dedicated connection outside the pool: the lock lives exactly as long as
 * that connection, so a holder that dies (process killed, host gone) frees it without any timeout of ours, and
 * a standby's next attempt takes it over. See docs/decisions/0006-projection-runner.md.
 */
export class PostgresGenerationLocks implements GenerationLocks {
  constructor(
    private readonly connectionString: string,
    private readonly options: { connectTimeoutMs?: number } = {},
  ) {}

  open(key: GenerationLockKey): GenerationLockHandle {
    return new PostgresGenerationLockHandle(this.connectionString, advisoryLockId(key), this.options.connectTimeoutMs ?? 10_000);
  }
}

/** 64 bits of a hash of the key: a collision only makes two generations share one lock (one waits). */
export function advisoryLockId(key: GenerationLockKey): string {
  return createHash('sha256').update(`kim-projection:${describeLockKey(key)}`).digest().readBigInt64BE(0).toString();
}

class PostgresGenerationLockHandle implements GenerationLockHandle {
  private connection: { client: Client; lost: Promise<void> } | null = null;
  private held = false;

  constructor(
    private readonly connectionString: string,
    private readonly lockId: string,
    private readonly connectTimeoutMs: number,
  ) {}

  async tryAcquire(): Promise<HeldGenerationLock | null> {
    const { client, lost } = await this.connect();
    const result = await client.query<{ acquired: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS acquired', [this.lockId]);
    if (!result.rows[0]?.acquired) return null;
    this.held = true;
    return {
      lost,
      release: async () => {
        if (!this.held) return;
        this.held = false;
        // A connection that is gone has released the lock with it.
        await client.query('SELECT pg_advisory_unlock($1::bigint)', [this.lockId]).catch(() => undefined);
      },
    };
  }

  async close(): Promise<void> {
    const connection = this.connection;
    this.connection = null;
    this.held = false;
    await connection?.client.end().catch(() => undefined);
  }

  /** The open connection, or a new one when there is none or the last one died. */
  private async connect(): Promise<{ client: Client; lost: Promise<void> }> {
    if (this.connection) return this.connection;
    const client = new Client({
      connectionString: this.connectionString,
      connectionTimeoutMillis: this.connectTimeoutMs,
      // Notices a silently dropped connection (a host that vanished) instead of believing the lock is still held.
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      application_name: 'kim-projection-lock',
    });
    let markLost!: () => void;
    const lost = new Promise<void>((resolve) => (markLost = resolve));
    const forget = (): void => {
      if (this.connection?.client === client) this.connection = null;
      this.held = false;
      markLost();
    };
    // Without an 'error' listener a terminated connection would crash the process.
    client.on('error', forget);
    client.on('end', forget);
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    this.connection = { client, lost };
    return this.connection;
  }
}
