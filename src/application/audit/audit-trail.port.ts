import type { AccessKind, RevealedFields } from '../../domain/audit/case-access.events';

/** What the audit trail is searched by; every criterion narrows. Times compare `recordedAt`, `to` exclusive. */
export interface AuditTrailFilter {
  caseId?: string;
  actorUserId?: string;
  eventType?: string;
  accessKind?: AccessKind;
  from?: string;
  to?: string;
  /** Set from the reader's reach, never from the request: the coordination office sees its district only. */
  districtId?: string;
}

/** One entry per event of a case or of its access stream. Nothing in it is the client's personal data. */
export interface AuditTrailEntry {
  eventId: string;
  streamId: string;
  revision: number;
  caseId: string;
  eventType: string;
  /** For reads of the case; null for changes. */
  accessKind: AccessKind | null;
  summary: string;
  actor: { userId: string; role: string; organisationUnitId: string | null; districtId: string | null };
  occurredAt: string;
  /** By the store's clock; null only where a stored row was altered into something that is not a time. */
  recordedAt: string | null;
  /** The stated reason of a read; a change's reason is the client's data and stays sealed (`reasonSealed`). */
  reason: string | null;
  reasonSealed: boolean;
  /** For reveals: which fields of which entries were shown in plain text. */
  revealed: RevealedFields[] | null;
}

export interface AuditTrailPage {
  /** Newest first. */
  entries: AuditTrailEntry[];
  /** Hand back as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

export interface AuditTrailReader {
  search(filter: AuditTrailFilter, page: { limit: number; cursor: string | null }): Promise<AuditTrailPage>;
}

export const AUDIT_TRAIL_READER = Symbol('AuditTrailReader');
