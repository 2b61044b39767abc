import type { ReportSourceEvent } from '../../domain/reporting/report-facts.extractor';
import { parseInstant } from '../../domain/time/instant.value';
import { caseIdOfStream } from '../cases/case-stream';
import type { RecordedEvent } from '../ports/event-store.port';

/** An event of the log as the report reads it; null for anything but a case stream's events. */
export function reportSourceEventOf(recorded: RecordedEvent): ReportSourceEvent | null {
  const caseId = caseIdOfStream(recorded.streamId);
  if (caseId === null) return null;
  const recordedAt = parseInstant(recorded.metadata.recordedAt);
  const occurredAt = parseInstant(recorded.metadata.occurredAt);
  // The store validates both on append; an event without them cannot be placed in time and is left out.
  if (recordedAt === null || occurredAt === null) return null;
  return { caseId, eventId: recorded.id, revision: recorded.revision, type: recorded.type, data: recorded.data, recordedAt, occurredAt };
}
