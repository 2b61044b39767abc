import { randomUUID } from 'node:crypto';
import type { NewEvent } from '../../src/application/ports/event-store.port';

export function newEvent(type = 'SomethingHappened', data: unknown = { n: 1 }, id = randomUUID()): NewEvent {
  return {
    id,
    type,
    schemaVersion: 1,
    data,
    metadata: {
      occurredAt: '2026-11-20T09:30:00.000Z',
      actor: { userId: 'user-1', role: 'case_manager', organisationUnitId: 'ou-drk' },
      correlationId: randomUUID(),
      causationId: null,
    },
  };
}

export function uniqueStream(prefix = 'case'): string {
  return `${prefix}-${randomUUID()}`;
}
