import type { Gender, LifeArea, NeedLevel, RecordedClosureReason } from '../../domain/case/case.vocabulary';
import type { CaseTimeline } from '../../domain/reporting/case-timeline.fold';
import type { Jurisdiction } from '../../domain/residence-law/benefit-jurisdiction.vocabulary';
import type { LegalBasis, ResidenceCategory } from '../../domain/residence-law/residence-status.taxonomy';

/**
 * How a timeline is stored in `case_versions`: JSON arrays instead of objects, about half the bytes and twice
 * as fast to parse, which is most of a year's report (one timeline per case). Status event ids are left out:
 * only the projection itself needs them, to apply corrections, and it keeps full timelines in `cases`.
 */
type Encoded = [
  caseId: string,
  clientId: string,
  districtId: string,
  openedOn: string,
  birthYear: number | null,
  gender: Gender,
  countryOfOrigin: string | null,
  assignments: string[],
  lifecycle: Array<string | null>,
  statuses: string[],
  jurisdictions: string[],
  assessments: Array<Array<string | number>>,
];

export function encodeTimeline(t: CaseTimeline): string {
  const encoded: Encoded = [
    t.caseId,
    t.clientId,
    t.districtId,
    t.openedOn,
    t.profile.birthYear,
    t.profile.gender,
    t.profile.countryOfOrigin,
    t.assignments.flatMap((a) => [a.on, a.organisationUnitId, a.caseManagerId]),
    t.lifecycle.flatMap((l) => [l.kind, l.on, l.reason, l.organisationUnitId]),
    t.statuses.flatMap((s) => [s.category, s.legalBasis, s.effectiveOn, s.organisationUnitId]),
    t.jurisdictions.flatMap((j) => [j.to, j.effectiveOn]),
    t.assessments.map((a) => [a.on, a.organisationUnitId, ...a.needs.flat()]),
  ];
  return JSON.stringify(encoded);
}

export function decodeTimeline(json: string): CaseTimeline {
  const [caseId, clientId, districtId, openedOn, birthYear, gender, countryOfOrigin, assignments, lifecycle, statuses, jurisdictions, assessments] = JSON.parse(json) as Encoded;
  const timeline: CaseTimeline = {
    caseId,
    clientId,
    districtId,
    openedOn,
    profile: { birthYear, gender, countryOfOrigin },
    assignments: [],
    lifecycle: [],
    statuses: [],
    jurisdictions: [],
    assessments: [],
  };
  for (let i = 0; i < assignments.length; i += 3) timeline.assignments.push({ on: assignments[i], organisationUnitId: assignments[i + 1], caseManagerId: assignments[i + 2] });
  for (let i = 0; i < lifecycle.length; i += 4) {
    timeline.lifecycle.push({
      kind: lifecycle[i] as 'closed' | 'reopened',
      on: lifecycle[i + 1] as string,
      reason: lifecycle[i + 2] as RecordedClosureReason | null,
      organisationUnitId: lifecycle[i + 3] as string,
    });
  }
  for (let i = 0; i < statuses.length; i += 4) {
    timeline.statuses.push({
      eventId: '',
      category: statuses[i] as ResidenceCategory,
      legalBasis: statuses[i + 1] as LegalBasis,
      effectiveOn: statuses[i + 2],
      organisationUnitId: statuses[i + 3],
    });
  }
  for (let i = 0; i < jurisdictions.length; i += 2) timeline.jurisdictions.push({ to: jurisdictions[i] as Jurisdiction, effectiveOn: jurisdictions[i + 1] });
  for (const [on, organisationUnitId, ...needs] of assessments) {
    const pairs: Array<readonly [LifeArea, NeedLevel]> = [];
    for (let i = 0; i < needs.length; i += 2) pairs.push([needs[i] as LifeArea, needs[i + 1] as NeedLevel]);
    timeline.assessments.push({ on: on as string, organisationUnitId: organisationUnitId as string, needs: pairs });
  }
  return timeline;
}
