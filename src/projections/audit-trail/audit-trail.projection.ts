import type { Kysely, Transaction } from 'kysely';
import type { RecordedEvent } from '../../application/ports/event-store.port';
import type { BatchContext, Projection, TableUpkeepExceptions } from '../projection';
import { RunMemories } from '../run.memory';
import { caseIdOfAccessStream, caseIdOfStream } from '../../application/cases/case-stream';
import { type AuditTrailRecord, auditTrailRecordOf, districtOpenedIn } from './audit-trail.entry';
import {
  AUDIT_TRAIL_CASES_TABLE,
  type AuditTrailRunPosition,
  createAuditTrailSearchIndexes,
  createAuditTrailTables,
  insertAuditTrailRecords,
  loadCaseDistricts,
  saveCaseDistricts,
} from './audit-trail.table';

export const AUDIT_TRAIL_PROJECTION = 'audit_trail';

/**
 * The audit trail: one row per event of every case stream and case access stream, i.e. every change and every
 * read of a case, with who, when, what (a German summary without personal data), which case and why.
 * It holds no personal data of clients, so erasure leaves it as it is.
 */
export class AuditTrailProjection implements Projection {
  readonly name = AUDIT_TRAIL_PROJECTION;
  /**
   * 3: `recorded_max`, which bounds a search by time, and the stream as a flag (2026-11-27). 4: the names a search
   * selects by (case, kind of event, actor, district) as codes (2026-11-27).
   */
  readonly version = 4;
  /** The district of each case, for the events and reads that do not name it: searches never read it. */
  readonly upkeepBeforeSwitch: TableUpkeepExceptions = { [AUDIT_TRAIL_CASES_TABLE]: 'none' };
  /** The district of each case, for the run (`BatchContext.run`): all of the benchmark's 25,000 cases and room to spare. */
  private readonly memories = new RunMemories<string>(50_000);
  /** Where each run (`BatchContext.run`) with a batch applied left off: its next batch continues right after it. */
  private readonly positions = new WeakMap<object, AuditTrailRunPosition>();

  async setup(db: Kysely<unknown>, schema: string): Promise<void> {
    await createAuditTrailTables(db, schema);
  }

  async createReadIndexes(db: Kysely<unknown>, schema: string): Promise<void> {
    await createAuditTrailSearchIndexes(db, schema);
  }

  async apply(trx: Transaction<unknown>, schema: string, events: readonly RecordedEvent[], batch?: BatchContext): Promise<void> {
    const memory = this.memories.of(batch);
    const districts = new Map<string, string>();
    const unknown = new Set<string>();
    for (const event of events) {
      const caseId = caseIdOf(event);
      if (caseId === null || districts.has(caseId) || unknown.has(caseId)) continue;
      const district = memory?.get(caseId);
      if (district === undefined) unknown.add(caseId);
      else districts.set(caseId, district);
    }
    if (districts.size === 0 && unknown.size === 0) return;
    for (const [caseId, district] of await loadCaseDistricts(trx, schema, [...unknown])) districts.set(caseId, district);
    const opened = new Map<string, string>();
    const records: AuditTrailRecord[] = [];
    for (const event of events) {
      const caseId = caseIdOf(event);
      if (caseId === null) continue;
      const district = districtOpenedIn(event);
      if (district !== null && !districts.has(caseId)) {
        districts.set(caseId, district);
        opened.set(caseId, district);
      }
      const record = auditTrailRecordOf(event, districts.get(caseId) ?? null);
      if (record !== null) records.push(record);
    }
    await saveCaseDistricts(trx, schema, opened);
    const position = await insertAuditTrailRecords(trx, schema, records, batch === undefined ? null : (this.positions.get(batch.run) ?? null));
    if (batch !== undefined && position !== null) this.positions.set(batch.run, position);
    // A case's district never changes once opened: only the cases known to have one are remembered.
    if (memory !== null) for (const [caseId, district] of districts) memory.remember(caseId, district);
  }
}

function caseIdOf(event: RecordedEvent): string | null {
  return caseIdOfAccessStream(event.streamId) ?? caseIdOfStream(event.streamId);
}
