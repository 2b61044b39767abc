import type { LifeArea } from '../case/case.vocabulary';
import { addDays, yearOf } from '../time/calendar-date.value';
import {
  assignmentOn,
  chronological,
  isOpenAtEndOf,
  jurisdictionOn,
  statusAtIntake,
  statusOn,
  wasServedIn,
  type CaseTimeline,
} from './case-timeline.fold';
import { emptyTimelineMeasures, isInScope, type ReportScope, type TimelineMeasures } from './funding-measures.model';
import { ageBandOf, NOT_RECORDED, type NeedChange } from './funding-report.vocabulary';
import type { ReportPeriod } from './report-period.value';
import { residenceChangeTarget } from './residence-change.classifier';

/**
 * The figures about cases and people, from the timelines of the district's cases as recorded by the cut-off.
 * Where a case belongs at a point in time (active at the end, the people served) it counts for the unit that
 * held it at the end of the period; what happened at a moment (intake, closure, a status change, an
 * assessment) counts for the unit that held it then.
 */
export function foldTimelineMeasures(timelines: Iterable<CaseTimeline>, period: ReportPeriod, scope: ReportScope): TimelineMeasures {
  const measures = emptyTimelineMeasures();
  const { caseload, people } = measures;
  const caseManagers = new Set<string>();
  const servedByClient = new Map<string, CaseTimeline>();
  const inPeriod = (date: string) => date >= period.from && date <= period.to;
  const dayBeforePeriod = addDays(period.from, -1);

  for (const timeline of timelines) {
    if (timeline.districtId !== scope.districtId) continue;
    const atEnd = assignmentOn(timeline, period.to);
    const heldAtEnd = isInScope(scope, timeline.districtId, atEnd.organisationUnitId);

    if (inPeriod(timeline.openedOn) && isInScope(scope, timeline.districtId, timeline.assignments[0].organisationUnitId)) caseload.intakes += 1;
    for (const step of timeline.lifecycle) {
      if (!inPeriod(step.on) || !isInScope(scope, timeline.districtId, step.organisationUnitId)) continue;
      if (step.kind === 'reopened') caseload.reopenings += 1;
      else if (step.reason !== null) caseload.closuresByReason[step.reason] += 1;
    }
    if (heldAtEnd && isOpenAtEndOf(timeline, period.to)) {
      caseload.activeAtEnd += 1;
      caseManagers.add(atEnd.caseManagerId);
    }

    if (!wasServedIn(timeline, period, dayBeforePeriod)) continue;
    if (heldAtEnd) {
      const known = servedByClient.get(timeline.clientId);
      if (known === undefined || isMoreRecent(timeline, known)) servedByClient.set(timeline.clientId, timeline);
    }
    countResidenceChanges(measures, timeline, period, scope);
    countNeedChanges(measures, timeline, period, scope);
  }
  caseload.caseManagers = caseManagers.size;

  const endYear = yearOf(period.to);
  for (const timeline of servedByClient.values()) {
    people.clients += 1;
    people.byGender[timeline.profile.gender] += 1;
    people.byAgeBand[ageBandOf(timeline.profile.birthYear, endYear)] += 1;
    const country = timeline.profile.countryOfOrigin ?? NOT_RECORDED;
    people.byCountry[country] = (people.byCountry[country] ?? 0) + 1;
    people.residenceAtIntake[statusAtIntake(timeline, period.to)?.category ?? NOT_RECORDED] += 1;
    people.residenceAtEnd[statusOn(timeline, period.to)?.category ?? NOT_RECORDED] += 1;
    people.jurisdictionAtEnd[jurisdictionOn(timeline, period.to) ?? NOT_RECORDED] += 1;
  }
  return measures;
}

/** A person with several cases is described by the most recently opened one. */
function isMoreRecent(candidate: CaseTimeline, known: CaseTimeline): boolean {
  if (candidate.openedOn !== known.openedOn) return candidate.openedOn > known.openedOn;
  return candidate.caseId > known.caseId;
}

/** A change is a record whose category or legal basis differs from the one in effect before it. */
function countResidenceChanges(measures: TimelineMeasures, timeline: CaseTimeline, period: ReportPeriod, scope: ReportScope): void {
  if (timeline.statuses.length < 2) return;
  const records = chronological(timeline.statuses);
  for (let i = 1; i < records.length; i++) {
    const record = records[i];
    if (record.effectiveOn < period.from || record.effectiveOn > period.to) continue;
    if (!isInScope(scope, timeline.districtId, record.organisationUnitId)) continue;
    const target = residenceChangeTarget(records[i - 1], record);
    if (target !== null) measures.residenceChanges[target] += 1;
  }
}

/**
 * Per life area: the first and the last rating up to the end of the period, counted where the last one falls
 * in the period (the case was reassessed then) and the unit that made it is in scope.
 */
function countNeedChanges(measures: TimelineMeasures, timeline: CaseTimeline, period: ReportPeriod, scope: ReportScope): void {
  if (timeline.assessments.length < 2) return;
  const ratings = new Map<LifeArea, { first: number; last: number; lastOn: string; lastUnit: string; count: number }>();
  const assessments = timeline.assessments
    .map((assessment, index) => ({ assessment, index }))
    .filter(({ assessment }) => assessment.on <= period.to)
    .sort((a, b) => (a.assessment.on < b.assessment.on ? -1 : a.assessment.on > b.assessment.on ? 1 : a.index - b.index));
  for (const { assessment } of assessments) {
    for (const [lifeArea, level] of assessment.needs) {
      const known = ratings.get(lifeArea);
      ratings.set(
        lifeArea,
        known === undefined
          ? { first: level, last: level, lastOn: assessment.on, lastUnit: assessment.organisationUnitId, count: 1 }
          : { ...known, last: level, lastOn: assessment.on, lastUnit: assessment.organisationUnitId, count: known.count + 1 },
      );
    }
  }
  for (const [lifeArea, rating] of ratings) {
    if (rating.count < 2 || rating.lastOn < period.from || !isInScope(scope, timeline.districtId, rating.lastUnit)) continue;
    const change: NeedChange = rating.last < rating.first ? 'decreased' : rating.last > rating.first ? 'increased' : 'unchanged';
    measures.needChanges[lifeArea][change] += 1;
  }
}
