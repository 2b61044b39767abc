import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { CaseloadRow } from '../../application/caseload/caseload-read-model.port';
import type { CalendarDate } from '../../domain/time/calendar-date.value';
import { arrayColumns, type ColumnValue, columnNames } from '../array-columns.parameter';
import { joinBatchRowsByKey, storedRowsByKey } from '../key-joins.setting';
import { skipStatisticsOf } from '../unsearched-columns.statistics';
import { nextFollowUpOn, urgentFrom } from './caseload.row';

/**
 * The caseload read model in the projection's generation schema: `caseload_cases`, one row per case with what
 * lists filter and sort by, and `caseload_clients`, the client's ciphertext per case. Apart, because the
 * ciphertext is written once and purged on erasure while the case row changes with nearly every event, and
 * each change copies the whole row.
 */
export const CASELOAD_TABLE = 'caseload_cases';
export const CASELOAD_CLIENTS_TABLE = 'caseload_clients';

export function caseloadTable(schema: string): RawBuilder<unknown> {
  return sql.id(schema, CASELOAD_TABLE);
}

function clientsTable(schema: string): RawBuilder<unknown> {
  return sql.id(schema, CASELOAD_CLIENTS_TABLE);
}

/**
 * Dates are `date` columns (range filters, index order); lists a row shows but nobody filters by are JSON.
 * `next_follow_up_on` and `urgent_from` are derived from the row (see `caseload.row.ts`) so the default
 * order and the "overdue" filter can use an index although "today" is only known at query time.
 */
export async function createCaseloadTables(db: Kysely<unknown>, schema: string): Promise<void> {
  // Ids and codes compare byte by byte, not by the database's language (decision 0013).
  const table = caseloadTable(schema);
  // Room on each page for updates that leave indexed columns alone (most events): they stay HOT updates.
  await sql`
    CREATE TABLE ${table} (
      case_id text COLLATE "C" PRIMARY KEY,
      client_id text COLLATE "C" NOT NULL,
      organisation_unit_id text COLLATE "C" NOT NULL,
      district_id text COLLATE "C" NOT NULL,
      case_manager_id text COLLATE "C" NOT NULL,
      phase text COLLATE "C" NOT NULL,
      residence_category text COLLATE "C",
      legal_basis text COLLATE "C",
      permit_valid_until date,
      jurisdiction text COLLATE "C",
      opened_on date NOT NULL,
      closed_on date,
      last_contact_on date,
      next_follow_up_on date,
      urgent_from date,
      open_follow_ups jsonb NOT NULL,
      open_referrals jsonb NOT NULL
    ) WITH (fillfactor = 80)`.execute(db);
  await skipStatisticsOf(db, table, ['open_follow_ups', 'open_referrals']);
  await sql`
    CREATE TABLE ${clientsTable(schema)} (
      case_id text COLLATE "C" PRIMARY KEY,
      client_id text COLLATE "C" NOT NULL,
      client_personal jsonb,
      erased boolean NOT NULL
    )`.execute(db);
  // Erasure applies to every case of the client; new cases look up whether their client was erased before.
  await skipStatisticsOf(db, clientsTable(schema), ['client_personal']);
  await sql`CREATE INDEX ON ${clientsTable(schema)} (client_id)`.execute(db);
  await sql`CREATE INDEX ON ${clientsTable(schema)} (client_id) WHERE erased`.execute(db);
}

/**
 * Open cases of a unit, of a district and of a case manager in the default order, the district's by intake date
 * and by permit expiry: a page is the first entries of one index range, and the total an index-only count.
 * Closed cases are listed rarely and scan. Every query names the district: a unit or manager stays inside it.
 * Created once a new generation has caught up: while it is built, most updates then leave every index alone.
 */
export async function createCaseloadListIndexes(db: Kysely<unknown>, schema: string): Promise<void> {
  const table = caseloadTable(schema);
  const open = sql`WHERE phase <> 'closed'`;
  const index = (name: string, columns: string) =>
    sql`CREATE INDEX IF NOT EXISTS ${sql.id(`caseload_open_${name}`)} ON ${table} (${sql.raw(columns)}) ${open}`.execute(db);
  await index('by_unit', 'district_id, organisation_unit_id, urgent_from, case_id');
  await index('by_district', 'district_id, urgent_from, case_id');
  await index('by_case_manager', 'district_id, case_manager_id, urgent_from, case_id');
  await index('by_intake', 'district_id, opened_on, case_id');
  await index('by_permit_expiry', 'district_id, permit_valid_until');
}

/** The case row's columns with their types and values, for the arrays a batch of rows travels in. */
const COLUMNS: ReadonlyArray<readonly [string, string, (row: CaseloadRow) => ColumnValue]> = [
  ['case_id', 'text', (r) => r.caseId],
  ['client_id', 'text', (r) => r.clientId],
  ['organisation_unit_id', 'text', (r) => r.organisationUnitId],
  ['district_id', 'text', (r) => r.districtId],
  ['case_manager_id', 'text', (r) => r.caseManagerId],
  ['phase', 'text', (r) => r.phase],
  ['residence_category', 'text', (r) => r.residenceCategory],
  ['legal_basis', 'text', (r) => r.legalBasis],
  ['permit_valid_until', 'date', (r) => r.permitValidUntil],
  ['jurisdiction', 'text', (r) => r.jurisdiction],
  ['opened_on', 'date', (r) => r.openedOn],
  ['closed_on', 'date', (r) => r.closedOn],
  ['last_contact_on', 'date', (r) => r.lastContactOn],
  ['next_follow_up_on', 'date', (r) => nextFollowUpOn(r)],
  ['urgent_from', 'date', (r) => urgentFrom(r)],
  ['open_follow_ups', 'jsonb', (r) => JSON.stringify(r.openFollowUps)],
  ['open_referrals', 'jsonb', (r) => JSON.stringify(r.openReferrals)],
];

const CASE_COLUMN_NAMES = columnNames(COLUMNS);

/** What events after the opening change. */
const WORKING_COLUMNS = COLUMNS.filter(([name]) => !['case_id', 'client_id', 'district_id', 'opened_on'].includes(name));

/** The case row's columns; dates as `YYYY-MM-DD` text, which drivers would otherwise turn into instants. */
const SELECT_CASE = sql.raw(
  `m.case_id, m.client_id, m.organisation_unit_id, m.district_id, m.case_manager_id, m.phase,
   m.residence_category, m.legal_basis, to_char(m.permit_valid_until, 'YYYY-MM-DD') AS permit_valid_until, m.jurisdiction,
   to_char(m.opened_on, 'YYYY-MM-DD') AS opened_on, to_char(m.closed_on, 'YYYY-MM-DD') AS closed_on,
   to_char(m.last_contact_on, 'YYYY-MM-DD') AS last_contact_on, m.open_follow_ups, m.open_referrals`,
);

/** What a reader selects from `caseloadFrom(schema)`: the case row with the client's ciphertext. */
export const SELECT_CASELOAD_ROW = sql`${SELECT_CASE}, c.client_personal, c.erased AS client_data_erased`;

/** The case rows (`m`) with their clients (`c`). */
export function caseloadFrom(schema: string): RawBuilder<unknown> {
  return sql`${caseloadTable(schema)} AS m JOIN ${clientsTable(schema)} AS c ON c.case_id = m.case_id`;
}

export interface StoredCaseloadRow {
  case_id: string;
  client_id: string;
  organisation_unit_id: string;
  district_id: string;
  case_manager_id: string;
  phase: CaseloadRow['phase'];
  client_personal: CaseloadRow['clientPersonal'];
  client_data_erased: boolean;
  residence_category: CaseloadRow['residenceCategory'];
  legal_basis: CaseloadRow['legalBasis'];
  permit_valid_until: string | null;
  jurisdiction: CaseloadRow['jurisdiction'];
  opened_on: string;
  closed_on: string | null;
  last_contact_on: string | null;
  open_follow_ups: CaseloadRow['openFollowUps'];
  open_referrals: CaseloadRow['openReferrals'];
}

export function fromStoredCaseloadRow(stored: StoredCaseloadRow): CaseloadRow {
  return {
    caseId: stored.case_id,
    clientId: stored.client_id,
    organisationUnitId: stored.organisation_unit_id,
    districtId: stored.district_id,
    caseManagerId: stored.case_manager_id,
    phase: stored.phase,
    clientPersonal: stored.client_personal,
    clientDataErased: stored.client_data_erased,
    residenceCategory: stored.residence_category,
    legalBasis: stored.legal_basis,
    permitValidUntil: stored.permit_valid_until,
    jurisdiction: stored.jurisdiction,
    openedOn: stored.opened_on,
    closedOn: stored.closed_on,
    lastContactOn: stored.last_contact_on,
    openFollowUps: stored.open_follow_ups,
    openReferrals: stored.open_referrals,
  };
}

/**
 * The case rows of these cases as the projection folds them. The client's part is not read: no event after
 * the opening changes it except an erasure, which `markClientsErased` writes (it reads as none here).
 */
export async function loadCaseloadRowsForFolding(db: Kysely<unknown>, schema: string, caseIds: readonly string[]): Promise<CaseloadRow[]> {
  if (caseIds.length === 0) return [];
  const result = await sql<StoredCaseloadRow>`
    SELECT ${SELECT_CASE}, NULL AS client_personal, false AS client_data_erased
    FROM ${storedRowsByKey(caseloadTable(schema), 'm', 'case_id', caseIds)}`.execute(db);
  return result.rows.map(fromStoredCaseloadRow);
}

/**
 * A batch's new and changed cases in one statement, whatever their number: each set travels as one array per
 * column. A case listed for a client erased before arrives erased (the command path cannot seal data for such a
 * client, but the read model does not rely on it), so any batching of the log gives the same rows.
 */
export async function saveCaseloadRows(
  db: Kysely<unknown>,
  schema: string,
  rows: {
    inserted: readonly CaseloadRow[];
    updated: readonly CaseloadRow[];
    /** Cases that only had sessions: their last contact moves forward, nothing else changes. */
    lastContacts: ReadonlyArray<{ caseId: string; heldOn: CalendarDate }>;
  },
): Promise<void> {
  const parts: RawBuilder<unknown>[] = [];
  if (rows.inserted.length > 0) parts.push(...insertions(schema, rows.inserted));
  if (rows.updated.length > 0) parts.push(update(schema, rows.updated));
  if (rows.lastContacts.length > 0) parts.push(lastContactUpdate(schema, rows.lastContacts));
  if (parts.length === 0) return;
  const steps = parts.map((part, index) => sql`${sql.raw(`step_${index}`)} AS (${part})`);
  await joinBatchRowsByKey(db);
  await sql`WITH ${sql.join(steps, sql`, `)} SELECT 1`.execute(db);
}

function insertions(schema: string, rows: readonly CaseloadRow[]): RawBuilder<unknown>[] {
  const clients = arrayColumns(rows, [
    ['case_id', 'text', (r) => r.caseId],
    ['client_id', 'text', (r) => r.clientId],
    ['client_personal', 'jsonb', (r) => (r.clientPersonal === null ? null : JSON.stringify(r.clientPersonal))],
    ['erased', 'boolean', (r) => r.clientDataErased],
  ]);
  const table = clientsTable(schema);
  return [
    sql`INSERT INTO ${caseloadTable(schema)} (${CASE_COLUMN_NAMES})
      SELECT ${CASE_COLUMN_NAMES} FROM unnest(${arrayColumns(rows, COLUMNS)}) AS r(${CASE_COLUMN_NAMES})`,
    sql`INSERT INTO ${table} (case_id, client_id, client_personal, erased)
      SELECT r.case_id, r.client_id, CASE WHEN before.erased THEN NULL ELSE r.client_personal END, r.erased OR before.erased
      FROM unnest(${clients}) AS r(case_id, client_id, client_personal, erased)
      CROSS JOIN LATERAL (SELECT EXISTS (SELECT 1 FROM ${table} AS e WHERE e.client_id = r.client_id AND e.erased) AS erased) AS before`,
  ];
}

/** The working columns only: nothing else changes after the opening. */
function update(schema: string, rows: readonly CaseloadRow[]): RawBuilder<unknown> {
  const columns = [COLUMNS[0], ...WORKING_COLUMNS];
  const assignments = sql.raw(WORKING_COLUMNS.map(([name]) => `${name} = r.${name}`).join(', '));
  return sql`UPDATE ${caseloadTable(schema)} AS t SET ${assignments}
    FROM unnest(${arrayColumns(rows, columns)}) AS r(${columnNames(columns)})
    WHERE t.case_id = r.case_id`;
}

/** GREATEST ignores NULL: the first session sets the last contact, and an earlier one recorded later changes nothing. */
function lastContactUpdate(schema: string, contacts: ReadonlyArray<{ caseId: string; heldOn: CalendarDate }>): RawBuilder<unknown> {
  const records = arrayColumns(contacts, [
    ['case_id', 'text', (c) => c.caseId],
    ['held_on', 'date', (c) => c.heldOn],
  ]);
  return sql`UPDATE ${caseloadTable(schema)} AS t SET last_contact_on = GREATEST(t.last_contact_on, r.held_on)
    FROM unnest(${records}) AS r(case_id, held_on)
    WHERE t.case_id = r.case_id`;
}

/** Erasure destroys the client's key for all of their cases, not only the one whose stream recorded it. */
export async function markClientsErased(db: Kysely<unknown>, schema: string, clientIds: readonly string[]): Promise<void> {
  if (clientIds.length === 0) return;
  await sql`
    UPDATE ${clientsTable(schema)} SET client_personal = NULL, erased = true
    WHERE client_id = ANY (${[...clientIds]}::text[]) AND NOT erased`.execute(db);
}
