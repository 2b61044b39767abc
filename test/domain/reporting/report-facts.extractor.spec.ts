import { reportSourceEventsOf } from '../../support/report-facts';
import { extractReportFact, extractReportFacts, type ReportSourceEvent } from '../../../src/domain/reporting/report-facts.extractor';
import { fundingDistrictLog } from '../../support/funding-district.fixture';

const events = reportSourceEventsOf(fundingDistrictLog());

describe('report facts', () => {
  it('carry no personal data: no names, notes, descriptions, institution names or regions', () => {
    const facts = extractReportFacts(events);
    expect(JSON.stringify(facts)).not.toMatch(/PII/);
    expect(new Set(facts.map((fact) => fact.kind))).toEqual(
      new Set(['opened', 'legal_status', 'jurisdiction', 'needs_assessed', 'goal_agreed', 'session', 'referral', 'referral_outcome', 'goal_closed', 'corrected', 'closed', 'reassigned', 'reopened', 'service_gap']),
    );
  });

  it('carry the life area of the goal a closure ends, and the unit that held the case when it was recorded', () => {
    const facts = extractReportFacts(events);
    expect(facts.find((fact) => fact.caseId === 'c01' && fact.kind === 'goal_closed')).toEqual(expect.objectContaining({ lifeArea: 'language', outcome: 'achieved', on: '2025-03-20' }));
    const c02 = facts.filter((fact) => fact.caseId === 'c02' && fact.kind === 'session').map((fact) => [fact.on, fact.organisationUnitId]);
    expect(c02).toEqual([
      ['2025-01-22', 'unit-ki'],
      ['2025-02-19', 'unit-ki'],
      ['2025-03-19', 'unit-ki'],
      ['2025-03-26', 'unit-drk'],
    ]);
  });

  it('keep counting a client whose data was erased: the erasure closes the case, the facts stay', () => {
    const c11 = extractReportFacts(events).filter((fact) => fact.caseId === 'c11');
    expect(c11.map((fact) => fact.kind)).toEqual(['opened', 'session', 'closed']);
    expect(c11[2]).toEqual(expect.objectContaining({ reason: 'client_data_erased', on: '2025-03-15' }));
  });

  it('never record a fact earlier than one before it in the stream, whatever the server clocks said', () => {
    const opened = events.find((event) => event.caseId === 'c01' && event.type === 'CaseOpened') as ReportSourceEvent;
    const session = events.find((event) => event.caseId === 'c01' && event.type === 'CounsellingSessionHeld') as ReportSourceEvent;
    const first = extractReportFact({ ...opened, recordedAt: 2_000 }, null);
    const second = extractReportFact({ ...session, recordedAt: 1_000 }, first.context);
    expect(second.fact?.recordedAt).toBe(2_000);
  });

  it('ignore what comes before the opening and events the report does not use', () => {
    const session = events.find((event) => event.type === 'CounsellingSessionHeld') as ReportSourceEvent;
    expect(extractReportFact(session, null)).toEqual({ fact: null, context: null });
    const opened = extractReportFact(events[0], null);
    expect(extractReportFact({ ...session, type: 'SomethingElse' }, opened.context).fact).toBeNull();
    const consent = events.find((event) => event.type === 'ConsentRecorded') as ReportSourceEvent;
    expect(extractReportFact(consent, opened.context).fact).toBeNull();
  });
});
