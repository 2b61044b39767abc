import type { Kysely, Transaction } from 'kysely';
import { caseIdOfStream } from '../../application/cases/case-stream';
import { CASELOAD_PROJECTION, type CaseloadRow } from '../../application/caseload/caseload-read-model.port';
import type { RecordedEvent } from '../../application/ports/event-store.port';
import type { ClientDataErased, CounsellingSessionHeld } from '../../domain/case/case.events';
import type { CalendarDate } from '../../domain/time/calendar-date.value';
import type { BatchContext, Projection } from '../projection';
import { RunMemories } from '../run.memory';
import { CASELOAD_EVENT_TYPES, evolveCaseloadRow } from './caseload.row';
import { createCaseloadListIndexes, createCaseloadTables, loadCaseloadRowsForFolding, markClientsErased, saveCaseloadRows } from './caseload.table';

/** Cases a run keeps in memory: all of the benchmark's 1,000,000 events (25,000) and room to spare. */
const CASES_KEPT = 50_000;

/**
 * The caseloads: one row per case with what a case manager's or the coordination's working list filters and
 * sorts by. A batch is folded in memory (the touched rows from the run's memory or else read, fold, write each
 * once), so a rebuild costs two statements per batch instead of one per event. Counselling sessions, the most
 * frequent event, only move the last contact forward: a case with nothing else in the batch is updated without
 * being read.
 */
export class CaseloadProjection implements Projection {
  readonly name = CASELOAD_PROJECTION;
  readonly version = 2;
  private readonly memories = new RunMemories<CaseloadRow>(CASES_KEPT);

  async setup(db: Kysely<unknown>, schema: string): Promise<void> {
    await createCaseloadTables(db, schema);
  }

  async createReadIndexes(db: Kysely<unknown>, schema: string): Promise<void> {
    await createCaseloadListIndexes(db, schema);
  }

  async apply(trx: Transaction<unknown>, schema: string, events: readonly RecordedEvent[], batch?: BatchContext): Promise<void> {
    const memory = this.memories.of(batch);
    const byCase = new Map<string, RecordedEvent[]>();
    for (const event of events) {
      const caseId = CASELOAD_EVENT_TYPES.has(event.type) ? caseIdOfStream(event.streamId) : null;
      if (caseId === null) continue;
      const caseEvents = byCase.get(caseId);
      if (caseEvents === undefined) byCase.set(caseId, [event]);
      else caseEvents.push(event);
    }
    const lastContacts = new Map<string, CalendarDate>();
    for (const [caseId, caseEvents] of byCase) {
      if (!caseEvents.every((event) => event.type === 'CounsellingSessionHeld')) continue;
      lastContacts.set(caseId, caseEvents.map((event) => (event.data as CounsellingSessionHeld['data']).heldOn).reduce((a, b) => (a >= b ? a : b)));
      byCase.delete(caseId);
    }

    const rows = new Map<string, CaseloadRow>();
    const unknown: string[] = [];
    for (const caseId of byCase.keys()) {
      const known = memory?.get(caseId);
      if (known === undefined) unknown.push(caseId);
      else rows.set(caseId, known);
    }
    for (const row of await loadCaseloadRowsForFolding(trx, schema, unknown)) rows.set(row.caseId, row);
    const existing = new Set(rows.keys());
    const changed = new Set<string>();
    const erasedClients = new Set<string>();
    for (const [caseId, caseEvents] of byCase) {
      for (const event of caseEvents) {
        const before = rows.get(caseId) ?? null;
        const after = evolveCaseloadRow(before, event);
        if (after !== null && after !== before) {
          rows.set(caseId, after);
          changed.add(caseId);
        }
        if (event.type === 'ClientDataErased' && before !== null) erasedClients.add((event.data as ClientDataErased['data']).clientId);
      }
    }

    const changedRows = [...changed].map((id) => rows.get(id) as CaseloadRow);
    await saveCaseloadRows(trx, schema, {
      inserted: changedRows.filter((row) => !existing.has(row.caseId)),
      updated: changedRows.filter((row) => existing.has(row.caseId)),
      lastContacts: [...lastContacts].map(([caseId, heldOn]) => ({ caseId, heldOn })),
    });
    // After the rows are written: erasure also covers cases of the client that this batch opened or changed.
    await markClientsErased(trx, schema, [...erasedClients]);
    if (memory !== null) {
      // The rows as written; what they hold of the client decides nothing later and is not written again.
      for (const [caseId, row] of rows) memory.remember(caseId, row);
      for (const [caseId, heldOn] of lastContacts) {
        const known = memory.get(caseId);
        if (known !== undefined && (known.lastContactOn === null || known.lastContactOn < heldOn)) memory.remember(caseId, { ...known, lastContactOn: heldOn });
      }
    }
  }
}
