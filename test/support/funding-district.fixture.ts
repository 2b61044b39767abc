import { CaseScript, eventLog } from './case-history.builder';

/**
 * A small district built by hand for the funding report of the first quarter of 2025, as recorded on
 * 10 April 2025 (report A); by 30 April (report B) a late session, a late closure and two corrections have
 * been entered. Two units (KI, DRK), twelve cases, eleven people (k1 has a case in each unit), and one case
 * of another district that must never count. Every figure the tests expect is derived in the comments here.
 */
export const DISTRICT = 'district-hs';
export const OTHER_DISTRICT = 'district-ac';
export const KI = 'unit-ki';
export const DRK = 'unit-drk';
export const OTHER_UNIT = 'unit-ac';

export const AS_RECORDED_A = '2025-04-10';
export const AS_RECORDED_B = '2025-04-30';
const LATE = '2025-04-20';

const inKi = { districtId: DISTRICT, organisationUnitId: KI, caseManagerId: 'cm-ki-1' };
const inDrk = { districtId: DISTRICT, organisationUnitId: DRK, caseManagerId: 'cm-drk-1' };

export function fundingDistrictScripts(): CaseScript[] {
  // C1 (KI): asylum seeker recognised in February (recognition; AsylbLG -> SGB II), three sessions, need in
  // language down from 3 to 2, work unchanged; language goal achieved; a referral taken up.
  const c1 = new CaseScript({ ...inKi, caseId: 'c01', clientId: 'k1', openedOn: '2024-10-01', profile: { gender: 'female', birthYear: 1990, countryOfOrigin: 'SY' } })
    .status('2024-10-01', 'asylum_seeker', 'asylg_55')
    .jurisdiction('2024-10-01', 'asylblg')
    .assess('2024-10-05', [['language', 3], ['work_and_income', 2]])
    .goal('2024-10-10', 'g1', 'language')
    .session('2025-01-15', 'office', 60, { interpreter: true })
    .referral('2025-01-15', 'r1', 'integration_course')
    .referralOutcome('2025-02-01', 'r1', 'taken_up')
    .status('2025-02-10', 'residence_permit', 'aufenthg_25_2')
    .jurisdiction('2025-02-10', 'sgb_ii')
    .session('2025-02-12', 'home_visit', 90, { interpreter: true, household: 2 })
    .session('2025-03-05', 'office', 45)
    .assess('2025-03-10', [['language', 2], ['work_and_income', 2]])
    .closeGoal('2025-03-20', 'g1', 'achieved')
    .correctOther(LATE);

  // C2 (KI, then DRK from 20 March): intake in the period; its sessions before the move count for KI, the
  // one after for DRK; the person counts for DRK (the unit holding the case at the end).
  const c2 = new CaseScript({ ...inKi, caseId: 'c02', clientId: 'k2', openedOn: '2025-01-20', profile: { gender: 'male', birthYear: 1985, countryOfOrigin: 'SY' } })
    .status('2025-01-20', 'asylum_seeker', 'asylg_55')
    .jurisdiction('2025-01-20', 'asylblg')
    .session('2025-01-22', 'office', 60, { interpreter: true, household: 1 })
    .assess('2025-01-25', [['residence_law', 3]])
    .goal('2025-02-01', 'g1', 'residence_law')
    .session('2025-02-19', 'outreach', 60, { interpreter: true })
    .referral('2025-02-19', 'r1', 'job_centre')
    .session('2025-03-19', 'phone', 30)
    .reassign('2025-03-20', DRK, 'cm-drk-2')
    .session('2025-03-26', 'office', 60);

  // C3 (KI): a young person under § 24, closed with goals achieved in February.
  const c3 = new CaseScript({ ...inKi, caseId: 'c03', clientId: 'k3', openedOn: '2024-06-01', profile: { gender: 'female', birthYear: 2008, countryOfOrigin: 'UA' } })
    .status('2024-06-01', 'residence_permit', 'aufenthg_24')
    .jurisdiction('2024-06-01', 'sgb_ii')
    .goal('2024-07-01', 'g1', 'school')
    .session('2025-01-10', 'video', 45)
    .session('2025-02-20', 'office', 60, { household: 1 })
    .closeGoal('2025-02-25', 'g1', 'achieved')
    .close('2025-02-28', 'goals_achieved');

  // C4 (KI): closed before the period: counts nowhere.
  const c4 = new CaseScript({ ...inKi, caseId: 'c04', clientId: 'k4', openedOn: '2023-03-01', profile: { gender: 'male', birthYear: 1960, countryOfOrigin: 'TR' } })
    .status('2023-03-01', 'settlement_permit', 'aufenthg_9')
    .session('2024-01-10', 'office', 60)
    .close('2024-09-30', 'moved_away');

  // C5 (KI): Duldung to § 25b in March (and AsylbLG -> SGB II); a referral completed; a goal dropped.
  const c5 = new CaseScript({ ...inKi, caseId: 'c05', clientId: 'k5', openedOn: '2024-11-15', profile: { gender: 'female', birthYear: 1999, countryOfOrigin: 'AF' } })
    .status('2024-11-15', 'tolerated', 'aufenthg_60a')
    .jurisdiction('2024-11-15', 'asylblg')
    .goal('2024-11-20', 'g1', 'residence_law')
    .session('2025-01-08', 'accompaniment', 120, { interpreter: true })
    .referral('2025-01-08', 'r1', 'immigration_office')
    .referralOutcome('2025-02-15', 'r1', 'completed')
    .closeGoal('2025-02-15', 'g1', 'dropped')
    .status('2025-03-01', 'residence_permit', 'aufenthg_25b')
    .jurisdiction('2025-03-01', 'sgb_ii')
    .session('2025-03-03', 'office', 60, { interpreter: true, household: 3 })
    .goal('2025-03-03', 'g2', 'work_and_income');

  // C6 (DRK): three sessions, a declined referral, a service gap; closed late (entered after report A).
  const c6 = new CaseScript({ ...inDrk, caseId: 'c06', clientId: 'd1', openedOn: '2024-12-01', profile: { gender: 'male', birthYear: 1975, countryOfOrigin: 'IQ' } })
    .status('2024-12-01', 'asylum_seeker', 'asylg_55')
    .jurisdiction('2024-12-01', 'asylblg')
    .session('2025-01-13', 'office', 60, { interpreter: true })
    .referral('2025-01-13', 'r1', 'adult_migration_counselling')
    .referralOutcome('2025-02-10', 'r1', 'declined')
    .session('2025-02-10', 'home_visit', 60, { interpreter: true, household: 2 })
    .serviceGap('2025-02-10', 'housing', 8)
    .session('2025-03-10', 'office', 60, { interpreter: true })
    .close('2025-03-31', 'handed_to_regular_services', { recordedOn: LATE });

  // C7 (DRK): intake in February with a protection status already granted.
  const c7 = new CaseScript({ ...inDrk, caseId: 'c07', clientId: 'd2', openedOn: '2025-02-03', profile: { gender: 'female', birthYear: 1988, countryOfOrigin: 'ER' } })
    .status('2025-02-03', 'residence_permit', 'aufenthg_25_2')
    .jurisdiction('2025-02-03', 'sgb_ii')
    .session('2025-02-05', 'office', 60, { interpreter: true, household: 1 })
    .assess('2025-02-06', [['housing', 3]])
    .goal('2025-02-06', 'g1', 'housing')
    .session('2025-03-12', 'office', 60);

  // C8 (DRK): closed in December, reopened in January: a reopening, and active at the end.
  const c8 = new CaseScript({ ...inDrk, caseId: 'c08', clientId: 'd3', openedOn: '2024-09-01', profile: { gender: 'female', birthYear: 1970, countryOfOrigin: 'RO' } })
    .status('2024-09-01', 'eu_free_movement', 'freizuegg_eu_2')
    .jurisdiction('2024-09-01', 'none')
    .close('2024-12-20', 'no_contact')
    .reopen('2025-01-15')
    .session('2025-01-15', 'office', 60)
    .session('2025-02-26', 'phone', 30);

  // C9 (DRK): intake at the end of March; its first session is entered late.
  const c9 = new CaseScript({ ...inDrk, caseId: 'c09', clientId: 'd4', openedOn: '2025-03-25', profile: { gender: 'male', birthYear: 2000, countryOfOrigin: 'GN' } })
    .status('2025-03-25', 'asylum_seeker', 'asylg_55')
    .jurisdiction('2025-03-25', 'asylblg')
    .session('2025-03-28', 'office', 60, { recordedOn: LATE });

  // C10 (DRK): Duldung to § 104c in January, corrected after report A: it was § 25b.
  const c10 = new CaseScript({ ...inDrk, caseId: 'c10', clientId: 'd5', openedOn: '2024-05-01', profile: { gender: 'female', birthYear: 1995, countryOfOrigin: 'SY' } })
    .status('2024-05-01', 'tolerated', 'aufenthg_60a')
    .jurisdiction('2024-05-01', 'asylblg')
    .status('2025-01-20', 'residence_permit', 'aufenthg_104c')
    .session('2025-01-20', 'office', 60, { interpreter: true })
    .correctStatus(LATE, '2025-01-20', 'residence_permit', 'aufenthg_25b');

  // C11 (DRK): nothing recorded about the person; their data is erased in March, which closes the case.
  const c11 = new CaseScript({ ...inDrk, caseId: 'c11', clientId: 'd6', openedOn: '2024-08-01', profile: { gender: 'diverse' } })
    .session('2025-02-03', 'outreach', 30)
    .erase('2025-03-15');

  // C12 (DRK): k1, who also has C1 at KI, opens a second case in March.
  const c12 = new CaseScript({ ...inDrk, caseId: 'c12', clientId: 'k1', openedOn: '2025-03-03', profile: { gender: 'female', birthYear: 1990, countryOfOrigin: 'SY' } })
    .status('2025-03-03', 'residence_permit', 'aufenthg_25_2')
    .session('2025-03-04', 'office', 60);

  // Another district: must not count anywhere.
  const other = new CaseScript({ districtId: OTHER_DISTRICT, organisationUnitId: OTHER_UNIT, caseManagerId: 'cm-ac', caseId: 'c99', clientId: 'a1', openedOn: '2025-01-10', profile: { gender: 'male', birthYear: 1980, countryOfOrigin: 'SY' } })
    .status('2025-01-10', 'asylum_seeker', 'asylg_55')
    .session('2025-01-12', 'office', 60)
    .referral('2025-01-12', 'r1', 'job_centre');

  return [c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, other];
}

export function fundingDistrictLog() {
  return eventLog(fundingDistrictScripts());
}
