import { type Kysely, sql, type Transaction } from 'kysely';
import type { RecordedEvent } from '../../application/ports/event-store.port';
import { reportSourceEventOf } from '../../application/reporting/report-source-event';
import { evolveCaseTimeline, type CaseTimeline } from '../../domain/reporting/case-timeline.fold';
import { isTimelineFact } from '../../domain/reporting/report-fact.model';
import { extractReportFact, type CaseReportContext } from '../../domain/reporting/report-facts.extractor';
import type { Projection } from '../projection';
import { createFundingReportTables, tableIn, type FundingReportTable } from './funding-report.tables';
import { occurrenceRow, ROW_COLUMNS, versionRow, type Row, type VersionRow } from './funding-report.rows';

export const FUNDING_REPORT_PROJECTION = 'funding_report';

interface CaseRecord {
  context: CaseReportContext | null;
  timeline: CaseTimeline | null;
}

/**
 * The facts the funding report counts, extracted by the domain's pure extractor (the same one that folds the
 * raw log for the reference report), so the read model and the log cannot disagree on what a fact is. A batch
 * reads the touched cases once, folds in memory, and writes each table in one statement.
 */
export class FundingReportProjection implements Projection {
  readonly name = FUNDING_REPORT_PROJECTION;
  readonly version = 1;

  async setup(db: Kysely<unknown>, schema: string): Promise<void> {
    await createFundingReportTables(db, schema);
  }

  async apply(trx: Transaction<unknown>, schema: string, events: readonly RecordedEvent[]): Promise<void> {
    const sources = events.map(reportSourceEventOf).filter((source) => source !== null);
    if (sources.length === 0) return;
    const cases = await loadCases(trx, schema, [...new Set(sources.map((source) => source.caseId))]);
    const changed = new Set<string>();
    const versions: VersionRow[] = [];
    const occurrences = new Map<FundingReportTable, Row[]>();

    for (const source of sources) {
      const record = cases.get(source.caseId) ?? { context: null, timeline: null };
      const { fact, context } = extractReportFact(source, record.context);
      if (context === record.context && fact === null) continue;
      let timeline = record.timeline;
      if (fact !== null && isTimelineFact(fact)) {
        timeline = evolveCaseTimeline(timeline, fact);
        if (timeline !== null) versions.push(versionRow(fact, timeline));
      }
      if (fact !== null) {
        const occurrence = occurrenceRow(fact);
        if (occurrence !== null) {
          const rows = occurrences.get(occurrence.table);
          if (rows === undefined) occurrences.set(occurrence.table, [occurrence.row]);
          else rows.push(occurrence.row);
        }
      }
      cases.set(source.caseId, { context, timeline });
      changed.add(source.caseId);
    }

    await saveCases(trx, schema, [...changed].map((caseId) => [caseId, cases.get(caseId) as CaseRecord] as const));
    await saveVersions(trx, schema, versions);
    for (const [table, rows] of occurrences) await insertRows(trx, schema, table as Exclude<FundingReportTable, 'cases'>, rows);
  }
}

async function loadCases(db: Kysely<unknown>, schema: string, caseIds: readonly string[]): Promise<Map<string, CaseRecord>> {
  const result = await sql<{ case_id: string; context: CaseReportContext | null; timeline: CaseTimeline | null }>`
    SELECT case_id, context, timeline FROM ${tableIn(schema, 'cases')} WHERE case_id = ANY (${[...caseIds]}::text[])`.execute(db);
  return new Map(result.rows.map((row) => [row.case_id, { context: row.context, timeline: row.timeline }]));
}

async function saveCases(db: Kysely<unknown>, schema: string, cases: ReadonlyArray<readonly [string, CaseRecord]>): Promise<void> {
  // A case whose stream began without CaseOpened has no context yet: nothing to remember.
  const rows = cases.filter(([, record]) => record.context !== null).map(([caseId, record]) => ({ case_id: caseId, context: record.context, timeline: record.timeline }));
  if (rows.length === 0) return;
  await sql`
    INSERT INTO ${tableIn(schema, 'cases')} (case_id, context, timeline)
    SELECT case_id, context, timeline FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(case_id text, context jsonb, timeline jsonb)
    ON CONFLICT (case_id) DO UPDATE SET context = EXCLUDED.context, timeline = EXCLUDED.timeline`.execute(db);
}

/**
 * New versions are chained: each is superseded when the next one of its case was recorded, and the case's
 * latest version from earlier batches when the first new one was.
 */
async function saveVersions(db: Kysely<unknown>, schema: string, versions: VersionRow[]): Promise<void> {
  if (versions.length === 0) return;
  const firstOfCase = new Map<string, string>();
  const nextOfCase = new Map<string, string>();
  for (let i = versions.length - 1; i >= 0; i--) {
    const version = versions[i];
    version.superseded_at = nextOfCase.get(version.case_id) ?? null;
    nextOfCase.set(version.case_id, version.recorded_at);
    firstOfCase.set(version.case_id, version.recorded_at);
  }
  const superseding = [...firstOfCase].map(([case_id, at]) => ({ case_id, at }));
  await sql`
    UPDATE ${tableIn(schema, 'versions')} AS v SET superseded_at = s.at
    FROM jsonb_to_recordset(${JSON.stringify(superseding)}::jsonb) AS s(case_id text, at timestamptz)
    WHERE v.case_id = s.case_id AND v.superseded_at IS NULL`.execute(db);
  await insertRows(db, schema, 'versions', versions);
}

async function insertRows(db: Kysely<unknown>, schema: string, table: Exclude<FundingReportTable, 'cases'>, rows: readonly Row[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = ROW_COLUMNS[table];
  const names = sql.raw(columns.split(', ').map((column) => column.split(' ')[0]).join(', '));
  await sql`
    INSERT INTO ${tableIn(schema, table)} (${names})
    SELECT ${names} FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(${sql.raw(columns)})`.execute(db);
}
