import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { AuditTrailEntry, AuditTrailFilter, AuditTrailPage } from '../../application/audit/audit-trail.port';
import { type CopyColumns, copyRows } from '../copy-rows.statement';
import type { AuditTrailRecord } from './audit-trail.entry';

export const AUDIT_TRAIL_TABLE = 'audit_trail';
/** The district of every case seen so far: later events and reads of the case do not name it. */
export const AUDIT_TRAIL_CASES_TABLE = 'audit_trail_cases';

const table = (schema: string): RawBuilder<unknown> => sql.id(schema, AUDIT_TRAIL_TABLE);
const casesTable = (schema: string): RawBuilder<unknown> => sql.id(schema, AUDIT_TRAIL_CASES_TABLE);

/**
 * `seq` is the order the runner applied the events in, which is the log's order: "newest first" and the page
 * cursor use it, since clocks of several servers need not agree. The search indexes come once a new
 * generation has caught up (`createAuditTrailSearchIndexes`).
 */
export async function createAuditTrailTables(db: Kysely<unknown>, schema: string): Promise<void> {
  // Ids and codes compare byte by byte, not by the database's language (decision 0013).
  await sql`
    CREATE TABLE ${table(schema)} (
      seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      event_id uuid NOT NULL,
      stream_id text COLLATE "C" NOT NULL,
      revision bigint NOT NULL,
      case_id text COLLATE "C" NOT NULL,
      case_district_id text COLLATE "C",
      event_type text COLLATE "C" NOT NULL,
      access_kind text COLLATE "C",
      summary text NOT NULL,
      actor_user_id text COLLATE "C" NOT NULL,
      actor_role text COLLATE "C" NOT NULL,
      actor_organisation_unit_id text COLLATE "C",
      actor_district_id text COLLATE "C",
      occurred_at text NOT NULL,
      recorded_at timestamptz,
      reason text,
      reason_sealed boolean NOT NULL,
      revealed json
    )`.execute(db);
  await sql`CREATE TABLE ${casesTable(schema)} (case_id text COLLATE "C" PRIMARY KEY, district_id text COLLATE "C" NOT NULL)`.execute(db);
}

/**
 * Each search criterion's index, in `seq` order, and the one that keeps each event once; named as PostgreSQL
 * names them, which earlier builds relied on. The event ids are random: keeping their index up to date row by row
 * cost a quarter of the insert while a generation is built (200,000 rows: 3.4 against 2.5 s of server CPU).
 * Built in two lanes of about equal cost, each a connection of its own: a build is CPU-bound, and PostgreSQL's
 * parallel worker helps it only while it reads and sorts, not while it merges and writes the index (a million
 * rows: 0.5-1.3 s per index; the seven one after the other were the last 5.5 s of a rebuild of all).
 */
export async function createAuditTrailSearchIndexes(db: Kysely<unknown>, schema: string): Promise<void> {
  const index = (name: string, definition: RawBuilder<unknown>) =>
    sql`CREATE INDEX IF NOT EXISTS ${sql.id(`${AUDIT_TRAIL_TABLE}_${name}`)} ON ${table(schema)} ${definition}`.execute(db);
  const eventsAndCases = async () => {
    await sql`CREATE UNIQUE INDEX IF NOT EXISTS ${sql.id(`${AUDIT_TRAIL_TABLE}_event_id_key`)} ON ${table(schema)} (event_id)`.execute(db);
    await index('case_id_seq_idx', sql`(case_id, seq)`);
    await index('event_type_seq_idx', sql`(event_type, seq)`);
  };
  const actorsDistrictsAndTimes = async () => {
    await index('actor_user_id_seq_idx', sql`(actor_user_id, seq)`);
    await index('access_kind_seq_idx', sql`(access_kind, seq) WHERE access_kind IS NOT NULL`);
    await index('case_district_id_seq_idx', sql`(case_district_id, seq)`);
    await index('recorded_at_idx', sql`(recorded_at)`);
  };
  await Promise.all([eventsAndCases(), actorsDistrictsAndTimes()]);
}

export async function loadCaseDistricts(db: Kysely<unknown>, schema: string, caseIds: readonly string[]): Promise<Map<string, string>> {
  if (caseIds.length === 0) return new Map();
  const result = await sql<{ case_id: string; district_id: string }>`
    SELECT case_id, district_id FROM ${casesTable(schema)} WHERE case_id = ANY(${[...caseIds]}::text[])`.execute(db);
  return new Map(result.rows.map((row) => [row.case_id, row.district_id]));
}

export async function saveCaseDistricts(db: Kysely<unknown>, schema: string, districts: ReadonlyMap<string, string>): Promise<void> {
  if (districts.size === 0) return;
  await sql`
    INSERT INTO ${casesTable(schema)} (case_id, district_id)
    SELECT * FROM unnest(${[...districts.keys()]}::text[], ${[...districts.values()]}::text[])
    ON CONFLICT (case_id) DO NOTHING`.execute(db);
}

/**
 * In the order given, which is the log's; an event already there (a redelivery) is left as it is. The rows go in
 * through COPY (`copyRows`), which the server takes apart about twice as cheaply as arrays (`arrayColumns`).
 * `continuesRun`: the batch continues from the one this projection applied last in an unbroken run of batches
 * (`BatchContext.run`), so none of its events can be stored yet.
 */
export async function insertAuditTrailRecords(
  db: Kysely<unknown>,
  schema: string,
  records: readonly AuditTrailRecord[],
  continuesRun: boolean,
): Promise<void> {
  if (records.length === 0) return;
  // Outside an unbroken run, batches still come in log order and never skip an event, so the events a
  // redelivery repeats lead its batch: when the first is not stored, none is, and the batch goes in unchecked (a
  // check per row doubled the cost of the insert: 200,000 rows, 6.3 against 3.1 s of server CPU). While a generation is built the event
  // ids have no index yet (see `createAuditTrailSearchIndexes`): a run's first batch then scans the table once,
  // and a redelivered one once more to learn which of its events are stored. Only one runner feeds a
  // generation, so nothing else stores them meanwhile.
  const redelivered = !continuesRun && (await isStored(db, schema, records[0].eventId));
  const stored = redelivered ? await storedEventIds(db, schema, records) : null;
  const fresh = stored === null ? records : records.filter((record) => !stored.has(record.eventId.toLowerCase()));
  await copyRows(db, table(schema), fresh, COLUMNS);
}

async function isStored(db: Kysely<unknown>, schema: string, eventId: string): Promise<boolean> {
  const result = await sql`SELECT 1 FROM ${table(schema)} WHERE event_id = ${eventId}::uuid`.execute(db);
  return result.rows.length > 0;
}

async function storedEventIds(db: Kysely<unknown>, schema: string, records: readonly AuditTrailRecord[]): Promise<Set<string>> {
  const result = await sql<{ event_id: string }>`
    SELECT event_id FROM ${table(schema)} WHERE event_id = ANY(${records.map((record) => record.eventId)}::uuid[])`.execute(db);
  return new Set(result.rows.map((row) => row.event_id));
}

const COLUMNS: CopyColumns<AuditTrailRecord> = [
  ['event_id', (r) => r.eventId],
  ['stream_id', (r) => r.streamId],
  ['revision', (r) => r.revision],
  ['case_id', (r) => r.caseId],
  ['case_district_id', (r) => r.caseDistrictId],
  ['event_type', (r) => r.eventType],
  ['access_kind', (r) => r.accessKind],
  ['summary', (r) => r.summary],
  ['actor_user_id', (r) => r.actor.userId],
  ['actor_role', (r) => r.actor.role],
  ['actor_organisation_unit_id', (r) => r.actor.organisationUnitId],
  ['actor_district_id', (r) => r.actor.districtId],
  ['occurred_at', (r) => r.occurredAt],
  ['recorded_at', (r) => validInstant(r.recordedAt)],
  ['reason', (r) => r.reason],
  ['reason_sealed', (r) => r.reasonSealed],
  ['revealed', (r) => (r.revealed === null ? null : JSON.stringify(r.revealed))],
];

interface AuditTrailRow {
  seq: string;
  event_id: string;
  stream_id: string;
  revision: string;
  case_id: string;
  event_type: string;
  access_kind: AuditTrailEntry['accessKind'];
  summary: string;
  actor_user_id: string;
  actor_role: string;
  actor_organisation_unit_id: string | null;
  actor_district_id: string | null;
  occurred_at: string;
  recorded_at: Date | string | null;
  reason: string | null;
  reason_sealed: boolean;
  revealed: AuditTrailEntry['revealed'] | string;
}

/** Newest first, one row more than asked for to know whether an older page exists. */
export async function searchAuditTrail(
  db: Kysely<unknown>,
  schema: string,
  filter: AuditTrailFilter,
  page: { limit: number; cursor: string | null },
): Promise<AuditTrailPage> {
  const conditions = [
    filter.caseId === undefined ? null : sql`case_id = ${filter.caseId}`,
    filter.actorUserId === undefined ? null : sql`actor_user_id = ${filter.actorUserId}`,
    filter.eventType === undefined ? null : sql`event_type = ${filter.eventType}`,
    filter.accessKind === undefined ? null : sql`access_kind = ${filter.accessKind}`,
    filter.from === undefined ? null : sql`recorded_at >= ${filter.from}::timestamptz`,
    filter.to === undefined ? null : sql`recorded_at < ${filter.to}::timestamptz`,
    filter.districtId === undefined ? null : sql`case_district_id = ${filter.districtId}`,
    page.cursor === null ? null : sql`seq < ${page.cursor}::bigint`,
  ].filter((condition) => condition !== null);
  const where = conditions.length === 0 ? sql`` : sql`WHERE ${sql.join(conditions, sql` AND `)}`;
  const result = await sql<AuditTrailRow>`
    SELECT * FROM ${table(schema)} ${where} ORDER BY seq DESC LIMIT ${page.limit + 1}`.execute(db);
  const rows = result.rows.slice(0, page.limit);
  return {
    entries: rows.map(toEntry),
    nextCursor: result.rows.length > page.limit ? String(rows[rows.length - 1].seq) : null,
  };
}

function toEntry(row: AuditTrailRow): AuditTrailEntry {
  return {
    eventId: row.event_id,
    streamId: row.stream_id,
    revision: Number(row.revision),
    caseId: row.case_id,
    eventType: row.event_type,
    accessKind: row.access_kind,
    summary: row.summary,
    actor: {
      userId: row.actor_user_id,
      role: row.actor_role,
      organisationUnitId: row.actor_organisation_unit_id,
      districtId: row.actor_district_id,
    },
    occurredAt: row.occurred_at,
    recordedAt: row.recorded_at === null ? null : new Date(row.recorded_at).toISOString(),
    reason: row.reason,
    reasonSealed: row.reason_sealed,
    revealed: typeof row.revealed === 'string' ? JSON.parse(row.revealed) : row.revealed,
  };
}

/** The store's clock wrote it; a row altered by hand must not stop the projection, so it becomes null. */
function validInstant(value: string | null): string | null {
  return value !== null && Number.isFinite(Date.parse(value)) ? value : null;
}
