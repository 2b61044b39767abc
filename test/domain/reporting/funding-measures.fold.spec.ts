import { reportSourceEventsOf } from '../../support/report-facts';
import { foldFundingMeasures, type FundingReportRequest } from '../../../src/domain/reporting/funding-measures.fold';
import { recordCutoff } from '../../../src/domain/reporting/record-cutoff.value';
import { extractReportFacts } from '../../../src/domain/reporting/report-facts.extractor';
import { parseReportPeriod } from '../../../src/domain/reporting/report-period.value';
import { AS_RECORDED_A, AS_RECORDED_B, DISTRICT, DRK, fundingDistrictLog, KI } from '../../support/funding-district.fixture';
import { expectedDistrictMeasuresA, expectedDistrictMeasuresB } from './funding-district.measures';

const facts = extractReportFacts(reportSourceEventsOf(fundingDistrictLog()));
const request = (asRecordedOn: string, organisationUnitId: string | null = null, period = '2025-Q1'): FundingReportRequest => ({
  period: parseReportPeriod(period),
  scope: { districtId: DISTRICT, organisationUnitId },
  cutoff: recordCutoff(asRecordedOn),
});

describe('funding report figures of the hand-built district (pure fold over the event log)', () => {
  it('counts every indicator of the first quarter as recorded on 10 April', () => {
    expect(foldFundingMeasures(facts, request(AS_RECORDED_A))).toEqual(expectedDistrictMeasuresA());
  });

  it('as recorded on 30 April, includes the late closure and session and applies the status correction', () => {
    expect(foldFundingMeasures(facts, request(AS_RECORDED_B))).toEqual(expectedDistrictMeasuresB());
  });

  it('per unit: the case moved to DRK in March counts for DRK at the end and for KI where it happened before', () => {
    const ki = foldFundingMeasures(facts, request(AS_RECORDED_A, KI));
    const drk = foldFundingMeasures(facts, request(AS_RECORDED_A, DRK));
    expect(ki.caseload).toEqual(expect.objectContaining({ activeAtEnd: 2, intakes: 1, reopenings: 0, caseManagers: 1 }));
    expect(drk.caseload).toEqual(expect.objectContaining({ activeAtEnd: 7, intakes: 3, reopenings: 1, caseManagers: 2 }));
    expect(ki.people.clients).toBe(3); // k1 (C1), k3, k5
    expect(drk.people.clients).toBe(8); // k2 (moved), d1..d6, k1 (C12)
    const sessions = (m: typeof ki) => Object.values(m.activity.sessionsByFormat).reduce((a, b) => a + b, 0);
    expect([sessions(ki), sessions(drk)]).toEqual([10, 11]);
    expect(ki.activity.minutesByFormat.office + drk.activity.minutesByFormat.office).toBe(765);
  });

  it('a report of the whole year 2024 as recorded on 10 April 2025 sees only what happened in 2024', () => {
    const year = foldFundingMeasures(facts, request(AS_RECORDED_A, null, '2024'));
    // Intakes in 2024: C1 C3 C5 C6 C8 C10 C11; C4 closed (moved away), C8 closed (no contact).
    expect(year.caseload).toEqual(expect.objectContaining({ intakes: 7, reopenings: 0, activeAtEnd: 6 }));
    expect(year.caseload.closuresByReason).toEqual(expect.objectContaining({ moved_away: 1, no_contact: 1 }));
    expect(year.activity.sessionsByFormat.office).toBe(1); // C4, January 2024
  });

  it('ignores events recorded after the cut-off even when they happened in the period', () => {
    const before = foldFundingMeasures(facts, request('2025-02-28'));
    expect(before.caseload.intakes).toBe(2); // C2, C7; C9 and C12 were opened in March
    expect(before.residenceChanges.aufenthg_25b).toBe(0); // C5's change took effect in March
  });
});
