import type { Gender, LifeArea, NeedLevel, RecordedClosureReason } from '../../domain/case/case.vocabulary';
import type { CaseTimeline } from '../../domain/reporting/case-timeline.fold';
import type { Jurisdiction } from '../../domain/residence-law/benefit-jurisdiction.vocabulary';
import type { LegalBasis, ResidenceCategory } from '../../domain/residence-law/residence-status.taxonomy';

/**
 * How a timeline is stored in `case_versions`: JSON arrays instead of objects, each unit id once (entries
 * refer to it by position), no district (the row has it) and no status event ids (only the projection needs
 * them, to apply corrections, and it keeps full timelines in `cases`). About half the bytes of the objects and
 * quicker to parse, which is most of a year's report: one timeline per case.
 */
type Encoded = [
  caseId: string,
  clientId: string,
  openedOn: string,
  birthYear: number | null,
  gender: Gender,
  countryOfOrigin: string | null,
  units: string[],
  /** on, unit index, case manager; repeated. */
  assignments: Array<string | number>,
  /** kind (c or r), on, reason, unit index; repeated. */
  lifecycle: Array<string | number | null>,
  /** category, legal basis, effective on, unit index; repeated. */
  statuses: Array<string | number>,
  /** to, effective on; repeated. */
  jurisdictions: string[],
  /** Per assessment: on, unit index, then life area and level pairs. */
  assessments: Array<Array<string | number>>,
];

/** Loops rather than `flatMap`, which builds an array per entry: a rebuild encodes a version per changed timeline. */
export function encodeTimeline(t: CaseTimeline): string {
  const units: string[] = [];
  const unit = (id: string): number => {
    const known = units.indexOf(id);
    return known >= 0 ? known : units.push(id) - 1;
  };
  const assignments: Encoded[7] = [];
  for (const a of t.assignments) assignments.push(a.on, unit(a.organisationUnitId), a.caseManagerId);
  const lifecycle: Encoded[8] = [];
  for (const l of t.lifecycle) lifecycle.push(l.kind === 'closed' ? 'c' : 'r', l.on, l.reason, unit(l.organisationUnitId));
  const statuses: Encoded[9] = [];
  for (const s of t.statuses) statuses.push(s.category, s.legalBasis, s.effectiveOn, unit(s.organisationUnitId));
  const jurisdictions: Encoded[10] = [];
  for (const j of t.jurisdictions) jurisdictions.push(j.to, j.effectiveOn);
  const assessments: Encoded[11] = [];
  for (const a of t.assessments) {
    const encoded: Array<string | number> = [a.on, unit(a.organisationUnitId)];
    for (const [area, level] of a.needs) encoded.push(area, level);
    assessments.push(encoded);
  }
  const { birthYear, gender, countryOfOrigin } = t.profile;
  const encoded: Encoded = [t.caseId, t.clientId, t.openedOn, birthYear, gender, countryOfOrigin, units, assignments, lifecycle, statuses, jurisdictions, assessments];
  return JSON.stringify(encoded);
}

export function decodeTimeline(json: string, districtId: string): CaseTimeline {
  const [caseId, clientId, openedOn, birthYear, gender, countryOfOrigin, units, assignments, lifecycle, statuses, jurisdictions, assessments] = JSON.parse(json) as Encoded;
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
  for (let i = 0; i < assignments.length; i += 3) {
    timeline.assignments.push({ on: assignments[i] as string, organisationUnitId: units[assignments[i + 1] as number], caseManagerId: assignments[i + 2] as string });
  }
  for (let i = 0; i < lifecycle.length; i += 4) {
    timeline.lifecycle.push({
      kind: lifecycle[i] === 'c' ? 'closed' : 'reopened',
      on: lifecycle[i + 1] as string,
      reason: lifecycle[i + 2] as RecordedClosureReason | null,
      organisationUnitId: units[lifecycle[i + 3] as number],
    });
  }
  for (let i = 0; i < statuses.length; i += 4) {
    timeline.statuses.push({
      eventId: '',
      category: statuses[i] as ResidenceCategory,
      legalBasis: statuses[i + 1] as LegalBasis,
      effectiveOn: statuses[i + 2] as string,
      organisationUnitId: units[statuses[i + 3] as number],
    });
  }
  for (let i = 0; i < jurisdictions.length; i += 2) timeline.jurisdictions.push({ to: jurisdictions[i] as Jurisdiction, effectiveOn: jurisdictions[i + 1] });
  for (const [on, unitIndex, ...needs] of assessments) {
    const pairs: Array<readonly [LifeArea, NeedLevel]> = [];
    for (let i = 0; i < needs.length; i += 2) pairs.push([needs[i] as LifeArea, needs[i + 1] as NeedLevel]);
    timeline.assessments.push({ on: on as string, organisationUnitId: units[unitIndex as number], needs: pairs });
  }
  return timeline;
}
