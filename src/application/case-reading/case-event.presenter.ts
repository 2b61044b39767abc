import { eventTypeLabel } from '../../domain/audit/event-type.labels';
import { summarizeEvent } from '../../domain/audit/event.summary';
import { openPersonalData, type PersonalDataView } from '../cases/personal-data.sealing';
import type { Actor, RecordedEvent } from '../ports/event-store.port';
import type { PersonalDataVault } from '../ports/personal-data-vault.port';

/** One entry of a case as a reader sees it: what, who, when, and the data with personal fields opened or masked. */
export interface PresentedEvent {
  eventId: string;
  revision: number;
  type: string;
  label: string;
  summary: string;
  occurredAt: string;
  recordedAt: string;
  actor: Actor;
  data: unknown;
}

export async function presentEvent(vault: PersonalDataVault, event: RecordedEvent, view: PersonalDataView): Promise<PresentedEvent> {
  const { actor } = event.metadata;
  return {
    eventId: event.id,
    revision: event.revision,
    type: event.type,
    label: eventTypeLabel(event.type),
    summary: summarizeEvent(event.type, event.data),
    occurredAt: event.metadata.occurredAt,
    recordedAt: event.metadata.recordedAt,
    actor: { userId: actor.userId, role: actor.role, organisationUnitId: actor.organisationUnitId, districtId: actor.districtId ?? null },
    data: await openPersonalData(vault, event.id, event.type, event.data, view),
  };
}

export function presentEvents(vault: PersonalDataVault, events: readonly RecordedEvent[], view: PersonalDataView): Promise<PresentedEvent[]> {
  return Promise.all(events.map((event) => presentEvent(vault, event, view)));
}
