import { type Kysely, type RawBuilder, sql } from 'kysely';
import { skipStatisticsOf } from '../unsearched-columns.statistics';

/**
 * The funding report's read model, in the projection's generation schema. Nothing personal: codes, dates,
 * counts, and the pseudonymous ids that join a case's facts.
 *
 * - `cases`: per case what extraction carries from event to event (unit, case manager, when it was last
 *   recorded, goals' life areas). Nearly every event changes it, so it is narrow and has room for HOT updates.
 * - `timelines`: each case's timeline as recorded so far, as JSON text (only the projection reads it back);
 *   written only when it changed, which most events (sessions) do not.
 * - `case_versions`: the case's timeline after every event that changed it, with the time it was recorded
 *   and the time the next version replaced it, so "as recorded before T" is one row per case.
 * - one table per kind of occurrence (sessions, referrals and their outcomes, goals, service gaps,
 *   jurisdiction changes): what the report counts with SQL, never read row by row.
 */
export const FUNDING_REPORT_TABLES = {
  cases: 'funding_report_cases',
  timelines: 'funding_report_case_timelines',
  versions: 'funding_report_case_versions',
  sessions: 'funding_report_sessions',
  referrals: 'funding_report_referrals',
  outcomes: 'funding_report_referral_outcomes',
  goals: 'funding_report_goals',
  serviceGaps: 'funding_report_service_gaps',
  jurisdictionChanges: 'funding_report_jurisdiction_changes',
} as const;

export type FundingReportTable = keyof typeof FUNDING_REPORT_TABLES;
export type OccurrenceTable = Exclude<FundingReportTable, 'cases' | 'timelines' | 'versions'>;

export function tableIn(schema: string, table: FundingReportTable): RawBuilder<unknown> {
  return sql.id(schema, FUNDING_REPORT_TABLES[table]);
}

/** Every occurrence table starts with these: the case, its order, where and when it was recorded. */
const OCCURRENCE_COLUMNS = `
  case_id text COLLATE "C" NOT NULL,
  revision integer NOT NULL,
  district_id text COLLATE "C" NOT NULL,
  organisation_unit_id text COLLATE "C" NOT NULL,
  recorded_at timestamptz NOT NULL,
  occurred_at timestamptz NOT NULL,
  fact_on date NOT NULL`;

export async function createFundingReportTables(db: Kysely<unknown>, schema: string): Promise<void> {
  // Ids and codes compare byte by byte, not by the database's language (decision 0013).
  const t = (table: FundingReportTable) => tableIn(schema, table);
  const occurrence = (table: FundingReportTable, columns: string) =>
    sql`CREATE TABLE ${t(table)} (${sql.raw(OCCURRENCE_COLUMNS)}, ${sql.raw(columns)})`.execute(db);

  await sql`
    CREATE TABLE ${t('cases')} (
      case_id text COLLATE "C" PRIMARY KEY,
      client_id text COLLATE "C" NOT NULL,
      district_id text COLLATE "C" NOT NULL,
      organisation_unit_id text COLLATE "C" NOT NULL,
      case_manager_id text COLLATE "C" NOT NULL,
      last_recorded_at bigint NOT NULL,
      goal_life_areas text NOT NULL
    ) WITH (fillfactor = 70)`.execute(db);
  await sql`CREATE TABLE ${t('timelines')} (case_id text COLLATE "C" PRIMARY KEY, timeline text NOT NULL)`.execute(db);
  await sql`
    CREATE TABLE ${t('versions')} (
      case_id text COLLATE "C" NOT NULL,
      revision integer NOT NULL,
      district_id text COLLATE "C" NOT NULL,
      organisation_unit_id text COLLATE "C" NOT NULL,
      recorded_at timestamptz NOT NULL,
      superseded_at timestamptz,
      fact_kind text COLLATE "C" NOT NULL,
      fact_on date NOT NULL,
      corrects_status boolean NOT NULL,
      opened_on date NOT NULL,
      closed_since date,
      timeline text NOT NULL
    )`.execute(db);
  await skipStatisticsOf(db, t('versions'), ['timeline']);
  // Each batch marks the latest version of the cases it gives new ones as superseded. Without this index the
  // planner of a table never analysed joins by scanning every version (3.7 of 22 s of a rebuild's statements).
  await sql`CREATE INDEX ${sql.id(`${FUNDING_REPORT_TABLES.versions}_latest`)} ON ${t('versions')} (case_id) WHERE superseded_at IS NULL`.execute(db);

  await occurrence('sessions', 'client_id text COLLATE "C" NOT NULL, format text NOT NULL, minutes integer NOT NULL, with_interpreter boolean NOT NULL, household_members integer NOT NULL');
  await occurrence('referrals', 'referral_id text COLLATE "C" NOT NULL, institution_type text NOT NULL');
  await occurrence('outcomes', 'referral_id text COLLATE "C" NOT NULL, outcome text NOT NULL');
  await occurrence('goals', "kind text NOT NULL CHECK (kind IN ('goal_agreed', 'goal_closed')), life_area text NOT NULL, outcome text");
  await occurrence('serviceGaps', 'life_area text NOT NULL, clients_affected integer NOT NULL');
  await occurrence('jurisdictionChanges', 'from_jurisdiction text, to_jurisdiction text NOT NULL');
}

/**
 * What reports select by, and what keeps facts unique; created once a new generation has caught up, as no batch
 * reads through them. In two lanes of about equal cost, each a connection of its own, beside the audit trail's
 * two: one after the other, the funding report's builds were the last 1.3 s of a rebuild of all, with one core
 * idle.
 */
export async function createFundingReportIndexes(db: Kysely<unknown>, schema: string): Promise<void> {
  const index = (table: FundingReportTable, name: string, definition: string) =>
    sql`CREATE INDEX IF NOT EXISTS ${sql.id(`${FUNDING_REPORT_TABLES[table]}_${name}`)} ON ${tableIn(schema, table)} ${sql.raw(definition)}`.execute(db);
  // Each fact once per case and revision. While a generation is built, the runner's checkpoint alone keeps each
  // event once, and one sorted build at the end is cheaper than keeping these up to date row by row.
  const unique = (table: FundingReportTable) =>
    sql`CREATE UNIQUE INDEX IF NOT EXISTS ${sql.id(`${FUNDING_REPORT_TABLES[table]}_case_revision_key`)}
      ON ${tableIn(schema, table)} (case_id, revision)`.execute(db);
  const sessionsAndVersions = async () => {
    await unique('sessions');
    await index('sessions', 'on', '(district_id, fact_on)');
    await index('sessions', 'recorded', '(district_id, recorded_at)');
    // A report reads the versions current at its cut-off: mostly the latest of each case (never superseded).
    await index('versions', 'current', '(district_id, opened_on) WHERE superseded_at IS NULL');
    await index('versions', 'superseded', '(district_id, superseded_at)');
    await index('versions', 'recorded', '(district_id, recorded_at)');
  };
  const otherFacts = async () => {
    for (const table of ['versions', 'referrals', 'outcomes', 'goals', 'serviceGaps', 'jurisdictionChanges'] as const) await unique(table);
    for (const table of ['referrals', 'goals', 'serviceGaps', 'jurisdictionChanges'] as const) {
      // Period reports select by date; the comparison by recording time.
      await index(table, 'on', '(district_id, fact_on)');
      await index(table, 'recorded', '(district_id, recorded_at)');
    }
    await index('outcomes', 'referral', '(case_id, referral_id, revision)');
    await index('outcomes', 'recorded', '(district_id, recorded_at)');
  };
  await Promise.all([sessionsAndVersions(), otherFacts()]);
}
