import type { LifeArea, NeedLevel, RecordedClosureReason } from '../case/case.vocabulary';
import type { Jurisdiction } from '../residence-law/benefit-jurisdiction.vocabulary';
import type { LegalBasis, ResidenceCategory } from '../residence-law/residence-status.taxonomy';
import { addDays, type CalendarDate } from '../time/calendar-date.value';
import type { ReportFact, ReportProfile } from './report-fact.model';
import type { ReportPeriod } from './report-period.value';

export interface Assignment {
  on: CalendarDate;
  organisationUnitId: string;
  caseManagerId: string;
}

export interface LifecycleStep {
  kind: 'closed' | 'reopened';
  on: CalendarDate;
  reason: RecordedClosureReason | null;
  organisationUnitId: string;
}

export interface StatusRecord {
  /** The event that recorded it, so a correction can replace exactly this record. */
  eventId: string;
  category: ResidenceCategory;
  legalBasis: LegalBasis;
  effectiveOn: CalendarDate;
  organisationUnitId: string;
}

export interface JurisdictionRecord {
  to: Jurisdiction;
  effectiveOn: CalendarDate;
}

export interface Assessment {
  on: CalendarDate;
  organisationUnitId: string;
  needs: ReadonlyArray<readonly [LifeArea, NeedLevel]>;
}

/**
 * One case as the report sees it: its lifecycle, assignments, residence statuses (corrections applied),
 * jurisdictions and assessments, each list in stream order. Plain JSON, so the projection can store it.
 */
export interface CaseTimeline {
  caseId: string;
  clientId: string;
  districtId: string;
  openedOn: CalendarDate;
  profile: ReportProfile;
  /** The opening assignment first, then every reassignment. */
  assignments: Assignment[];
  lifecycle: LifecycleStep[];
  statuses: StatusRecord[];
  jurisdictions: JurisdictionRecord[];
  assessments: Assessment[];
}

/** Folds one fact into the timeline of its case; facts that do not shape a timeline leave it as it is. */
export function evolveCaseTimeline(timeline: CaseTimeline | null, fact: ReportFact): CaseTimeline | null {
  if (timeline === null) {
    if (fact.kind !== 'opened') return null;
    return {
      caseId: fact.caseId,
      clientId: fact.clientId,
      districtId: fact.districtId,
      openedOn: fact.on,
      profile: fact.profile,
      assignments: [{ on: fact.on, organisationUnitId: fact.organisationUnitId, caseManagerId: fact.caseManagerId }],
      lifecycle: [],
      statuses: [],
      jurisdictions: [],
      assessments: [],
    };
  }
  switch (fact.kind) {
    case 'reassigned':
      return { ...timeline, assignments: [...timeline.assignments, { on: fact.on, organisationUnitId: fact.organisationUnitId, caseManagerId: fact.caseManagerId }] };
    case 'closed':
      return { ...timeline, lifecycle: [...timeline.lifecycle, { kind: 'closed', on: fact.on, reason: fact.reason, organisationUnitId: fact.organisationUnitId }] };
    case 'reopened':
      return { ...timeline, lifecycle: [...timeline.lifecycle, { kind: 'reopened', on: fact.on, reason: null, organisationUnitId: fact.organisationUnitId }] };
    case 'legal_status':
      return {
        ...timeline,
        statuses: [
          ...timeline.statuses,
          { eventId: fact.eventId, category: fact.category, legalBasis: fact.legalBasis, effectiveOn: fact.on, organisationUnitId: fact.organisationUnitId },
        ],
      };
    case 'corrected':
      return fact.legalStatus === null ? timeline : { ...timeline, statuses: corrected(timeline.statuses, fact.correctedEventId, fact.legalStatus, fact.organisationUnitId) };
    case 'jurisdiction':
      return { ...timeline, jurisdictions: [...timeline.jurisdictions, { to: fact.to, effectiveOn: fact.on }] };
    case 'needs_assessed':
      return { ...timeline, assessments: [...timeline.assessments, { on: fact.on, organisationUnitId: fact.organisationUnitId, needs: fact.needs }] };
    default:
      return timeline;
  }
}

/**
 * A corrected status replaces the record it names. A correction naming no record of this case still states
 * the status that applies (the case state takes it as current), so it is kept as a record of its own.
 */
function corrected(statuses: StatusRecord[], eventId: string, status: { category: ResidenceCategory; legalBasis: LegalBasis; effectiveOn: CalendarDate }, unit: string): StatusRecord[] {
  const index = statuses.findIndex((record) => record.eventId === eventId);
  if (index < 0) return [...statuses, { eventId, ...status, organisationUnitId: unit }];
  return statuses.map((record, i) => (i === index ? { ...record, category: status.category, legalBasis: status.legalBasis, effectiveOn: status.effectiveOn } : record));
}

// Questions the indicators ask of a timeline

/** Reassignments have no date of their own: the one entered last on or before `date` applies. */
export function assignmentOn(timeline: CaseTimeline, date: CalendarDate): Assignment {
  let current = timeline.assignments[0];
  for (const assignment of timeline.assignments) if (assignment.on <= date) current = assignment;
  return current;
}

/** Open at the end of `date`: opened by then, and its last closure or reopening by then was not a closure. */
export function isOpenAtEndOf(timeline: CaseTimeline, date: CalendarDate): boolean {
  if (timeline.openedOn > date) return false;
  let open = true;
  for (const step of timeline.lifecycle) if (step.on <= date) open = step.kind === 'reopened';
  return open;
}

/** The date since which the case is closed for good (as far as recorded), or null while it is open. */
export function closedSince(timeline: CaseTimeline): CalendarDate | null {
  const last = timeline.lifecycle.at(-1);
  return last?.kind === 'closed' ? last.on : null;
}

/**
 * The case was open at some time during the period: open when it began, or opened or reopened within it.
 * `dayBefore` (the day before the period) may be passed in by a caller asking for many cases.
 */
export function wasServedIn(timeline: CaseTimeline, period: ReportPeriod, dayBefore = addDays(period.from, -1)): boolean {
  if (timeline.openedOn > period.to) return false;
  if (timeline.openedOn >= period.from || isOpenAtEndOf(timeline, dayBefore)) return true;
  return timeline.lifecycle.some((step) => step.kind === 'reopened' && step.on >= period.from && step.on <= period.to);
}

/** The record in effect on `date`: the latest to take effect by then; of equal dates, the later entry. */
function latestBy<T>(records: readonly T[], effectiveOn: (record: T) => CalendarDate, date: CalendarDate): T | null {
  let found: T | null = null;
  for (const record of records) {
    if (effectiveOn(record) <= date && (found === null || effectiveOn(record) >= effectiveOn(found))) found = record;
  }
  return found;
}

export function statusOn(timeline: CaseTimeline, date: CalendarDate): StatusRecord | null {
  return latestBy(timeline.statuses, (record) => record.effectiveOn, date);
}

/** The status at intake; when none was in effect yet, the first recorded by the end of the period. */
export function statusAtIntake(timeline: CaseTimeline, periodEnd: CalendarDate): StatusRecord | null {
  const atOpening = statusOn(timeline, timeline.openedOn);
  if (atOpening !== null) return atOpening;
  return chronological(timeline.statuses).find((record) => record.effectiveOn <= periodEnd) ?? null;
}

export function jurisdictionOn(timeline: CaseTimeline, date: CalendarDate): Jurisdiction | null {
  return latestBy(timeline.jurisdictions, (record) => record.effectiveOn, date)?.to ?? null;
}

/** Status records by the date they took effect; of equal dates, in the order they were entered. */
export function chronological(statuses: readonly StatusRecord[]): StatusRecord[] {
  return statuses.map((record, index) => ({ record, index })).sort((a, b) => compareDates(a.record.effectiveOn, b.record.effectiveOn) || a.index - b.index).map((entry) => entry.record);
}

function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
