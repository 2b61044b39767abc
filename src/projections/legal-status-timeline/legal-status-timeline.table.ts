import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { TimelineEntryRecord } from '../../application/legal-status-timeline/legal-status-timeline-read-model.port';
import { arrayColumns } from '../array-columns.parameter';
import { joinBatchRowsByKey } from '../key-joins.setting';
import { skipStatisticsOf } from '../unsearched-columns.statistics';

/**
 * The legal-status timeline read model: the facts about a client's residence status and benefit jurisdiction,
 * one row per event as recorded, plus each case's scope for the access check. Nothing here is personal data:
 * these events carry none (see the personal-data registry), and a correction contributes only its status.
 */
export const TIMELINE_CASES_TABLE = 'legal_status_cases';
export const TIMELINE_ENTRIES_TABLE = 'legal_status_entries';

export interface TimelineCaseScope {
  caseId: string;
  organisationUnitId: string;
  districtId: string;
}

export function timelineTable(schema: string, table: typeof TIMELINE_CASES_TABLE | typeof TIMELINE_ENTRIES_TABLE): RawBuilder<unknown> {
  return sql.id(schema, table);
}

export async function createTimelineTables(db: Kysely<unknown>, schema: string): Promise<void> {
  // Ids and codes compare byte by byte, not by the database's language (decision 0013).
  await sql`
    CREATE TABLE ${timelineTable(schema, TIMELINE_CASES_TABLE)} (
      case_id text COLLATE "C" PRIMARY KEY,
      organisation_unit_id text COLLATE "C" NOT NULL,
      district_id text COLLATE "C" NOT NULL
    )`.execute(db);
  // The primary key is also the one access path: all entries of one case in recorded order.
  await sql`
    CREATE TABLE ${timelineTable(schema, TIMELINE_ENTRIES_TABLE)} (
      case_id text COLLATE "C" NOT NULL,
      revision bigint NOT NULL,
      event_id text COLLATE "C" NOT NULL,
      kind text COLLATE "C" NOT NULL,
      recorded_at text NOT NULL,
      record jsonb NOT NULL,
      PRIMARY KEY (case_id, revision)
    )`.execute(db);
  await skipStatisticsOf(db, timelineTable(schema, TIMELINE_ENTRIES_TABLE), ['record']);
}

/** A fact to keep; `caseOpenedInBatch` says its case's opening came earlier in the same batch. */
export type TimelineEntryToSave = TimelineEntryRecord & { caseOpenedInBatch: boolean };

/**
 * A batch in one statement: new cases, reassignments of earlier cases, and the facts. A fact of a case not
 * opened in the batch is kept only if the case was opened before: like the domain's fold, nothing counts
 * before a case's opening.
 */
export async function saveTimelineBatch(
  db: Kysely<unknown>,
  schema: string,
  batch: { opened: readonly TimelineCaseScope[]; moved: ReadonlyArray<{ caseId: string; organisationUnitId: string }>; entries: readonly TimelineEntryToSave[] },
): Promise<void> {
  const cases = timelineTable(schema, TIMELINE_CASES_TABLE);
  const steps: RawBuilder<unknown>[] = [];
  if (batch.opened.length > 0) {
    const records = arrayColumns(batch.opened, [
      ['case_id', 'text', (c) => c.caseId],
      ['organisation_unit_id', 'text', (c) => c.organisationUnitId],
      ['district_id', 'text', (c) => c.districtId],
    ]);
    steps.push(sql`INSERT INTO ${cases} (case_id, organisation_unit_id, district_id)
      SELECT case_id, organisation_unit_id, district_id FROM unnest(${records}) AS r(case_id, organisation_unit_id, district_id)
      ON CONFLICT (case_id) DO NOTHING`);
  }
  if (batch.moved.length > 0) {
    // A reassignment moves the case within its district; the district never changes.
    const records = arrayColumns(batch.moved, [
      ['case_id', 'text', (m) => m.caseId],
      ['organisation_unit_id', 'text', (m) => m.organisationUnitId],
    ]);
    steps.push(sql`UPDATE ${cases} AS c SET organisation_unit_id = r.organisation_unit_id
      FROM unnest(${records}) AS r(case_id, organisation_unit_id)
      WHERE c.case_id = r.case_id`);
  }
  if (batch.entries.length > 0) {
    const records = arrayColumns(batch.entries, [
      ['case_id', 'text', (e) => e.caseId],
      ['revision', 'bigint', (e) => e.revision],
      ['event_id', 'text', (e) => e.eventId],
      ['kind', 'text', (e) => e.kind],
      ['recorded_at', 'text', (e) => e.recordedAt],
      ['record', 'jsonb', (e) => JSON.stringify(e.record)],
      ['opened_in_batch', 'boolean', (e) => e.caseOpenedInBatch],
    ]);
    // `OFFSET 0` keeps the check a lookup by key per entry: without it the planner may turn it into a hash of
    // every stored case, built again for each batch (25,000 cases read for a batch's few hundred entries).
    steps.push(sql`INSERT INTO ${timelineTable(schema, TIMELINE_ENTRIES_TABLE)} (case_id, revision, event_id, kind, recorded_at, record)
      SELECT case_id, revision, event_id, kind, recorded_at, record
      FROM unnest(${records}) AS r(case_id, revision, event_id, kind, recorded_at, record, opened_in_batch)
      WHERE r.opened_in_batch OR EXISTS (SELECT 1 FROM ${cases} AS c WHERE c.case_id = r.case_id OFFSET 0)`);
  }
  if (steps.length === 0) return;
  await joinBatchRowsByKey(db);
  await sql`WITH ${sql.join(steps.map((step, index) => sql`${sql.raw(`step_${index}`)} AS (${step})`), sql`, `)} SELECT 1`.execute(db);
}
