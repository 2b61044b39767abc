import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { InstitutionType, LifeArea, SessionFormat } from '../../domain/case/case.vocabulary';
import type { CaseTimeline } from '../../domain/reporting/case-timeline.fold';
import type { RecordedLater } from '../../domain/reporting/funding-report.comparison';
import type { FundingReportRequest } from '../../domain/reporting/funding-measures.fold';
import { emptyOccurrenceMeasures, type OccurrenceMeasures } from '../../domain/reporting/funding-measures.model';
import type { GoalMeasure, ReferralStatus } from '../../domain/reporting/funding-report.vocabulary';
import type { ReportFactKind } from '../../domain/reporting/report-fact.model';
import type { Jurisdiction } from '../../domain/residence-law/benefit-jurisdiction.vocabulary';
import { decodeTimeline } from './case-timeline.codec';
import { iso } from './funding-report.rows';
import { tableIn, type FundingReportTable } from './funding-report.tables';

/**
 * The read side of the funding report. Each case's timeline as it was recorded at the cut-off (one row per case
 * that can matter to the period); everything that is counted where it happened is aggregated here in SQL, by
 * the same definitions as the domain's `OccurrenceAccumulator` (a property test holds the two together).
 */

/**
 * The timeline of every case of the district that may have been open in the period, as recorded by the
 * cut-off: per case the version recorded last before it. Split in two so each half can use its index: the
 * latest versions (the usual case, a recent cut-off) and versions superseded only after the cut-off.
 */
export async function recordedTimelines(db: Kysely<unknown>, schema: string, request: FundingReportRequest): Promise<CaseTimeline[]> {
  const { period, scope, cutoff } = request;
  const before = iso(cutoff.recordedBefore);
  const versions = tableIn(schema, 'versions');
  const relevant = sql`district_id = ${scope.districtId} AND recorded_at < ${before}::timestamptz
    AND opened_on <= ${period.to}::date AND (closed_since IS NULL OR closed_since >= ${period.from}::date)`;
  const result = await sql<{ timeline: string }>`
    SELECT timeline FROM ${versions} WHERE superseded_at IS NULL AND ${relevant}
    UNION ALL
    SELECT timeline FROM ${versions} WHERE superseded_at >= ${before}::timestamptz AND ${relevant}`.execute(db);
  return result.rows.map((row) => decodeTimeline(row.timeline, scope.districtId));
}

export async function occurrenceMeasures(db: Kysely<unknown>, schema: string, request: FundingReportRequest): Promise<OccurrenceMeasures> {
  const measures = emptyOccurrenceMeasures();
  const where = (alias: string) => inPeriodAndScope(alias, request);
  const table = (name: FundingReportTable) => tableIn(schema, name);
  const [sessions, referrals, goals, gaps, changes] = await Promise.all([
    // One pass over the period's sessions: by form, and per person for the household members reached.
    aggregate(
      db,
      sql<{ format: SessionFormat | null; sessions: number; minutes: number; interpreted: number; reached: number }>`
        WITH grouped AS (
          SELECT format, client_id, count(*) AS sessions, sum(minutes) AS minutes,
                 count(*) FILTER (WHERE with_interpreter) AS interpreted, max(household_members) AS most
          FROM ${table('sessions')} AS s WHERE ${where('s')} GROUP BY GROUPING SETS ((format), (client_id)))
        SELECT format, sessions::int, minutes::int, interpreted::int, 0 AS reached FROM grouped WHERE format IS NOT NULL
        UNION ALL
        SELECT NULL, 0, 0, 0, coalesce(sum(most), 0)::int FROM grouped WHERE client_id IS NOT NULL`,
    ),
    // A referral's status at the end of the period: its first outcome (in stream order) recorded by the cut-off.
    aggregate(
      db,
      sql<{ institution_type: InstitutionType; status: ReferralStatus; referrals: number }>`
        WITH first_outcomes AS (
          SELECT DISTINCT ON (case_id, referral_id) case_id, referral_id, outcome FROM ${table('outcomes')}
          WHERE district_id = ${request.scope.districtId} AND fact_on <= ${request.period.to}::date
            AND recorded_at < ${iso(request.cutoff.recordedBefore)}::timestamptz
          ORDER BY case_id, referral_id, revision)
        SELECT r.institution_type, coalesce(o.outcome, 'open') AS status, count(*)::int AS referrals
        FROM ${table('referrals')} AS r LEFT JOIN first_outcomes AS o ON o.case_id = r.case_id AND o.referral_id = r.referral_id
        WHERE ${where('r')} GROUP BY 1, 2`,
    ),
    aggregate(
      db,
      sql<{ life_area: LifeArea; measure: GoalMeasure; goals: number }>`
        SELECT life_area, CASE WHEN kind = 'goal_agreed' THEN 'agreed' ELSE outcome END AS measure, count(*)::int AS goals
        FROM ${table('goals')} AS g WHERE ${where('g')} GROUP BY 1, 2`,
    ),
    aggregate(
      db,
      sql<{ life_area: LifeArea; reports: number; affected: number }>`
        SELECT life_area, count(*)::int AS reports, sum(clients_affected)::int AS affected
        FROM ${table('serviceGaps')} AS g WHERE ${where('g')} GROUP BY 1`,
    ),
    // The first jurisdiction of a case (from none recorded) is not a change.
    aggregate(
      db,
      sql<{ from_jurisdiction: Jurisdiction; to_jurisdiction: Jurisdiction; changes: number }>`
        SELECT from_jurisdiction, to_jurisdiction, count(*)::int AS changes
        FROM ${table('jurisdictionChanges')} AS j WHERE ${where('j')} AND from_jurisdiction IS NOT NULL GROUP BY 1, 2`,
    ),
  ]);
  for (const row of sessions) {
    if (row.format === null) {
      measures.activity.householdMembersReached = row.reached;
      continue;
    }
    measures.activity.sessionsByFormat[row.format] = row.sessions;
    measures.activity.minutesByFormat[row.format] = row.minutes;
    measures.activity.sessionsWithInterpreter += row.interpreted;
  }
  for (const row of referrals) measures.referrals[row.institution_type][row.status] = row.referrals;
  for (const row of goals) measures.goals[row.life_area][row.measure] = row.goals;
  for (const row of gaps) measures.serviceGaps[row.life_area] = { reports: row.reports, clients_affected: row.affected };
  for (const row of changes) measures.jurisdictionChanges[row.from_jurisdiction][row.to_jurisdiction] = row.changes;
  return measures;
}

/**
 * Each aggregate in a transaction of its own with room to hash and sort in memory (the default 4 MB spills a
 * year's referrals to disk); on a server the aggregates run side by side on connections of their own.
 */
async function aggregate<T>(db: Kysely<unknown>, query: RawBuilder<T>): Promise<T[]> {
  return db.transaction().execute(async (trx) => {
    await sql`SET LOCAL work_mem = '64MB'`.execute(trx);
    return (await query.execute(trx)).rows;
  });
}

function inPeriodAndScope(alias: string, { period, scope, cutoff }: FundingReportRequest): RawBuilder<unknown> {
  const column = (name: string) => sql.ref(`${alias}.${name}`);
  const conditions = [
    sql`${column('district_id')} = ${scope.districtId}`,
    sql`${column('fact_on')} BETWEEN ${period.from}::date AND ${period.to}::date`,
    sql`${column('recorded_at')} < ${iso(cutoff.recordedBefore)}::timestamptz`,
  ];
  if (scope.organisationUnitId !== null) conditions.push(sql`${column('organisation_unit_id')} = ${scope.organisationUnitId}`);
  return sql.join(conditions, sql` AND `);
}

/** Facts recorded in [from, to): timeline facts from their versions, occurrences from their tables. */
export async function recordedBetween(db: Kysely<unknown>, schema: string, districtId: string, from: number, to: number): Promise<RecordedLater[]> {
  const window = (alias: string) =>
    sql`${sql.ref(`${alias}.district_id`)} = ${districtId} AND ${sql.ref(`${alias}.recorded_at`)} >= ${iso(from)}::timestamptz AND ${sql.ref(`${alias}.recorded_at`)} < ${iso(to)}::timestamptz`;
  const occurrence = (table: FundingReportTable, kind: RawBuilder<unknown>) =>
    sql`SELECT ${kind} AS kind, x.fact_on, x.district_id, x.organisation_unit_id, false AS corrects_status, x.case_id, x.revision FROM ${tableIn(schema, table)} AS x WHERE ${window('x')}`;
  const result = await sql<{ kind: ReportFactKind; fact_on: string; district_id: string; organisation_unit_id: string; corrects_status: boolean }>`
    SELECT kind, to_char(fact_on, 'YYYY-MM-DD') AS fact_on, district_id, organisation_unit_id, corrects_status FROM (
      SELECT x.fact_kind AS kind, x.fact_on, x.district_id, x.organisation_unit_id, x.corrects_status, x.case_id, x.revision
      FROM ${tableIn(schema, 'versions')} AS x WHERE ${window('x')}
      UNION ALL ${occurrence('sessions', sql`'session'`)}
      UNION ALL ${occurrence('referrals', sql`'referral'`)}
      UNION ALL ${occurrence('outcomes', sql`'referral_outcome'`)}
      UNION ALL ${occurrence('goals', sql`x.kind`)}
      UNION ALL ${occurrence('serviceGaps', sql`'service_gap'`)}
    ) AS facts ORDER BY case_id, revision`.execute(db);
  return result.rows.map((row) => ({
    kind: row.kind,
    on: row.fact_on,
    districtId: row.district_id,
    organisationUnitId: row.organisation_unit_id,
    correctsStatus: row.corrects_status,
  }));
}
