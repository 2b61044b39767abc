import type { AuditTrailEntry } from '../../application/audit/audit-trail.port';
import { caseIdOfAccessStream, caseIdOfStream } from '../../application/cases/case-stream';
import type { RecordedEvent } from '../../application/ports/event-store.port';
import { isSealedValue } from '../../application/ports/personal-data-vault.port';
import { ACCESS_KINDS, type AccessKind, CASE_DATA_ACCESSED, type CaseDataAccessedData } from '../../domain/audit/case-access.events';
import { summarizeEvent } from '../../domain/audit/event.summary';

/** An entry as stored: the district of its case decides whether a coordination office sees it. */
export interface AuditTrailRecord extends AuditTrailEntry {
  caseDistrictId: string | null;
}

/**
 * The audit trail entry of one event of a case or access stream; null for every other stream. Reads only
 * what is stored in plain text: a change's reason is sealed with the client's key and stays so here.
 */
export function auditTrailRecordOf(event: RecordedEvent, caseDistrictId: string | null): AuditTrailRecord | null {
  const accessedCaseId = caseIdOfAccessStream(event.streamId);
  const caseId = accessedCaseId ?? caseIdOfStream(event.streamId);
  if (caseId === null) return null;
  const data = (event.data ?? {}) as Record<string, unknown>;
  const access = accessedCaseId !== null && event.type === CASE_DATA_ACCESSED ? (data as Partial<CaseDataAccessedData>) : null;
  const { actor } = event.metadata;
  return {
    eventId: event.id,
    streamId: event.streamId,
    revision: event.revision,
    caseId,
    caseDistrictId,
    eventType: event.type,
    accessKind: access !== null && isAccessKind(access.access) ? access.access : null,
    summary: summarizeEvent(event.type, event.data),
    actor: {
      userId: String(actor?.userId ?? ''),
      role: String(actor?.role ?? ''),
      organisationUnitId: actor?.organisationUnitId ?? null,
      districtId: actor?.districtId ?? null,
    },
    occurredAt: textOr(event.metadata.occurredAt, ''),
    recordedAt: textOr(event.metadata.recordedAt, null),
    reason: access !== null && typeof access.reason === 'string' ? access.reason : null,
    reasonSealed: access === null && isSealedValue(data.reason),
    revealed: access !== null && Array.isArray(access.revealed) && access.access === 'reveal' ? access.revealed : null,
  };
}

/** The district a case event puts its case in: only the intake names it (reassignment stays in the district). */
export function districtOpenedIn(event: RecordedEvent): string | null {
  if (event.type !== 'CaseOpened' || caseIdOfStream(event.streamId) === null) return null;
  const districtId = (event.data as { districtId?: unknown } | null)?.districtId;
  return typeof districtId === 'string' ? districtId : null;
}

/** The envelope as stored; a row altered by hand must not stop the projection. */
function textOr<T extends string | null>(value: unknown, fallback: T): string | T {
  return typeof value === 'string' ? value : fallback;
}

function isAccessKind(value: unknown): value is AccessKind {
  return typeof value === 'string' && (ACCESS_KINDS as string[]).includes(value);
}
