import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import type { RecordedEvent } from '../../application/ports/event-store.port';
import { reportSourceEventOf } from '../../application/reporting/report-source-event';
import { type CaseTimeline, evolveCaseTimeline } from '../../domain/reporting/case-timeline.fold';
import { isTimelineFact, type ReportFact } from '../../domain/reporting/report-fact.model';
import { extractReportFact, type CaseReportContext, type ReportSourceEvent } from '../../domain/reporting/report-facts.extractor';
import { arrayColumns } from '../array-columns.parameter';
import { jsonRows } from '../json-rows.parameter';
import type { BatchContext, Projection } from '../projection';
import { createFundingReportIndexes, createFundingReportTables, type FundingReportTable, type OccurrenceTable, tableIn } from './funding-report.tables';
import { type KnownCase, KnownCasesMemory } from './known-cases.memory';
import { arrayColumnsOf, occurrenceRow, ROW_COLUMNS, type Row, selectedValues, versionRow, type VersionRow } from './funding-report.rows';

export const FUNDING_REPORT_PROJECTION = 'funding_report';
/** Cases a run keeps in memory: all of the benchmark's 1,000,000 events (25,000) and room to spare. */
const KNOWN_CASES_KEPT = 50_000;

/**
 * The facts the funding report counts, extracted by the domain's pure extractor (the same one that folds the
 * raw log for the reference report), so the read model and the log cannot disagree on what a fact is. A batch
 * takes what extraction carries from event to event (each case's context) and each case's timeline from the
 * run's memory or else from `funding_report_cases`, extracts all facts, folds the timeline facts, and writes
 * everything in one statement; a timeline only when it changed (sessions, the most frequent event, change none).
 */
export class FundingReportProjection implements Projection {
  readonly name = FUNDING_REPORT_PROJECTION;
  readonly version = 1;
  private readonly memories = new WeakMap<object, KnownCasesMemory>();

  async setup(db: Kysely<unknown>, schema: string): Promise<void> {
    await createFundingReportTables(db, schema);
  }

  async createReadIndexes(db: Kysely<unknown>, schema: string): Promise<void> {
    await createFundingReportIndexes(db, schema);
  }

  async apply(trx: Transaction<unknown>, schema: string, events: readonly RecordedEvent[], batch?: BatchContext): Promise<void> {
    const sources = events.map(reportSourceEventOf).filter((source) => source !== null);
    if (sources.length === 0) return;
    const memory = batch === undefined ? null : this.memoryOf(batch.run);
    const cases = await knownCases(trx, schema, memory, sources);
    const changedContexts = new Set<string>();
    const facts: ReportFact[] = [];
    for (const source of sources) {
      const known = cases.get(source.caseId);
      const before = known?.context ?? null;
      const { fact, context } = extractReportFact(source, before);
      if (context !== before) {
        if (known === undefined) cases.set(source.caseId, { context, timeline: null });
        else known.context = context;
        changedContexts.add(source.caseId);
      }
      if (fact !== null) facts.push(fact);
    }

    const changedTimelines = new Set<string>();
    const versions: VersionRow[] = [];
    const occurrences = new Map<OccurrenceTable, Row[]>();
    for (const fact of facts) {
      if (isTimelineFact(fact)) {
        const known = cases.get(fact.caseId) as KnownCase;
        const timeline = evolveCaseTimeline(known.timeline, fact);
        if (timeline !== null) {
          known.timeline = timeline;
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

    // Only a case opened in its stream has a context: the others leave nothing to remember. A late entry (recorded
    // before the case's last one by another server's clock) leaves the context as it was but may change the timeline.
    await saveBatch(trx, schema, {
      withTimeline: [...changedTimelines].map((caseId) => ({ case_id: caseId, context: cases.get(caseId)?.context ?? null, timeline: cases.get(caseId)?.timeline ?? null })),
      contextOnly: [...changedContexts]
        .filter((caseId) => !changedTimelines.has(caseId))
        .map((caseId) => ({ case_id: caseId, context: cases.get(caseId)?.context ?? null })),
      versions: chainedVersions(versions),
      occurrences,
    });
    if (memory !== null) {
      for (const [caseId, known] of cases) if (known.context !== null) memory.remember(caseId, known);
    }
  }

  /** Kept for as long as the runner's batches follow each other; a new run starts with nothing. */
  private memoryOf(run: object): KnownCasesMemory {
    let memory = this.memories.get(run);
    if (memory === undefined) {
      memory = new KnownCasesMemory(KNOWN_CASES_KEPT);
      this.memories.set(run, memory);
    }
    return memory;
  }
}

/**
 * The stored rows of the batch's cases, as the batch starts: from the run's memory, the others read. Each is a
 * copy the batch may change: the memory takes the changed rows only once the batch has written them.
 */
async function knownCases(db: Kysely<unknown>, schema: string, memory: KnownCasesMemory | null, sources: readonly ReportSourceEvent[]): Promise<Map<string, KnownCase>> {
  const cases = new Map<string, KnownCase>();
  const unknown = new Set<string>();
  for (const { caseId } of sources) {
    if (cases.has(caseId) || unknown.has(caseId)) continue;
    const known = memory?.get(caseId);
    if (known === undefined) unknown.add(caseId);
    else cases.set(caseId, { context: known.context, timeline: known.timeline });
  }
  if (unknown.size === 0) return cases;
  const result = await sql<{ case_id: string; context: CaseReportContext; timeline: CaseTimeline | null }>`
    SELECT case_id, context, timeline FROM ${tableIn(schema, 'cases')} WHERE case_id = ANY (${[...unknown]}::text[])`.execute(db);
  for (const row of result.rows) cases.set(row.case_id, { context: row.context, timeline: row.timeline });
  return cases;
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
      SELECT case_id, context, timeline FROM json_to_recordset(${jsonRows(batch.withTimeline)}) AS r(case_id text, context jsonb, timeline jsonb)
      ON CONFLICT (case_id) DO UPDATE SET context = EXCLUDED.context, timeline = EXCLUDED.timeline`);
  }
  if (batch.contextOnly.length > 0) {
    steps.push(sql`UPDATE ${cases} AS c SET context = r.context
      FROM json_to_recordset(${jsonRows(batch.contextOnly)}) AS r(case_id text, context jsonb)
      WHERE c.case_id = r.case_id`);
  }
  if (batch.versions.superseding.length > 0) {
    steps.push(sql`UPDATE ${tableIn(schema, 'versions')} AS v SET superseded_at = to_timestamp(s.at / 1000.0)
      FROM json_to_recordset(${jsonRows(batch.versions.superseding)}) AS s(case_id text, at bigint)
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
    SELECT ${sql.raw(selectedValues(columns))} FROM unnest(${arrayColumns(rows, arrayColumnsOf(columns))}) AS r(${names})`;
}
