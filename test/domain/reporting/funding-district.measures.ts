import type { FundingMeasures } from '../../../src/domain/reporting/funding-measures.model';
import { emptyOccurrenceMeasures, emptyTimelineMeasures } from '../../../src/domain/reporting/funding-measures.model';

/**
 * The figures of the hand-built district (test/support/funding-district.fixture.ts), derived by hand from
 * its cases: the first quarter of 2025 for the whole district, as recorded on 10 April 2025 (report A).
 */
export function expectedDistrictMeasuresA(): FundingMeasures {
  const m: FundingMeasures = { ...emptyTimelineMeasures(), ...emptyOccurrenceMeasures() };
  // Active at the end: C1 C2 C5 C6 C7 C8 C9 C10 C12; their case managers cm-ki-1, cm-drk-1, cm-drk-2.
  m.caseload.activeAtEnd = 9;
  m.caseload.caseManagers = 3;
  m.caseload.intakes = 4; // C2 C7 C9 C12
  m.caseload.reopenings = 1; // C8
  m.caseload.closuresByReason.goals_achieved = 1; // C3
  m.caseload.closuresByReason.client_data_erased = 1; // C11, closed by the erasure and still counted
  // Ten people served (k1 twice, described by C12); k4 (C4) was closed before the period.
  m.people.clients = 10;
  Object.assign(m.people.byGender, { female: 6, male: 3, diverse: 1, not_stated: 0 });
  Object.assign(m.people.byAgeBand, { '0-17': 1, '18-26': 2, '27-44': 4, '45-64': 2, '65+': 0, unknown: 1 });
  m.people.byCountry = { SY: 3, UA: 1, AF: 1, IQ: 1, ER: 1, RO: 1, GN: 1, unknown: 1 };
  Object.assign(m.people.residenceAtIntake, { asylum_seeker: 3, tolerated: 2, residence_permit: 3, eu_free_movement: 1, unknown: 1 });
  Object.assign(m.people.residenceAtEnd, { asylum_seeker: 3, residence_permit: 5, eu_free_movement: 1, unknown: 1 });
  // k1 is described by C12, which has no jurisdiction recorded.
  Object.assign(m.people.jurisdictionAtEnd, { asylblg: 4, sgb_ii: 3, none: 1, unknown: 2 });
  Object.assign(m.residenceChanges, { recognition: 1, aufenthg_25b: 1, aufenthg_104c: 1 });
  m.needChanges.language.decreased = 1; // C1: 3 -> 2
  m.needChanges.work_and_income.unchanged = 1; // C1: 2 -> 2

  Object.assign(m.activity.sessionsByFormat, { office: 13, home_visit: 2, outreach: 2, phone: 2, video: 1, accompaniment: 1 });
  Object.assign(m.activity.minutesByFormat, { office: 765, home_visit: 150, outreach: 90, phone: 60, video: 45, accompaniment: 120 });
  m.activity.sessionsWithInterpreter = 11;
  m.activity.householdMembersReached = 10; // k1 2, k2 1, k3 1, k5 3, d1 2, d2 1
  m.referrals.integration_course.taken_up = 1;
  m.referrals.job_centre.open = 1;
  m.referrals.immigration_office.completed = 1;
  m.referrals.adult_migration_counselling.declined = 1;
  m.jurisdictionChanges.asylblg.sgb_ii = 2; // C1, C5
  m.goals.residence_law.agreed = 1;
  m.goals.work_and_income.agreed = 1;
  m.goals.housing.agreed = 1;
  m.goals.language.achieved = 1;
  m.goals.school.achieved = 1;
  m.goals.residence_law.dropped = 1;
  m.serviceGaps.housing.reports = 1;
  m.serviceGaps.housing.clients_affected = 8;
  return m;
}

/** Report B (as recorded on 30 April): C6 closed late, C9's session entered late, C10's § 104c corrected to § 25b. */
export function expectedDistrictMeasuresB(): FundingMeasures {
  const m = expectedDistrictMeasuresA();
  m.caseload.activeAtEnd = 8;
  m.caseload.closuresByReason.handed_to_regular_services = 1;
  m.residenceChanges.aufenthg_104c = 0;
  m.residenceChanges.aufenthg_25b = 2;
  m.activity.sessionsByFormat.office = 14;
  m.activity.minutesByFormat.office = 825;
  return m;
}
