import type { TimelineEntryRecord } from '../../../src/application/legal-status-timeline/legal-status-timeline-read-model.port';
import { legalStatusTimeline, type ResidenceStatusEntry } from '../../../src/application/legal-status-timeline/legal-status-timeline.view';
import type { LegalStatusRecord } from '../../../src/domain/case/case.events';
import { events } from '../../domain/case.fixtures';

const TODAY = '2025-03-10';
const asylum = events.legalStatusChanged().data; // Gestattung until 2025-05-01, effective 2025-03-03
const recognised: LegalStatusRecord = {
  status: { category: 'residence_permit', legalBasis: 'aufenthg_25_2', document: 'electronic_residence_title', validFrom: '2025-03-07', validUntil: '2028-03-06' },
  effectiveOn: '2025-03-07',
  source: 'authority_notice',
};

/** Facts as the projection stores them, numbered in recorded order. */
function facts(...items: Array<Pick<TimelineEntryRecord, 'kind' | 'record'> & { eventId?: string }>): TimelineEntryRecord[] {
  return items.map((item, index) => ({
    caseId: 'case-1',
    revision: index + 2,
    eventId: item.eventId ?? `event-${index + 1}`,
    recordedAt: `2025-03-10T09:0${index}:00.000Z`,
    ...item,
  })) as TimelineEntryRecord[];
}

const statuses = (view: ReturnType<typeof legalStatusTimeline>) => view.entries.filter((e): e is ResidenceStatusEntry => e.kind === 'residence_status');

describe('legal-status timeline view', () => {
  it('orders statuses and jurisdiction changes by effective date, each status with what it replaced', () => {
    const view = legalStatusTimeline(
      'case-1',
      facts(
        { kind: 'status', record: recognised, eventId: 'recognised' },
        { kind: 'jurisdiction', record: { from: 'asylblg', to: 'sgb_ii', effectiveOn: '2025-04-01' } },
        // Recorded later, but in effect before: a status the case manager learned of afterwards.
        { kind: 'status', record: asylum, eventId: 'asylum' },
        { kind: 'jurisdiction', record: { from: null, to: 'asylblg', effectiveOn: '2025-03-03' } },
      ),
      TODAY,
    );

    expect(view.entries.map((e) => [e.kind, e.effectiveOn])).toEqual([
      ['residence_status', '2025-03-03'],
      ['jurisdiction_change', '2025-03-03'],
      ['residence_status', '2025-03-07'],
      ['jurisdiction_change', '2025-04-01'],
    ]);
    const [first, second] = statuses(view);
    expect(first).toMatchObject({
      eventId: 'asylum',
      category: { code: 'asylum_seeker', label: 'Aufenthaltsgestattung (Asylverfahren)' },
      legalBasis: { code: 'asylg_55', paragraph: '§ 55 AsylG', label: 'Aufenthaltsgestattung zur Durchführung des Asylverfahrens' },
      document: { code: 'permission_to_reside_certificate', label: 'Bescheinigung über die Aufenthaltsgestattung' },
      validFrom: '2024-11-01',
      validUntil: '2025-05-01',
      source: { code: 'document_seen', label: 'Dokument eingesehen' },
      // What was current when it was recorded, as the domain's fold sees it: the recognition.
      replaces: { eventId: 'recognised', category: { code: 'residence_permit' }, legalBasis: { paragraph: '§ 25 Abs. 2 AufenthG' } },
      current: true,
    });
    expect(second).toMatchObject({ eventId: 'recognised', replaces: null, current: false });
    expect(view.jurisdiction).toEqual({ code: 'asylblg', label: 'Asylbewerberleistungsgesetz (AsylbLG)', office: 'Sozialamt / Leistungsbehörde nach AsylbLG' });
  });

  it('shows a correction on the entry it corrects, with the values it replaced, and judges expiry by the corrected values', () => {
    const corrected: LegalStatusRecord = { ...asylum, status: { ...asylum.status, validUntil: '2025-09-30' } };
    const view = legalStatusTimeline(
      'case-1',
      facts(
        { kind: 'status', record: asylum, eventId: 'asylum' },
        { kind: 'correction', record: { correctedEventId: 'asylum', correctedLegalStatus: corrected }, eventId: 'fix' },
      ),
      TODAY,
    );

    expect(statuses(view)).toHaveLength(1);
    const [entry] = statuses(view);
    expect(entry).toMatchObject({ eventId: 'asylum', validUntil: '2025-09-30', current: true, correctionOf: null });
    expect(entry.corrections).toEqual([
      { eventId: 'fix', recordedAt: '2025-03-10T09:01:00.000Z', previous: expect.objectContaining({ validUntil: '2025-05-01' }) },
    ]);
    expect(view.current).toEqual({ eventId: 'asylum', validity: 'valid', daysUntilExpiry: 204, expiryWarning: false, warningDays: 90 });
  });

  it('makes a corrected older entry the current one, as the domain does', () => {
    const tolerated: LegalStatusRecord = { ...asylum, status: { ...asylum.status, category: 'tolerated', legalBasis: 'aufenthg_60a' } };
    const view = legalStatusTimeline(
      'case-1',
      facts(
        { kind: 'status', record: asylum, eventId: 'asylum' },
        { kind: 'status', record: recognised, eventId: 'recognised' },
        { kind: 'correction', record: { correctedEventId: 'asylum', correctedLegalStatus: tolerated } },
      ),
      TODAY,
    );
    expect(statuses(view).map((e) => [e.eventId, e.category.code, e.current])).toEqual([
      ['asylum', 'tolerated', true],
      ['recognised', 'residence_permit', false],
    ]);
  });

  it('lists a correction of a status outside this timeline as an entry of its own', () => {
    const view = legalStatusTimeline(
      'case-1',
      facts(
        { kind: 'status', record: asylum, eventId: 'asylum' },
        { kind: 'correction', record: { correctedEventId: 'elsewhere', correctedLegalStatus: recognised }, eventId: 'fix' },
      ),
      TODAY,
    );
    expect(statuses(view).map((e) => [e.eventId, e.correctionOf, e.replaces?.eventId ?? null, e.current])).toEqual([
      ['asylum', null, null, false],
      ['fix', 'elsewhere', 'asylum', true],
    ]);
  });

  it('warns when the current permit expires within 90 days or has expired, and not for a status without end', () => {
    const expiring = legalStatusTimeline('case-1', facts({ kind: 'status', record: asylum }), TODAY);
    expect(expiring.current).toMatchObject({ validity: 'expiring_soon', daysUntilExpiry: 52, expiryWarning: true });

    const expired = legalStatusTimeline('case-1', facts({ kind: 'status', record: asylum }), '2025-05-02');
    expect(expired.current).toMatchObject({ validity: 'expired', daysUntilExpiry: -1, expiryWarning: true });

    const naturalised = legalStatusTimeline('case-1', facts({ kind: 'status', record: asylum }, { kind: 'status', record: events.naturalised().data }), TODAY);
    expect(naturalised.current).toMatchObject({ validity: 'unlimited', daysUntilExpiry: null, expiryWarning: false });
  });

  it('is empty for a case without any status or jurisdiction', () => {
    expect(legalStatusTimeline('case-1', [], TODAY)).toEqual({ caseId: 'case-1', today: TODAY, current: null, jurisdiction: null, entries: [] });
  });
});
