import { randomUUID } from 'node:crypto';
import type { NewEvent, NewEventMetadata } from '../../src/application/ports/event-store.port';

/**
 * One event body for every store under test, so each writes the same bytes: a realistic case note with the
 * envelope metadata our events carry (as in `test/support/events.ts`). About 330 bytes of data and 230 of metadata.
 */
export const EVENT_TYPE = 'CaseNoteAdded';

export function eventData(sequence: number): Record<string, unknown> {
  return {
    caseId: 'c5b1f0de-7a43-4c86-9a0e-4f3c2b1a9d7e',
    noteId: sequence,
    category: 'counselling',
    text: 'Beratungsgespräch zur Anerkennung des ausländischen Berufsabschlusses; nächste Schritte vereinbart. '.repeat(2),
    attachments: [],
  };
}

export function eventMetadata(): NewEventMetadata {
  return {
    occurredAt: '2026-11-20T09:30:00.000Z',
    actor: { userId: 'user-4711', role: 'case_manager', organisationUnitId: 'ou-kim-koeln' },
    correlationId: randomUUID(),
    causationId: null,
  };
}

export function newBenchEvent(sequence: number): NewEvent {
  return { id: randomUUID(), type: EVENT_TYPE, schemaVersion: 1, data: eventData(sequence), metadata: eventMetadata() };
}

/** The same event in Emmett's shape; our id travels as Emmett's `messageId` so deliveries can be matched. */
export interface EmmettBenchEvent {
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown> & { messageId: string };
}

export function newEmmettBenchEvent(sequence: number): EmmettBenchEvent {
  return { type: EVENT_TYPE, data: eventData(sequence), metadata: { messageId: randomUUID(), ...eventMetadata() } };
}
