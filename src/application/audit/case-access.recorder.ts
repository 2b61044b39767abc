import { Inject, Injectable } from '@nestjs/common';
import { v5 as uuidV5 } from 'uuid';
import { accessReason } from '../../domain/audit/access-reason.policy';
import {
  CASE_DATA_ACCESSED,
  CASE_DATA_ACCESSED_SCHEMA_VERSION,
  type CaseDataAccessedData,
} from '../../domain/audit/case-access.events';
import { caseAccessStreamId } from '../cases/case-stream';
import { CLOCK, type Clock } from '../ports/clock.port';
import { type Actor, EVENT_STORE, type EventStore, type NewEvent } from '../ports/event-store.port';

/** Fixed forever: recorded access ids derive from it. */
const KIM_ACCESS_ID_NAMESPACE = '5c1e8a94-3b7d-4f62-8e0a-9d4b2c7f1a36';

/** Identifies one request: a retry carries the same request id and must not count as a second read. */
export interface AccessRequest {
  requestId: string;
  correlationId: string;
}

export interface CaseAccess extends Omit<CaseDataAccessedData, 'reason'> {
  /** A signed-in principal, or an operator on the command line (who has no role of the access policy). */
  reader: Actor;
  reason: string | null;
  request: AccessRequest;
}

export interface RecordedAccess {
  eventId: string;
  /** False when this request's read was already recorded (a retry): nothing was appended. */
  written: boolean;
  checkpoint: string;
}

/**
 * Appends a `CaseDataAccessed` to the case's access stream before anything is shown: a read that cannot be
 * recorded does not happen. The event id derives from the request id, the reader and what was read, so a retry
 * appends nothing, while the same request id reused for a different read is recorded as its own.
 * Expected revision `any`: reads never conflict with one another.
 */
@Injectable()
export class CaseAccessRecorder {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async record(access: CaseAccess): Promise<RecordedAccess> {
    const { reader, request } = access;
    const data: CaseDataAccessedData = {
      caseId: access.caseId,
      access: access.access,
      view: access.view,
      asOf: access.asOf,
      atRevision: access.atRevision,
      personalData: access.personalData,
      reason: access.reason === null ? null : accessReason(access.reason),
      revealed: access.revealed.map((entry) => ({ eventId: entry.eventId, fields: [...entry.fields] })),
    };
    const eventId = uuidV5(JSON.stringify([request.requestId, reader.userId, data]), KIM_ACCESS_ID_NAMESPACE);
    const event: NewEvent<CaseDataAccessedData> = {
      id: eventId,
      type: CASE_DATA_ACCESSED,
      schemaVersion: CASE_DATA_ACCESSED_SCHEMA_VERSION,
      data,
      metadata: {
        occurredAt: this.clock.now().toISOString(),
        actor: { userId: reader.userId, role: reader.role, organisationUnitId: reader.organisationUnitId, districtId: reader.districtId ?? null },
        correlationId: request.correlationId,
        causationId: request.requestId,
      },
    };
    const result = await this.store.append(caseAccessStreamId(access.caseId), [event], 'any');
    return { eventId, written: result.written, checkpoint: result.checkpoint };
  }
}
