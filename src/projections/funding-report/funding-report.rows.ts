import { closedSince, type CaseTimeline } from '../../domain/reporting/case-timeline.fold';
import type { ReportFact } from '../../domain/reporting/report-fact.model';
import { epochDayOf } from '../../domain/time/calendar-date.value';
import type { RowWriter } from '../copy-rows.statement';
import { encodeTimeline } from './case-timeline.codec';
import type { FundingReportTable, OccurrenceTable } from './funding-report.tables';

/**
 * Rows as records for `copyRows`: dates as `YYYY-MM-DD`, instants as epoch ms (see `ROW_COLUMNS`), both sent
 * as numbers (`copyOf`): no ISO text to write or read, and exact to the ms.
 */
export type Row = Record<string, string | number | boolean | null | object>;

export interface VersionRow extends Row {
  case_id: string;
  revision: number;
  district_id: string;
  organisation_unit_id: string;
  recorded_at: number;
  superseded_at: number | null;
  fact_kind: string;
  fact_on: string;
  corrects_status: boolean;
  opened_on: string;
  closed_since: string | null;
  timeline: string;
}

export function versionRow(fact: ReportFact, timeline: CaseTimeline): VersionRow {
  return {
    case_id: fact.caseId,
    revision: fact.revision,
    district_id: fact.districtId,
    organisation_unit_id: fact.organisationUnitId,
    recorded_at: fact.recordedAt,
    superseded_at: null,
    fact_kind: fact.kind,
    fact_on: fact.on,
    corrects_status: fact.kind === 'corrected' && fact.legalStatus !== null,
    opened_on: timeline.openedOn,
    closed_since: closedSince(timeline),
    timeline: encodeTimeline(timeline),
  };
}

/**
 * The occurrence table and row of a fact counted where it happened; null for facts only timelines use. The row
 * is one literal extended in place: spreading it into a new object with more keys costs several times as much,
 * once per event of a rebuild.
 */
export function occurrenceRow(fact: ReportFact): { table: OccurrenceTable; row: Row } | null {
  const common = (): Row => ({
    case_id: fact.caseId,
    revision: fact.revision,
    district_id: fact.districtId,
    organisation_unit_id: fact.organisationUnitId,
    recorded_at: fact.recordedAt,
    occurred_at: fact.occurredAt,
    fact_on: fact.on,
  });
  switch (fact.kind) {
    case 'session':
      return {
        table: 'sessions',
        row: Object.assign(common(), {
          client_id: fact.clientId,
          format: fact.format,
          minutes: fact.minutes,
          with_interpreter: fact.withInterpreter,
          household_members: fact.householdMembers,
        }),
      };
    case 'referral':
      return { table: 'referrals', row: Object.assign(common(), { referral_id: fact.referralId, institution_type: fact.institutionType }) };
    case 'referral_outcome':
      return { table: 'outcomes', row: Object.assign(common(), { referral_id: fact.referralId, outcome: fact.outcome }) };
    case 'goal_agreed':
      return { table: 'goals', row: Object.assign(common(), { kind: fact.kind, life_area: fact.lifeArea, outcome: null }) };
    case 'goal_closed':
      return { table: 'goals', row: Object.assign(common(), { kind: fact.kind, life_area: fact.lifeArea, outcome: fact.outcome }) };
    case 'service_gap':
      return { table: 'serviceGaps', row: Object.assign(common(), { life_area: fact.lifeArea, clients_affected: fact.clientsAffected }) };
    case 'jurisdiction':
      return { table: 'jurisdictionChanges', row: Object.assign(common(), { from_jurisdiction: fact.from, to_jurisdiction: fact.to }) };
    default:
      return null;
  }
}

/** A column of a row table and its type; `instant` is held as epoch ms and stored as `timestamptz`. */
type ColumnType = 'text' | 'integer' | 'boolean' | 'date' | 'instant';

const OCCURRENCE: ReadonlyArray<readonly [string, ColumnType]> = [
  ['case_id', 'text'],
  ['revision', 'integer'],
  ['district_id', 'text'],
  ['organisation_unit_id', 'text'],
  ['recorded_at', 'instant'],
  ['occurred_at', 'instant'],
  ['fact_on', 'date'],
];

/** The columns of each table in insert order. */
export const ROW_COLUMNS: Record<Exclude<FundingReportTable, 'cases' | 'timelines'>, ReadonlyArray<readonly [string, ColumnType]>> = {
  versions: [
    ['case_id', 'text'],
    ['revision', 'integer'],
    ['district_id', 'text'],
    ['organisation_unit_id', 'text'],
    ['recorded_at', 'instant'],
    ['superseded_at', 'instant'],
    ['fact_kind', 'text'],
    ['fact_on', 'date'],
    ['corrects_status', 'boolean'],
    ['opened_on', 'date'],
    ['closed_since', 'date'],
    ['timeline', 'text'],
  ],
  sessions: [...OCCURRENCE, ['client_id', 'text'], ['format', 'text'], ['minutes', 'integer'], ['with_interpreter', 'boolean'], ['household_members', 'integer']],
  referrals: [...OCCURRENCE, ['referral_id', 'text'], ['institution_type', 'text']],
  outcomes: [...OCCURRENCE, ['referral_id', 'text'], ['outcome', 'text']],
  goals: [...OCCURRENCE, ['kind', 'text'], ['life_area', 'text'], ['outcome', 'text']],
  serviceGaps: [...OCCURRENCE, ['life_area', 'text'], ['clients_affected', 'integer']],
  jurisdictionChanges: [...OCCURRENCE, ['from_jurisdiction', 'text'], ['to_jurisdiction', 'text']],
};

/**
 * What `copyRows` needs to append a table's rows: its column names and a row writer, dates as days and instants
 * as microseconds since the epoch.
 */
export function copyOf(columns: ReadonlyArray<readonly [string, ColumnType]>): { names: string[]; writeRow: RowWriter<Row> } {
  const names = columns.map(([name]) => name);
  const types = columns.map(([, type]) => type);
  const writeRow: RowWriter<Row> = (writer, row) => {
    for (let c = 0; c < names.length; c++) {
      const value = row[names[c]] ?? null;
      switch (types[c]) {
        case 'text':
          writer.anyText(value);
          break;
        case 'integer':
          writer.int4(value as number | null);
          break;
        case 'boolean':
          writer.bool(value as boolean | null);
          break;
        case 'date':
          writer.date(value === null ? null : epochDayOf(value as string));
          break;
        case 'instant':
          writer.timestamptz(value === null ? null : (value as number) * 1000);
          break;
      }
    }
  };
  return { names, writeRow };
}

export function iso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
