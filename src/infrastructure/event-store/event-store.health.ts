import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../../application/ports/event-store.port';
import { APP_CONFIG, type AppConfig, type EventStoreConfig } from '../config/app.config';
import type { HealthContributor, HealthFinding } from '../http/health-contributor';

/** The event log answers a read; the smallest read every adapter supports is one event of the global log. */
@Injectable()
export class EventStoreHealthContributor implements HealthContributor {
  readonly name = 'eventStore';
  readonly facts: { kind: EventStoreConfig['kind'] };

  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.facts = { kind: config.eventStore.kind };
  }

  async check(): Promise<HealthFinding> {
    await this.eventStore.readAll({ after: null, limit: 1 });
    return { ok: true };
  }
}
