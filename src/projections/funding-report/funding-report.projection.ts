import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import type { RecordedEvent } from '../../application/ports/event-store.port';
import { reportSourceEventOf } from '../../application/reporting/report-source-event';
import { type CaseTimeline, evolveCaseTimeline } from '../../domain/reporting/case-timeline.fold';
import { isTimelineFact } from '../../domain/reporting/report-fact.model';
import { extractReportFact, type CaseReportContext, type ReportSourceEvent } from '../../domain/reporting/report-facts.extractor';
import { arrayColumns, type ColumnValue, columnNames } from '../array-columns.parameter';
import { copyRows } from '../copy-rows.statement';
import { joinBatchRowsByKey, storedRowsByKey } from '../key-joins.setting';
import type { BatchContext, Projection, TableUpkeepExceptions } from '../projection';
import { RunMemories, type RunMemory } from '../run.memory';
import {
  createFundingReportIndexes,
  createFundingReportTables,
  FUNDING_REPORT_TABLES,
  type FundingReportTable,
  type OccurrenceTable,
  tableIn,
} from './funding-report.tables';
import { occurrenceRow, ROW_COPIES, type Row, versionRow, type VersionRow } from './funding-report.rows';

export const FUNDING_REPORT_PROJECTION = 'funding_report';
/** Cases a run keeps in memory: all of the benchmark's 1,000,000 events (25,000) and room to spare. */
const KNOWN_CASES_KEPT = 50_000;

/**
 * The facts the funding report counts, extracted by the domain's pure extractor (the same one that folds the
 * raw log for the reference report), so the read model and the log cannot disagree on what a fact is. A batch
 * takes what extraction carries from event to event (each case's context) and each case's timeline from the
 * run's memory or else from `funding_report_cases` and `funding_report_case_timelines`, extracts all facts,
 * folds the timeline facts, and writes what changed in one statement and what it appends through COPY
 * (`saveBatch`); a timeline only when it changed (sessions, the most frequent event, change none).
 */
export class FundingReportProjection implements Projection {
  readonly name = FUNDING_REPORT_PROJECTION;
  readonly version = 2;
  /**
   * Reports read neither what extraction carries from event to event nor the timelines so far. They read each
   * version they find from the table (its timeline): vacuuming it, whose rows batches update and whose pages
   * then wait on the WAL as the vacuum writes them, took 1.4-1.8 s of a rebuild of all for nothing they use.
   */
  readonly upkeepBeforeSwitch: TableUpkeepExceptions = {
    [FUNDING_REPORT_TABLES.cases]: 'none',
    [FUNDING_REPORT_TABLES.timelines]: 'none',
    [FUNDING_REPORT_TABLES.versions]: 'analyse',
  };
  private readonly memories = new RunMemories<KnownCase>(KNOWN_CASES_KEPT);

  async setup(db: Kysely<unknown>, schema: string): Promise<void> {
    await createFundingReportTables(db, schema);
  }

  async createReadIndexes(db: Kysely<unknown>, schema: string): Promise<void> {
    await createFundingReportIndexes(db, schema);
  }

  async apply(trx: Transaction<unknown>, schema: string, events: readonly RecordedEvent[], batch?: BatchContext): Promise<void> {
    const sources = events.map(reportSourceEventOf).filter((source) => source !== null);
    if (sources.length === 0) return;
    const memory = this.memories.of(batch);
    const cases = await knownCases(trx, schema, memory, sources);
    const stored = new Set(cases.keys());
    const changedContexts = new Set<string>();
    const changedTimelines = new Set<string>();
    const versions: VersionRow[] = [];
    const occurrences = new Map<OccurrenceTable, Row[]>();
    // One pass: a case's timeline folds its own facts in order, and extraction never reads the timeline.
    for (const source of sources) {
      let known = cases.get(source.caseId);
      const before = known?.context ?? null;
      const { fact, context } = extractReportFact(source, before);
      if (context !== before) {
        if (known === undefined) cases.set(source.caseId, (known = { context, timeline: null }));
        else known.context = context;
        changedContexts.add(source.caseId);
      }
      // A fact comes only with a context, so its case is known by now.
      if (fact === null || known === undefined) continue;
      if (isTimelineFact(fact)) {
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
    const contexts = [...changedContexts].map((caseId) => ({ caseId, context: cases.get(caseId)?.context as CaseReportContext }));
    await saveBatch(trx, schema, {
      newContexts: contexts.filter(({ caseId }) => !stored.has(caseId)),
      changedContexts: contexts.filter(({ caseId }) => stored.has(caseId)),
      timelines: [...changedTimelines].map((caseId) => ({ caseId, timeline: cases.get(caseId)?.timeline as CaseTimeline })),
      versions: chainedVersions(versions),
      occurrences,
    });
    if (memory !== null) {
      for (const [caseId, known] of cases) if (known.context !== null) memory.remember(caseId, known);
    }
  }
}

/**
 * A case as `funding_report_cases` and `funding_report_case_timelines` hold it: what extraction carries from
 * event to event, and the timeline so far.
 */
interface KnownCase {
  context: CaseReportContext | null;
  timeline: CaseTimeline | null;
}

/**
 * The stored rows of the batch's cases, as the batch starts: from the run's memory, the others read. Each is a
 * copy the batch may change: the memory takes the changed rows only once the batch has written them.
 */
async function knownCases(db: Kysely<unknown>, schema: string, memory: RunMemory<KnownCase> | null, sources: readonly ReportSourceEvent[]): Promise<Map<string, KnownCase>> {
  const cases = new Map<string, KnownCase>();
  const unknown = new Set<string>();
  for (const { caseId } of sources) {
    if (cases.has(caseId) || unknown.has(caseId)) continue;
    const known = memory?.get(caseId);
    if (known === undefined) unknown.add(caseId);
    else cases.set(caseId, { context: known.context, timeline: known.timeline });
  }
  if (unknown.size === 0) return cases;
  const result = await sql<StoredCase>`
    SELECT c.case_id, c.client_id, c.district_id, c.organisation_unit_id, c.case_manager_id, c.last_recorded_at, c.goal_life_areas, t.timeline
    FROM ${storedRowsByKey(tableIn(schema, 'cases'), 'c', 'case_id', [...unknown])}
    LEFT JOIN LATERAL (SELECT timeline FROM ${tableIn(schema, 'timelines')} WHERE case_id = c.case_id LIMIT 1) AS t ON true`.execute(db);
  for (const row of result.rows) {
    const context: CaseReportContext = {
      clientId: row.client_id,
      districtId: row.district_id,
      organisationUnitId: row.organisation_unit_id,
      caseManagerId: row.case_manager_id,
      lastRecordedAt: Number(row.last_recorded_at),
      goalLifeAreas: JSON.parse(row.goal_life_areas) as CaseReportContext['goalLifeAreas'],
    };
    cases.set(row.case_id, { context, timeline: row.timeline === null ? null : (JSON.parse(row.timeline) as CaseTimeline) });
  }
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

interface StoredCase {
  case_id: string;
  client_id: string;
  district_id: string;
  organisation_unit_id: string;
  case_manager_id: string;
  last_recorded_at: string;
  goal_life_areas: string;
  timeline: string | null;
}

interface ContextRow {
  caseId: string;
  context: CaseReportContext;
}

const CONTEXT_COLUMNS: ReadonlyArray<readonly [string, string, (row: ContextRow) => ColumnValue]> = [
  ['case_id', 'text', (r) => r.caseId],
  ['client_id', 'text', (r) => r.context.clientId],
  ['district_id', 'text', (r) => r.context.districtId],
  ['organisation_unit_id', 'text', (r) => r.context.organisationUnitId],
  ['case_manager_id', 'text', (r) => r.context.caseManagerId],
  ['last_recorded_at', 'bigint', (r) => r.context.lastRecordedAt],
  ['goal_life_areas', 'text', (r) => JSON.stringify(r.context.goalLifeAreas)],
];
const CONTEXT_NAMES = columnNames(CONTEXT_COLUMNS);
const CONTEXT_ASSIGNMENTS = sql.raw(
  CONTEXT_COLUMNS.slice(1)
    .map(([name]) => `${name} = r.${name}`)
    .join(', '),
);

/**
 * Everything a batch changes: what it updates in one statement, each set of rows as one array per column; then
 * what it appends (versions, occurrences) through COPY, table by table (binary COPY takes rows apart at a fraction
 * of the cost of arrays, and Node writes them as numbers, not text). The update of earlier versions runs first,
 * so it cannot see the versions this batch appends.
 */
async function saveBatch(
  db: Kysely<unknown>,
  schema: string,
  batch: {
    newContexts: ContextRow[];
    /** Contexts stored before this batch. */
    changedContexts: ContextRow[];
    /** Only the timelines that changed: the others are left alone rather than written again. */
    timelines: Array<{ caseId: string; timeline: CaseTimeline }>;
    versions: { rows: VersionRow[]; superseding: Array<{ case_id: string; at: number }> };
    occurrences: ReadonlyMap<OccurrenceTable, Row[]>;
  },
): Promise<void> {
  const cases = tableIn(schema, 'cases');
  const steps: RawBuilder<unknown>[] = [];
  if (batch.newContexts.length > 0) {
    steps.push(sql`INSERT INTO ${cases} (${CONTEXT_NAMES})
      SELECT ${CONTEXT_NAMES} FROM unnest(${arrayColumns(batch.newContexts, CONTEXT_COLUMNS)}) AS r(${CONTEXT_NAMES})`);
  }
  if (batch.changedContexts.length > 0) {
    steps.push(sql`UPDATE ${cases} AS c SET ${CONTEXT_ASSIGNMENTS}
      FROM unnest(${arrayColumns(batch.changedContexts, CONTEXT_COLUMNS)}) AS r(${CONTEXT_NAMES})
      WHERE c.case_id = r.case_id`);
  }
  if (batch.timelines.length > 0) {
    const timelines = arrayColumns(batch.timelines, [
      ['case_id', 'text', (r) => r.caseId],
      ['timeline', 'text', (r) => JSON.stringify(r.timeline)],
    ]);
    steps.push(sql`INSERT INTO ${tableIn(schema, 'timelines')} (case_id, timeline)
      SELECT case_id, timeline FROM unnest(${timelines}) AS r(case_id, timeline)
      ON CONFLICT (case_id) DO UPDATE SET timeline = EXCLUDED.timeline`);
  }
  if (batch.versions.superseding.length > 0) {
    const superseding = arrayColumns(batch.versions.superseding, [
      ['case_id', 'text', (s) => s.case_id],
      ['at', 'bigint', (s) => s.at],
    ]);
    // Each case's latest version looked up by its key, one case after the other (`LATERAL ... LIMIT 1` cannot be
    // turned into a join), then updated by its row's address. As a plain join the planner, guessing 100 latest
    // versions where there were thousands, scanned them all once and compared each with every case of the batch: in
    // a fifth of a rebuild's batches, over 2 million comparisons and up to a second of the server's time each.
    const versions = tableIn(schema, 'versions');
    steps.push(sql`UPDATE ${versions} AS v SET superseded_at = to_timestamp(l.at / 1000.0)
      FROM (SELECT latest.ctid AS row_address, s.at FROM unnest(${superseding}) AS s(case_id, at)
            CROSS JOIN LATERAL (SELECT x.ctid FROM ${versions} AS x WHERE x.case_id = s.case_id AND x.superseded_at IS NULL LIMIT 1) AS latest) AS l
      WHERE v.ctid = l.row_address`);
  }
  if (steps.length > 0) {
    await joinBatchRowsByKey(db);
    await sql`WITH ${sql.join(steps.map((step, index) => sql`${sql.raw(`step_${index}`)} AS (${step})`), sql`, `)} SELECT 1`.execute(db);
  }
  await append(db, schema, 'versions', batch.versions.rows);
  for (const [table, rows] of batch.occurrences) await append(db, schema, table, rows);
}

function append(db: Kysely<unknown>, schema: string, table: Exclude<FundingReportTable, 'cases' | 'timelines'>, rows: readonly Row[]): Promise<void> {
  const { names, writeRow } = ROW_COPIES[table];
  return copyRows(db, tableIn(schema, table), names, rows, writeRow);
}
