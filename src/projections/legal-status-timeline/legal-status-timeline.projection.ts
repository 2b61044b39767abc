import type { Kysely, Transaction } from 'kysely';
import { caseIdOfStream } from '../../application/cases/case-stream';
import {
  LEGAL_STATUS_TIMELINE_PROJECTION,
  type TimelineFact,
} from '../../application/legal-status-timeline/legal-status-timeline-read-model.port';
import type { RecordedEvent } from '../../application/ports/event-store.port';
import type { CaseEvent } from '../../domain/case/case.events';
import type { Projection } from '../projection';
import { createTimelineTables, saveTimelineBatch, type TimelineCaseScope, type TimelineEntryToSave } from './legal-status-timeline.table';

/**
 * Each case's residence statuses, their corrections and its jurisdiction changes, kept as recorded. How they
 * read as a timeline (what replaced what, which correction applies, what expires when) is decided at query
 * time from these facts, so the projection only ever appends and batches of any size give the same rows.
 */
export class LegalStatusTimelineProjection implements Projection {
  readonly name = LEGAL_STATUS_TIMELINE_PROJECTION;
  readonly version = 2;

  async setup(db: Kysely<unknown>, schema: string): Promise<void> {
    await createTimelineTables(db, schema);
  }

  async apply(trx: Transaction<unknown>, schema: string, events: readonly RecordedEvent[]): Promise<void> {
    const opened = new Map<string, TimelineCaseScope>();
    const moved = new Map<string, string>();
    const entries: TimelineEntryToSave[] = [];
    for (const recorded of events) {
      const caseId = caseIdOfStream(recorded.streamId);
      if (caseId === null) continue;
      const event = { type: recorded.type, data: recorded.data } as CaseEvent;
      const openedHere = opened.get(caseId);
      if (event.type === 'CaseOpened') {
        if (openedHere === undefined) opened.set(caseId, { caseId, organisationUnitId: event.data.organisationUnitId, districtId: event.data.districtId });
        continue;
      }
      if (event.type === 'CaseReassigned') {
        // The statement cannot update rows it inserts: a case opened in this batch is inserted with its latest unit.
        if (openedHere !== undefined) openedHere.organisationUnitId = event.data.to.organisationUnitId;
        moved.set(caseId, event.data.to.organisationUnitId);
      }
      const fact = timelineFact(event);
      if (fact !== null) {
        entries.push({
          ...fact,
          caseId,
          revision: recorded.revision,
          eventId: recorded.id,
          recordedAt: recorded.metadata.recordedAt,
          caseOpenedInBatch: openedHere !== undefined,
        });
      }
    }
    await saveTimelineBatch(trx, schema, {
      opened: [...opened.values()],
      moved: [...moved].map(([caseId, organisationUnitId]) => ({ caseId, organisationUnitId })),
      entries,
    });
  }
}

function timelineFact(event: CaseEvent): TimelineFact | null {
  switch (event.type) {
    case 'LegalStatusChanged':
      return { kind: 'status', record: event.data };
    case 'EntryCorrected':
      // Only a corrected status belongs here; the correction's text is personal data and stays in the log.
      return event.data.correctedLegalStatus === null
        ? null
        : { kind: 'correction', record: { correctedEventId: event.data.correctedEventId, correctedLegalStatus: event.data.correctedLegalStatus } };
    case 'JurisdictionChanged':
      return { kind: 'jurisdiction', record: { from: event.data.from, to: event.data.to, effectiveOn: event.data.effectiveOn } };
    default:
      return null;
  }
}
