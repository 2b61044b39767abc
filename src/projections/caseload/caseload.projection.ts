import type { Kysely, Transaction } from 'kysely';
import { caseIdOfStream } from '../../application/cases/case-stream';
import { CASELOAD_PROJECTION, type CaseloadRow } from '../../application/caseload/caseload-read-model.port';
import type { RecordedEvent } from '../../application/ports/event-store.port';
import type { ClientDataErased, CounsellingSessionHeld } from '../../domain/case/case.events';
import type { CalendarDate } from '../../domain/time/calendar-date.value';
import type { Projection } from '../projection';
import { CASELOAD_EVENT_TYPES, evolveCaseloadRow } from './caseload.row';
import { createCaseloadListIndexes, createCaseloadTables, loadCaseloadRowsForFolding, markClientsErased, saveCaseloadRows } from './caseload.table';

/**
 * The caseloads: one row per case with what a case manager's or the coordination's working list filters and
 * sorts by. A batch is folded in memory (read the touched rows, fold, write each once), so a rebuild costs two
 * statements per batch instead of one per event. Counselling sessions, the most frequent event, only move the
 * last contact forward: a case with nothing else in the batch is updated without being read.
 */
export class CaseloadProjection implements Projection {
  readonly name = CASELOAD_PROJECTION;
  readonly version = 1;

  async setup(db: Kysely<unknown>, schema: string): Promise<void> {
    await createCaseloadTables(db, schema);
  }

  async createReadIndexes(db: Kysely<unknown>, schema: string): Promise<void> {
    await createCaseloadListIndexes(db, schema);
  }

  async apply(trx: Transaction<unknown>, schema: string, events: readonly RecordedEvent[]): Promise<void> {
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
    for (const row of await loadCaseloadRowsForFolding(trx, schema, [...byCase.keys()])) rows.set(row.caseId, row);
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
  }
}
