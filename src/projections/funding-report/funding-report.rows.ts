import { closedSince, type CaseTimeline } from '../../domain/reporting/case-timeline.fold';
import type { ReportFact } from '../../domain/reporting/report-fact.model';
import { epochDayOf } from '../../domain/time/calendar-date.value';
import type { BinaryCopyWriter } from '../binary-copy.writer';
import type { RowWriter } from '../copy-rows.statement';
import { encodeTimeline } from './case-timeline.codec';
import type { FundingReportTable, OccurrenceTable } from './funding-report.tables';

/**
 * Rows as records for `copyRows`: dates as `YYYY-MM-DD`, instants as epoch ms, both sent
 * as numbers (`ROW_COPIES`): no ISO text to write or read, and exact to the ms.
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

/** How `copyRows` appends a table's rows: its columns, and a function that writes a row's values in their order. */
export interface TableCopy {
  names: readonly string[];
  writeRow: RowWriter<Row>;
}

/**
 * What every occurrence row starts with. Small enough for V8 to inline into each table's writer, where each
 * property is read from rows of one shape: through a loop over column names, every value was a keyed read from
 * rows of six shapes (writing a funding-only rebuild's rows: 1.44 against 1.73 s in the profile).
 */
const OCCURRENCE_COLUMNS = ['case_id', 'revision', 'district_id', 'organisation_unit_id', 'recorded_at', 'occurred_at', 'fact_on'];

function writeOccurrence(writer: BinaryCopyWriter, row: Row): void {
  writer.anyText(row.case_id);
  writer.int4(row.revision as number);
  writer.anyText(row.district_id);
  writer.anyText(row.organisation_unit_id);
  writer.timestamptz(micros(row.recorded_at));
  writer.timestamptz(micros(row.occurred_at));
  writer.date(epochDay(row.fact_on));
}

/** Each appended table's columns in insert order, and its row writer. */
export const ROW_COPIES: Record<Exclude<FundingReportTable, 'cases' | 'timelines'>, TableCopy> = {
  versions: {
    names: ['case_id', 'revision', 'district_id', 'organisation_unit_id', 'recorded_at', 'superseded_at', 'fact_kind', 'fact_on', 'corrects_status', 'opened_on', 'closed_since', 'timeline'],
    writeRow: (writer, row) => {
      const version = row as VersionRow;
      writer.anyText(version.case_id);
      writer.int4(version.revision);
      writer.anyText(version.district_id);
      writer.anyText(version.organisation_unit_id);
      writer.timestamptz(micros(version.recorded_at));
      writer.timestamptz(micros(version.superseded_at));
      writer.anyText(version.fact_kind);
      writer.date(epochDay(version.fact_on));
      writer.bool(version.corrects_status);
      writer.date(epochDay(version.opened_on));
      writer.date(epochDay(version.closed_since));
      writer.anyText(version.timeline);
    },
  },
  sessions: {
    names: [...OCCURRENCE_COLUMNS, 'client_id', 'format', 'minutes', 'with_interpreter', 'household_members'],
    writeRow: (writer, row) => {
      writeOccurrence(writer, row);
      writer.anyText(row.client_id);
      writer.anyText(row.format);
      writer.int4(row.minutes as number);
      writer.bool(row.with_interpreter as boolean);
      writer.int4(row.household_members as number);
    },
  },
  referrals: {
    names: [...OCCURRENCE_COLUMNS, 'referral_id', 'institution_type'],
    writeRow: (writer, row) => {
      writeOccurrence(writer, row);
      writer.anyText(row.referral_id);
      writer.anyText(row.institution_type);
    },
  },
  outcomes: {
    names: [...OCCURRENCE_COLUMNS, 'referral_id', 'outcome'],
    writeRow: (writer, row) => {
      writeOccurrence(writer, row);
      writer.anyText(row.referral_id);
      writer.anyText(row.outcome);
    },
  },
  goals: {
    names: [...OCCURRENCE_COLUMNS, 'kind', 'life_area', 'outcome'],
    writeRow: (writer, row) => {
      writeOccurrence(writer, row);
      writer.anyText(row.kind);
      writer.anyText(row.life_area);
      writer.anyText(row.outcome);
    },
  },
  serviceGaps: {
    names: [...OCCURRENCE_COLUMNS, 'life_area', 'clients_affected'],
    writeRow: (writer, row) => {
      writeOccurrence(writer, row);
      writer.anyText(row.life_area);
      writer.int4(row.clients_affected as number);
    },
  },
  jurisdictionChanges: {
    names: [...OCCURRENCE_COLUMNS, 'from_jurisdiction', 'to_jurisdiction'],
    writeRow: (writer, row) => {
      writeOccurrence(writer, row);
      writer.anyText(row.from_jurisdiction);
      writer.anyText(row.to_jurisdiction);
    },
  },
};

/** An instant held as epoch ms, as a `timestamptz` is sent: microseconds. */
function micros(value: unknown): number | null {
  return value === null || value === undefined ? null : (value as number) * 1000;
}

/** A date held as `YYYY-MM-DD`, as a `date` is sent: days since the epoch. */
function epochDay(value: unknown): number | null {
  return value === null || value === undefined ? null : epochDayOf(value as string);
}

export function iso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
