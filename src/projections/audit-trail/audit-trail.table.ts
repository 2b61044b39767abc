import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { AuditTrailEntry, AuditTrailFilter, AuditTrailPage } from '../../application/audit/audit-trail.port';
import { CASE_ACCESS_STREAM_PREFIX, CASE_STREAM_PREFIX } from '../../application/cases/case-stream';
import { parseInstant } from '../../domain/time/instant.value';
import type { BinaryCopyWriter } from '../binary-copy.writer';
import { copyRows } from '../copy-rows.statement';
import { storedRowsByKey } from '../key-joins.setting';
import { skipStatisticsOf } from '../unsearched-columns.statistics';
import type { AuditTrailRecord } from './audit-trail.entry';
import { AuditTrailNameCodes, type BatchCodes, createAuditTrailNames, lookUpCodes, type NameKind, namesJoin } from './audit-trail.names';

export const AUDIT_TRAIL_TABLE = 'audit_trail';
/** The district of every case seen so far: later events and reads of the case do not name it. */
export const AUDIT_TRAIL_CASES_TABLE = 'audit_trail_cases';

const table = (schema: string): RawBuilder<unknown> => sql.id(schema, AUDIT_TRAIL_TABLE);
const casesTable = (schema: string): RawBuilder<unknown> => sql.id(schema, AUDIT_TRAIL_CASES_TABLE);

/**
 * `seq` is the order the runner applied the events in, which is the log's order: "newest first" and the page
 * cursor use it, since clocks of several servers need not agree. The stream is the case's own or its access
 * stream (`in_access_stream`): its name follows from the case, and every byte less in a row is one less in each
 * of the eight index builds that scan the table; so are the names a search selects by, as their codes
 * (`audit-trail.names.ts`). `recorded_max` is the latest `recorded_at` of this row and all before it, so it never
 * falls as `seq` rises: a time range's rows lie between two positions that its index finds at once
 * (`searchAuditTrail`). The search indexes come once a new generation has caught up (`createAuditTrailSearchIndexes`).
 */
export async function createAuditTrailTables(db: Kysely<unknown>, schema: string): Promise<void> {
  // Ids and codes compare byte by byte, not by the database's language (decision 0013).
  await sql`
    CREATE TABLE ${table(schema)} (
      seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      event_id uuid NOT NULL,
      in_access_stream boolean NOT NULL,
      revision bigint NOT NULL,
      case_code integer NOT NULL,
      case_district_code integer,
      event_type_code integer NOT NULL,
      access_kind text COLLATE "C",
      summary text NOT NULL,
      actor_code integer NOT NULL,
      actor_role text COLLATE "C" NOT NULL,
      actor_organisation_unit_id text COLLATE "C",
      actor_district_id text COLLATE "C",
      occurred_at text NOT NULL,
      recorded_at timestamptz,
      recorded_max timestamptz,
      reason text,
      reason_sealed boolean NOT NULL,
      revealed json
    )`.execute(db);
  await skipStatisticsOf(db, table(schema), ['summary', 'actor_role', 'actor_organisation_unit_id', 'actor_district_id', 'occurred_at', 'reason', 'revealed']);
  await sql`CREATE TABLE ${casesTable(schema)} (case_id text COLLATE "C" PRIMARY KEY, district_id text COLLATE "C" NOT NULL)`.execute(db);
  await createAuditTrailNames(db, schema);
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
    await index('case_code_seq_idx', sql`(case_code, seq)`);
    await index('event_type_code_seq_idx', sql`(event_type_code, seq)`);
  };
  const actorsDistrictsAndTimes = async () => {
    await index('actor_code_seq_idx', sql`(actor_code, seq)`);
    await index('access_kind_seq_idx', sql`(access_kind, seq) WHERE access_kind IS NOT NULL`);
    await index('case_district_code_seq_idx', sql`(case_district_code, seq)`);
    await index('recorded_max_seq_idx', sql`(recorded_max, seq)`);
    // The rows recorded before one already stored (about 8 % of the benchmark's log, by at most 56 ms).
    await index('recorded_late_idx', sql`(recorded_at, seq) WHERE recorded_at <> recorded_max`);
  };
  await Promise.all([eventsAndCases(), actorsDistrictsAndTimes()]);
}

export async function loadCaseDistricts(db: Kysely<unknown>, schema: string, caseIds: readonly string[]): Promise<Map<string, string>> {
  if (caseIds.length === 0) return new Map();
  const result = await sql<{ case_id: string; district_id: string }>`
    SELECT c.case_id, c.district_id FROM ${storedRowsByKey(casesTable(schema), 'c', 'case_id', caseIds)}`.execute(db);
  return new Map(result.rows.map((row) => [row.case_id, row.district_id]));
}

export async function saveCaseDistricts(db: Kysely<unknown>, schema: string, districts: ReadonlyMap<string, string>): Promise<void> {
  if (districts.size === 0) return;
  await sql`
    INSERT INTO ${casesTable(schema)} (case_id, district_id)
    SELECT * FROM unnest(${[...districts.keys()]}::text[], ${[...districts.values()]}::text[])
    ON CONFLICT (case_id) DO NOTHING`.execute(db);
}

/** Where an unbroken run of batches (`BatchContext.run`) left the audit trail: what its next batch continues from. */
export interface AuditTrailRunPosition {
  /** `recorded_max` of the last row stored, in milliseconds since the epoch; null while no row has a valid time. */
  recordedMax: number | null;
  /** The codes of names the run has stored or read. */
  names: AuditTrailNameCodes;
}

/**
 * In the order given, which is the log's; an event already there (a redelivery) is left as it is. The rows go in
 * through COPY (`copyRows`), which the server takes apart about twice as cheaply as arrays (`arrayColumns`).
 * `run`: where the batch before this one in an unbroken run of batches left off, so none of its events can be
 * stored yet; null for the first batch of a run. Returns where this batch leaves off.
 */
export async function insertAuditTrailRecords(
  db: Kysely<unknown>,
  schema: string,
  records: readonly AuditTrailRecord[],
  run: AuditTrailRunPosition | null,
): Promise<AuditTrailRunPosition | null> {
  if (records.length === 0) return run;
  // Outside an unbroken run, batches still come in log order and never skip an event, so the events a
  // redelivery repeats lead its batch: when the first is not stored, none is, and the batch goes in unchecked (a
  // check per row doubled the cost of the insert: 200,000 rows, 6.3 against 3.1 s of server CPU). While a generation is built the event
  // ids have no index yet (see `createAuditTrailSearchIndexes`): a run's first batch then scans the table once,
  // and a redelivered one once more to learn which of its events are stored. Only one runner feeds a
  // generation, so nothing else stores them meanwhile.
  const redelivered = run === null && (await isStored(db, schema, records[0].eventId));
  const stored = redelivered ? await storedEventIds(db, schema, records) : null;
  const fresh = stored === null ? records : records.filter((record) => !stored.has(record.eventId.toLowerCase()));
  const names = run?.names ?? new AuditTrailNameCodes();
  const codes = await names.codesOf(db, schema, {
    case: fresh.map((record) => record.caseId),
    event_type: fresh.map((record) => record.eventType),
    actor: fresh.map((record) => record.actor.userId),
    district: fresh.map((record) => record.caseDistrictId),
  });
  // What is stored is a prefix of the log, so the fresh rows continue the running maximum of its last row.
  const { rows, recordedMax } = storedRecords(fresh, codes, run === null ? await lastRecordedMax(db, schema) : run.recordedMax);
  await copyRows(db, table(schema), COLUMNS, rows, writeRow);
  return { recordedMax, names };
}

/** A record as its row stores it: its names' codes, the time it was recorded if valid, and the latest such time up to it. */
interface StoredRecord {
  record: AuditTrailRecord;
  /** Microseconds since the epoch, as PostgreSQL reads the recorded instant's text. */
  recordedAt: number | null;
  /** Microseconds since the epoch, a whole number of milliseconds. */
  recordedMax: number | null;
  caseCode: number;
  eventTypeCode: number;
  actorCode: number;
  caseDistrictCode: number | null;
}

/**
 * A stored time that is not an instant with an offset (a row altered by hand) becomes null: it must not stop the
 * projection, and PostgreSQL would read one without an offset in its session's time zone. Milliseconds are
 * what a JavaScript time holds; PostgreSQL keeps microseconds, so a row recorded with more digits may lie up to
 * 1 ms after its `recorded_max`, which the search allows for.
 */
function storedRecords(records: readonly AuditTrailRecord[], codes: BatchCodes, previous: number | null): { rows: StoredRecord[]; recordedMax: number | null } {
  let max = previous;
  const rows = new Array<StoredRecord>(records.length);
  for (let i = 0; i < records.length; i++) {
    const record = records[i];
    const text = record.recordedAt;
    const at = parseInstant(text);
    if (at !== null && (max === null || at > max)) max = at;
    rows[i] = {
      record,
      recordedAt: at === null ? null : storedMicros(text as string, at),
      recordedMax: max === null ? null : max * 1000,
      caseCode: codes.case[i] as number,
      eventTypeCode: codes.event_type[i] as number,
      actorCode: codes.actor[i] as number,
      caseDistrictCode: codes.district[i],
    };
  }
  return { rows, recordedMax: max };
}

/**
 * The instant `text` (`ms` as `parseInstant` read it) in microseconds, as PostgreSQL reads it from text: a
 * fraction of more than three digits (which `Date.parse` cuts off) rounded half to even to the microsecond.
 */
export function storedMicros(text: string, ms: number): number {
  // The store's own form (`toISOString`) and anything shorter has at most three digits: no search needed.
  if (text.length <= 24) return ms * 1000;
  const fraction = FRACTION.exec(text);
  if (fraction === null || fraction[0].length <= 4) return ms * 1000;
  const micros = Number(fraction[0]) * 1e6;
  let rounded = Math.round(micros);
  if (rounded - micros === 0.5 && rounded % 2 !== 0) rounded -= 1;
  return Math.floor(ms / 1000) * 1_000_000 + rounded;
}

const FRACTION = /\.\d+(?=Z|[+-]\d{2}:\d{2}$)/;

async function lastRecordedMax(db: Kysely<unknown>, schema: string): Promise<number | null> {
  const result = await sql<{ ms: number | string | null }>`
    SELECT (extract(epoch FROM recorded_max) * 1000)::float8 AS ms FROM ${table(schema)} ORDER BY seq DESC LIMIT 1`.execute(db);
  const ms = result.rows[0]?.ms ?? null;
  return ms === null ? null : Number(ms);
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

const COLUMNS = [
  'event_id',
  'in_access_stream',
  'revision',
  'case_code',
  'case_district_code',
  'event_type_code',
  'access_kind',
  'summary',
  'actor_code',
  'actor_role',
  'actor_organisation_unit_id',
  'actor_district_id',
  'occurred_at',
  'recorded_at',
  'recorded_max',
  'reason',
  'reason_sealed',
  'revealed',
];

/** The values of `COLUMNS`, in that order. Names in the envelope may be anything in a row altered by hand (`anyText`). */
function writeRow(writer: BinaryCopyWriter, r: StoredRecord): void {
  const record = r.record;
  writer.uuid(record.eventId);
  writer.bool(record.streamId.startsWith(CASE_ACCESS_STREAM_PREFIX));
  writer.int8(record.revision);
  writer.int4(r.caseCode);
  writer.int4(r.caseDistrictCode);
  writer.int4(r.eventTypeCode);
  writer.text(record.accessKind);
  writer.text(record.summary);
  writer.int4(r.actorCode);
  writer.text(record.actor.role);
  writer.anyText(record.actor.organisationUnitId);
  writer.anyText(record.actor.districtId);
  writer.text(record.occurredAt);
  writer.timestamptz(r.recordedAt);
  writer.timestamptz(r.recordedMax);
  writer.text(record.reason);
  writer.bool(record.reasonSealed);
  writer.text(record.revealed === null ? null : JSON.stringify(record.revealed));
}

/** A found row, its names joined in by their codes (generations before version 4 store the names themselves). */
interface AuditTrailRow {
  seq: string;
  event_id: string;
  /** Generations before version 3 store the stream's name (`stream_id`), later ones whether it is the access stream. */
  in_access_stream?: boolean;
  stream_id?: string;
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

/** Generations from this version of the projection on have `recorded_max`; the reader passes its generation's. */
export const RECORDED_MAX_SINCE_VERSION = 3;
/** Generations from this version on store the names a search selects by as codes (`audit-trail.names.ts`). */
export const NAME_CODES_SINCE_VERSION = 4;

const CODE_COLUMNS: Readonly<Record<NameKind, string>> = {
  case: 'case_code',
  event_type: 'event_type_code',
  actor: 'actor_code',
  district: 'case_district_code',
};
const NAME_COLUMNS_BEFORE_CODES: Readonly<Record<NameKind, string>> = {
  case: 'case_id',
  event_type: 'event_type',
  actor: 'actor_user_id',
  district: 'case_district_id',
};

/** Newest first, one row more than asked for to know whether an older page exists. */
export async function searchAuditTrail(
  db: Kysely<unknown>,
  schema: string,
  filter: AuditTrailFilter,
  page: { limit: number; cursor: string | null },
  generationVersion = NAME_CODES_SINCE_VERSION,
): Promise<AuditTrailPage> {
  const coded = generationVersion >= NAME_CODES_SINCE_VERSION;
  const names = { case: filter.caseId, actor: filter.actorUserId, event_type: filter.eventType, district: filter.districtId };
  const codes = coded ? await lookUpCodes(db, schema, names) : null;
  if (coded && codes === null) return { entries: [], nextCursor: null };
  /** A name's column holds the name itself in older generations, its code from version 4 on. */
  const named = (kind: NameKind): RawBuilder<unknown> | null => {
    const name = names[kind];
    if (name === undefined) return null;
    return codes === null ? sql`${sql.ref(NAME_COLUMNS_BEFORE_CODES[kind])} = ${name}` : sql`${sql.ref(CODE_COLUMNS[kind])} = ${codes[kind]}`;
  };
  const conditions = [
    named('case'),
    named('actor'),
    named('event_type'),
    filter.accessKind === undefined ? null : sql`access_kind = ${filter.accessKind}`,
    filter.from === undefined ? null : sql`recorded_at >= ${filter.from}::timestamptz`,
    filter.to === undefined ? null : sql`recorded_at < ${filter.to}::timestamptz`,
    ...(generationVersion >= RECORDED_MAX_SINCE_VERSION ? recordedBetween(schema, filter) : []),
    named('district'),
    page.cursor === null ? null : sql`seq < ${page.cursor}::bigint`,
  ].filter((condition) => condition !== null);
  const where = conditions.length === 0 ? sql`` : sql`WHERE ${sql.join(conditions, sql` AND `)}`;
  const found = sql`SELECT * FROM ${table(schema)} ${where} ORDER BY seq DESC LIMIT ${page.limit + 1}`;
  const result = await (coded
    ? sql<AuditTrailRow>`
        SELECT t.*, c.name AS case_id, e.name AS event_type, a.name AS actor_user_id FROM (${found}) AS t
        ${namesJoin(schema, 'c', sql.ref('t.case_code'))} ${namesJoin(schema, 'e', sql.ref('t.event_type_code'))} ${namesJoin(schema, 'a', sql.ref('t.actor_code'))}
        ORDER BY t.seq DESC`
    : sql<AuditTrailRow>`${found}`
  ).execute(db);
  const rows = result.rows.slice(0, page.limit);
  return {
    entries: rows.map(toEntry),
    nextCursor: result.rows.length > page.limit ? String(rows[rows.length - 1].seq) : null,
  };
}

/**
 * The positions a time range's rows lie between, so that "newest first" starts at the range's newest row rather
 * than walking back from the newest of all and dropping what is too new (a minute in the middle of the
 * benchmark's log: 380,000 rows dropped, 100 ms). Exact whatever the clocks did:
 * - from: every row of the range has `recorded_max` at or after it (less 1 ms, see `storedRecords`), and
 *   `recorded_max` never falls, so none lies before the first such row;
 * - to: a row whose time is its `recorded_max` lies at or before the last row with `recorded_max` before `to`; a
 *   row recorded before one stored earlier (whose time is not its `recorded_max`) is found in the index of those,
 *   read over the range (`OFFSET 0` keeps the planner from taking the latest of them by walking the primary key
 *   back, the very walk this avoids: 115 against 4 ms for 21,689 such rows in a minute of the benchmark's log).
 * A null bound (no row in range) matches nothing, as it should.
 */
function recordedBetween(schema: string, filter: AuditTrailFilter): RawBuilder<unknown>[] {
  const bounds: RawBuilder<unknown>[] = [];
  if (filter.from !== undefined) {
    bounds.push(sql`seq >= (
      SELECT seq FROM ${table(schema)} WHERE recorded_max >= ${filter.from}::timestamptz - interval '1 millisecond'
      ORDER BY recorded_max, seq LIMIT 1)`);
  }
  if (filter.to !== undefined) {
    const lateFrom = filter.from === undefined ? sql`` : sql`AND recorded_at >= ${filter.from}::timestamptz`;
    bounds.push(sql`seq <= GREATEST(
      (SELECT seq FROM ${table(schema)} WHERE recorded_max < ${filter.to}::timestamptz ORDER BY recorded_max DESC, seq DESC LIMIT 1),
      (SELECT max(seq) FROM (
        SELECT seq FROM ${table(schema)} WHERE recorded_at <> recorded_max AND recorded_at < ${filter.to}::timestamptz ${lateFrom} OFFSET 0) AS late))`);
  }
  return bounds;
}

function toEntry(row: AuditTrailRow): AuditTrailEntry {
  return {
    eventId: row.event_id,
    streamId: row.stream_id ?? `${row.in_access_stream ? CASE_ACCESS_STREAM_PREFIX : CASE_STREAM_PREFIX}${row.case_id}`,
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
