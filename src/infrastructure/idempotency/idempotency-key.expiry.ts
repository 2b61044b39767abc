import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Clock } from '../../application/ports/clock.port';
import type { Logger } from '../logging/logger';
import type { PostgresIdempotencyStore } from './postgres.idempotency-store';

/** Keys therefore live between the retention and the retention plus this long. */
export const EXPIRY_INTERVAL_MS = 60 * 60_000;

/**
 * Forgets answers stored under an Idempotency-Key once they are older than the retention
 * (`KIM_IDEMPOTENCY_RETENTION_HOURS`), at start and then every hour, so the table does not grow with every
 * request ever made. Every instance runs it; the deletes are idempotent. After the retention a repeat of the
 * same request is still recognised by its event ids (they derive from the key) as long as the case is the same.
 */
export class IdempotencyKeyExpiry implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    private readonly store: Pick<PostgresIdempotencyStore, 'expireBefore'>,
    private readonly retentionMs: number,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    // Not awaited: a large backlog after an upgrade must not hold up the start.
    void this.expireNow();
    this.timer = setInterval(() => void this.expireNow(), EXPIRY_INTERVAL_MS);
    this.timer.unref();
  }

  /** Finishes a run in progress, so the database is not closed under it. */
  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One expiry run (never two at once); resolves with how many keys went, 0 when the run failed. */
  expireNow(): Promise<number> {
    this.running ??= this.expire().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async expire(): Promise<number> {
    try {
      const expired = await this.store.expireBefore(new Date(this.clock.now().getTime() - this.retentionMs));
      if (expired > 0) this.logger.info({ event: 'idempotency_keys_expired', count: expired }, 'expired idempotency keys');
      return expired;
    } catch (error) {
      // The next run catches up; an unreachable database shows in /health, not here.
      this.logger.warn({ event: 'idempotency_key_expiry_failed', error }, 'expiring idempotency keys failed; retrying within the hour');
      return 0;
    }
  }
}
