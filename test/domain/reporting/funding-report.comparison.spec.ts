import { reportSourceEventsOf } from '../../support/report-facts';
import { compareFundingReports, type RecordedLater } from '../../../src/domain/reporting/funding-report.comparison';
import { recordCutoff } from '../../../src/domain/reporting/record-cutoff.value';
import { extractReportFacts } from '../../../src/domain/reporting/report-facts.extractor';
import { AS_RECORDED_A, AS_RECORDED_B, DISTRICT, DRK, fundingDistrictLog, KI } from '../../support/funding-district.fixture';
import { reportOf, reportRequest } from './funding-report.fixtures';

const log = fundingDistrictLog();

/** What the projection's `recordedBetween` returns, taken here straight from the facts. */
function recordedBetween(from: string, to: string): RecordedLater[] {
  const [start, end] = [recordCutoff(from).recordedBefore, recordCutoff(to).recordedBefore];
  return extractReportFacts(reportSourceEventsOf(log))
    .filter((fact) => fact.recordedAt >= start && fact.recordedAt < end)
    .map((fact) => ({ kind: fact.kind, on: fact.on, districtId: fact.districtId, organisationUnitId: fact.organisationUnitId, correctsStatus: fact.kind === 'corrected' && fact.legalStatus !== null }));
}

describe('comparing the report sent on 10 April with the same report as recorded on 30 April', () => {
  const before = reportOf(log, reportRequest(DISTRICT, '2025-Q1', AS_RECORDED_A));
  const after = reportOf(log, reportRequest(DISTRICT, '2025-Q1', AS_RECORDED_B));
  const comparison = compareFundingReports(before, after, recordedBetween(AS_RECORDED_A, AS_RECORDED_B));

  it('lists the late entries and the corrections made in between, counted under the small-cell rule', () => {
    expect(comparison.lateEntries).toEqual([
      { type: 'late_entry', kind: 'closed', label: 'Abschlüsse', count: '<5' },
      { type: 'late_entry', kind: 'session', label: 'Beratungsgespräche', count: '<5' },
    ]);
    expect(comparison.corrections).toEqual([
      { type: 'correction', kind: 'legal_status', label: 'Korrekturen des Aufenthaltsstatus', count: '<5' },
      { type: 'correction', kind: 'other', label: 'Korrekturen anderer Einträge (ohne Folgen für die Kennzahlen)', count: '<5' },
    ]);
  });

  it('lists each published figure that changed, before and after, with what may have caused it', () => {
    const summary = comparison.changes.map((change) => [change.table, change.row, change.column, change.before, change.after, change.causes.map((cause) => cause.kind)]);
    expect(summary).toEqual([
      ['caseload.overview', 'active_at_end', 'value', 9, 8, ['closed']],
      ['caseload.closures', 'handed_to_regular_services', 'closures', 0, '<5', ['closed']],
      ['activity.overview', 'sessions', 'value', 21, 22, ['session']],
      ['activity.overview', 'hours', 'value', 20.5, 21.5, ['session']],
      ['activity.formats', 'office', 'sessions', 13, 14, ['session']],
      ['activity.formats', 'total', 'sessions', 21, 22, ['session']],
      // 104c was corrected to 25b: "<5" (2) stays "<5" and does not show; 104c goes from "<5" to 0.
      ['legal_security.changes', 'aufenthg_104c', 'changes', '<5', 0, ['closed', 'legal_status']],
    ]);
    expect(comparison.changes[0]).toEqual(expect.objectContaining({ tableTitle: 'Fallzahlen im Überblick', rowLabel: 'Aktive Fälle zum Ende des Zeitraums', columnLabel: 'Wert' }));
  });

  it('sees only what concerns the unit compared', () => {
    const ki = (asRecordedOn: string) => reportOf(log, reportRequest(DISTRICT, '2025-Q1', asRecordedOn, KI));
    const kiComparison = compareFundingReports(ki(AS_RECORDED_A), ki(AS_RECORDED_B), recordedBetween(AS_RECORDED_A, AS_RECORDED_B));
    expect(kiComparison.changes).toEqual([]);
    expect(kiComparison.lateEntries).toEqual([]);
    expect(kiComparison.corrections.map((cause) => cause.kind)).toEqual(['other']);
    const drk = (asRecordedOn: string) => reportOf(log, reportRequest(DISTRICT, '2025-Q1', asRecordedOn, DRK));
    expect(compareFundingReports(drk(AS_RECORDED_A), drk(AS_RECORDED_B), recordedBetween(AS_RECORDED_A, AS_RECORDED_B)).changes.length).toBeGreaterThan(0);
  });

  it('finds nothing to explain between two days on which nothing was recorded', () => {
    const again = compareFundingReports(before, reportOf(log, reportRequest(DISTRICT, '2025-Q1', '2025-04-15')), recordedBetween(AS_RECORDED_A, '2025-04-15'));
    expect([again.changes, again.lateEntries, again.corrections]).toEqual([[], [], []]);
  });
});
