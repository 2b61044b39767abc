import type { CaseTimeline } from '../../../src/domain/reporting/case-timeline.fold';
import { decodeTimeline, encodeTimeline } from '../../../src/projections/funding-report/case-timeline.codec';

describe('the stored form of a case timeline', () => {
  const timeline: CaseTimeline = {
    caseId: 'case-1',
    clientId: 'client-1',
    districtId: 'kreis-a',
    openedOn: '2025-01-10',
    profile: { birthYear: 1990, gender: 'female', countryOfOrigin: 'SY' },
    assignments: [
      { on: '2025-01-10', organisationUnitId: 'unit-a', caseManagerId: 'cm-1' },
      { on: '2025-06-01', organisationUnitId: 'unit-b', caseManagerId: 'cm-2' },
    ],
    lifecycle: [
      { kind: 'closed', on: '2025-09-30', reason: 'goals_achieved', organisationUnitId: 'unit-b' },
      { kind: 'reopened', on: '2025-11-02', reason: null, organisationUnitId: 'unit-c' },
    ],
    statuses: [
      { eventId: 'event-7', category: 'tolerated', legalBasis: 'aufenthg_60a', effectiveOn: '2025-01-10', organisationUnitId: 'unit-a' },
      { eventId: 'event-9', category: 'residence_permit', legalBasis: 'aufenthg_25b', effectiveOn: '2025-07-01', organisationUnitId: 'unit-c' },
    ],
    jurisdictions: [
      { to: 'asylblg', effectiveOn: '2025-01-10' },
      { to: 'sgb_ii', effectiveOn: '2025-07-01' },
    ],
    assessments: [
      { on: '2025-01-20', organisationUnitId: 'unit-a', needs: [['work_and_income', 3], ['education_and_training', 1]] },
      { on: '2025-11-05', organisationUnitId: 'unit-c', needs: [] },
    ],
  };

  it('reads back as written, each unit stored once, without the district and the status event ids', () => {
    const stored = encodeTimeline(timeline);

    expect(decodeTimeline(stored, 'kreis-a')).toEqual({ ...timeline, statuses: timeline.statuses.map((status) => ({ ...status, eventId: '' })) });
    expect(stored).not.toContain('kreis-a');
    expect(stored).not.toContain('event-7');
    expect(stored.split('unit-a')).toHaveLength(2);
    expect(JSON.parse(stored)[6]).toEqual(['unit-a', 'unit-b', 'unit-c']);
  });
});
