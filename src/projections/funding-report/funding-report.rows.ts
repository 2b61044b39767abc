import { closedSince, type CaseTimeline } from '../../domain/reporting/case-timeline.fold';
import type { ReportFact } from '../../domain/reporting/report-fact.model';
import { encodeTimeline } from './case-timeline.codec';
import type { FundingReportTable } from './funding-report.tables';

/** Rows as JSON records for `jsonb_to_recordset`: times as ISO instants, dates as `YYYY-MM-DD`. */
export type Row = Record<string, string | number | boolean | null | object>;

export interface VersionRow extends Row {
  case_id: string;
  revision: number;
  district_id: string;
  organisation_unit_id: string;
  recorded_at: string;
  superseded_at: string | null;
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
    recorded_at: iso(fact.recordedAt),
    superseded_at: null,
    fact_kind: fact.kind,
    fact_on: fact.on,
    corrects_status: fact.kind === 'corrected' && fact.legalStatus !== null,
    opened_on: timeline.openedOn,
    closed_since: closedSince(timeline),
    timeline: encodeTimeline(timeline),
  };
}

/** The occurrence table and row of a fact counted where it happened; null for facts only timelines use. */
export function occurrenceRow(fact: ReportFact): { table: FundingReportTable; row: Row } | null {
  const common = {
    case_id: fact.caseId,
    revision: fact.revision,
    district_id: fact.districtId,
    organisation_unit_id: fact.organisationUnitId,
    recorded_at: iso(fact.recordedAt),
    occurred_at: iso(fact.occurredAt),
    fact_on: fact.on,
  };
  switch (fact.kind) {
    case 'session':
      return {
        table: 'sessions',
        row: { ...common, client_id: fact.clientId, format: fact.format, minutes: fact.minutes, with_interpreter: fact.withInterpreter, household_members: fact.householdMembers },
      };
    case 'referral':
      return { table: 'referrals', row: { ...common, referral_id: fact.referralId, institution_type: fact.institutionType } };
    case 'referral_outcome':
      return { table: 'outcomes', row: { ...common, referral_id: fact.referralId, outcome: fact.outcome } };
    case 'goal_agreed':
      return { table: 'goals', row: { ...common, kind: fact.kind, life_area: fact.lifeArea, outcome: null } };
    case 'goal_closed':
      return { table: 'goals', row: { ...common, kind: fact.kind, life_area: fact.lifeArea, outcome: fact.outcome } };
    case 'service_gap':
      return { table: 'serviceGaps', row: { ...common, life_area: fact.lifeArea, clients_affected: fact.clientsAffected } };
    case 'jurisdiction':
      return { table: 'jurisdictionChanges', row: { ...common, from_jurisdiction: fact.from, to_jurisdiction: fact.to } };
    default:
      return null;
  }
}

/** Column lists of each table for `jsonb_to_recordset`, in insert order. */
export const ROW_COLUMNS: Record<Exclude<FundingReportTable, 'cases'>, string> = {
  versions:
    'case_id text, revision integer, district_id text, organisation_unit_id text, recorded_at timestamptz, superseded_at timestamptz, fact_kind text, fact_on date, corrects_status boolean, opened_on date, closed_since date, timeline text',
  sessions: occurrence('client_id text, format text, minutes integer, with_interpreter boolean, household_members integer'),
  referrals: occurrence('referral_id text, institution_type text'),
  outcomes: occurrence('referral_id text, outcome text'),
  goals: occurrence('kind text, life_area text, outcome text'),
  serviceGaps: occurrence('life_area text, clients_affected integer'),
  jurisdictionChanges: occurrence('from_jurisdiction text, to_jurisdiction text'),
};

function occurrence(columns: string): string {
  return `case_id text, revision integer, district_id text, organisation_unit_id text, recorded_at timestamptz, occurred_at timestamptz, fact_on date, ${columns}`;
}

export function iso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
