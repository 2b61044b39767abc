import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import type { RecordedEvent } from '../../application/ports/event-store.port';
import { reportSourceEventOf } from '../../application/reporting/report-source-event';
import { type CaseTimeline, evolveCaseTimeline } from '../../domain/reporting/case-timeline.fold';
import { isTimelineFact, type ReportFact } from '../../domain/reporting/report-fact.model';
import { extractReportFact, type CaseReportContext } from '../../domain/reporting/report-facts.extractor';
import type { Projection } from '../projection';
import { createFundingReportIndexes, createFundingReportTables, type FundingReportTable, type OccurrenceTable, tableIn } from './funding-report.tables';
import { occurrenceRow, recordType, ROW_COLUMNS, type Row, selectedValues, versionRow, type VersionRow } from './funding-report.rows';

export const FUNDING_REPORT_PROJECTION = 'funding_report';

/**
 * The facts the funding report counts, extracted by the domain's pure extractor (the same one that folds the
 * raw log for the reference report), so the read model and the log cannot disagree on what a fact is. A batch
 * reads what extraction carries from event to event (each case's context) for its cases, extracts all facts,
 * then reads the timelines of the cases whose timeline changes (most events, sessions above all, change none),
 * and writes everything in one statement.
 */
export class FundingReportProjection implements Projection {
  readonly name = FUNDING_REPORT_PROJECTION;
  readonly version = 1;

  async setup(db: Kysely<unknown>, schema: string): Promise<void> {
    await createFundingReportTables(db, schema);
  }

  async createReadIndexes(db: Kysely<unknown>, schema: string): Promise<void> {
    await createFundingReportIndexes(db, schema);
  }

  async apply(trx: Transaction<unknown>, schema: string, events: readonly RecordedEvent[]): Promise<void> {
    const sources = events.map(reportSourceEventOf).filter((source) => source !== null);
    if (sources.length === 0) return;
    const contexts = await loadContexts(trx, schema, [...new Set(sources.map((source) => source.caseId))]);
    const changedContexts = new Set<string>();
    const facts: ReportFact[] = [];
    for (const source of sources) {
      const before = contexts.get(source.caseId) ?? null;
      const { fact, context } = extractReportFact(source, before);
      if (context !== before) {
        contexts.set(source.caseId, context);
        changedContexts.add(source.caseId);
      }
      if (fact !== null) facts.push(fact);
    }

    const timelines = await loadTimelines(trx, schema, [...new Set(facts.filter(isTimelineFact).map((fact) => fact.caseId))]);
    const changedTimelines = new Set<string>();
    const versions: VersionRow[] = [];
    const occurrences = new Map<OccurrenceTable, Row[]>();
    for (const fact of facts) {
      if (isTimelineFact(fact)) {
        const timeline = evolveCaseTimeline(timelines.get(fact.caseId) ?? null, fact);
        timelines.set(fact.caseId, timeline);
        if (timeline !== null) {
          changedTimelines.add(fact.caseId);
          versions.push(versionRow(fact, timeline));
        }
      }
      const occurrence = occurrenceRow(fact);
      if (occurrence !== null) {
        const rows = occurrences.get(occurrence.table);
        if (rows === undefined) occurrences.set(occurrence.table, [occurrence.row]);
        else rows.push(occurrence.row);
      }
    }

    // Only a case opened in its stream has a context: the others leave nothing to remember.
    const cases = [...changedContexts];
    await saveBatch(trx, schema, {
      withTimeline: cases
        .filter((caseId) => changedTimelines.has(caseId))
        .map((caseId) => ({ case_id: caseId, context: contexts.get(caseId) ?? null, timeline: timelines.get(caseId) ?? null })),
      contextOnly: cases.filter((caseId) => !changedTimelines.has(caseId)).map((caseId) => ({ case_id: caseId, context: contexts.get(caseId) ?? null })),
      versions: chainedVersions(versions),
      occurrences,
    });
  }
}

async function loadContexts(db: Kysely<unknown>, schema: string, caseIds: readonly string[]): Promise<Map<string, CaseReportContext | null>> {
  const result = await sql<{ case_id: string; context: CaseReportContext }>`
    SELECT case_id, context FROM ${tableIn(schema, 'cases')} WHERE case_id = ANY (${[...caseIds]}::text[])`.execute(db);
  return new Map(result.rows.map((row) => [row.case_id, row.context]));
}

async function loadTimelines(db: Kysely<unknown>, schema: string, caseIds: readonly string[]): Promise<Map<string, CaseTimeline | null>> {
  if (caseIds.length === 0) return new Map();
  const result = await sql<{ case_id: string; timeline: CaseTimeline | null }>`
    SELECT case_id, timeline FROM ${tableIn(schema, 'cases')} WHERE case_id = ANY (${[...caseIds]}::text[])`.execute(db);
  return new Map(result.rows.map((row) => [row.case_id, row.timeline]));
}

/**
 * New versions are chained: each is superseded when the next one of its case was recorded, and the case's
 * latest version from earlier batches when the first new one was (`superseding`).
 */
function chainedVersions(versions: VersionRow[]): { rows: VersionRow[]; superseding: Array<{ case_id: string; at: number }> } {
  const firstOfCase = new Map<string, number>();
  const nextOfCase = new Map<string, number>();
  for (let i = versions.length - 1; i >= 0; i--) {
    const version = versions[i];
    version.superseded_at = nextOfCase.get(version.case_id) ?? null;
    nextOfCase.set(version.case_id, version.recorded_at);
    firstOfCase.set(version.case_id, version.recorded_at);
  }
  return { rows: versions, superseding: [...firstOfCase].map(([case_id, at]) => ({ case_id, at })) };
}

/**
 * Everything a batch changes, in one statement; each set of rows travels as one JSON parameter. The steps touch
 * different rows: the update of earlier versions cannot see the versions this statement inserts.
 */
async function saveBatch(
  db: Kysely<unknown>,
  schema: string,
  batch: {
    withTimeline: Row[];
    /** Cases whose timeline stayed as it was: the stored one is left alone rather than written again. */
    contextOnly: Row[];
    versions: { rows: VersionRow[]; superseding: Array<{ case_id: string; at: number }> };
    occurrences: ReadonlyMap<OccurrenceTable, Row[]>;
  },
): Promise<void> {
  const cases = tableIn(schema, 'cases');
  const steps: RawBuilder<unknown>[] = [];
  if (batch.withTimeline.length > 0) {
    steps.push(sql`INSERT INTO ${cases} (case_id, context, timeline)
      SELECT case_id, context, timeline FROM json_to_recordset(${JSON.stringify(batch.withTimeline)}::json) AS r(case_id text, context jsonb, timeline jsonb)
      ON CONFLICT (case_id) DO UPDATE SET context = EXCLUDED.context, timeline = EXCLUDED.timeline`);
  }
  if (batch.contextOnly.length > 0) {
    steps.push(sql`UPDATE ${cases} AS c SET context = r.context
      FROM json_to_recordset(${JSON.stringify(batch.contextOnly)}::json) AS r(case_id text, context jsonb)
      WHERE c.case_id = r.case_id`);
  }
  if (batch.versions.superseding.length > 0) {
    steps.push(sql`UPDATE ${tableIn(schema, 'versions')} AS v SET superseded_at = to_timestamp(s.at / 1000.0)
      FROM json_to_recordset(${JSON.stringify(batch.versions.superseding)}::json) AS s(case_id text, at bigint)
      WHERE v.case_id = s.case_id AND v.superseded_at IS NULL`);
    steps.push(insertion(schema, 'versions', batch.versions.rows));
  }
  for (const [table, rows] of batch.occurrences) steps.push(insertion(schema, table, rows));
  if (steps.length === 0) return;
  await sql`WITH ${sql.join(steps.map((step, index) => sql`${sql.raw(`step_${index}`)} AS (${step})`), sql`, `)} SELECT 1`.execute(db);
}

function insertion(schema: string, table: Exclude<FundingReportTable, 'cases'>, rows: readonly Row[]): RawBuilder<unknown> {
  const columns = ROW_COLUMNS[table];
  const names = sql.raw(columns.map(([name]) => name).join(', '));
  return sql`INSERT INTO ${tableIn(schema, table)} (${names})
    SELECT ${sql.raw(selectedValues(columns))} FROM json_to_recordset(${JSON.stringify(rows)}::json) AS r(${sql.raw(recordType(columns))})`;
}
