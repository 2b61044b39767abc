import fc from 'fast-check';
import type { RecordedEvent } from '../../../src/application/ports/event-store.port';
import type { CaseEvent } from '../../../src/domain/case/case.events';
import { type OpenedCaseState } from '../../../src/domain/case/case.state';
import type { CaseloadRow } from '../../../src/application/caseload/caseload-read-model.port';
import { CASELOAD_EVENT_TYPES, evolveCaseloadRow, nextFollowUpOn, urgentFrom } from '../../../src/projections/caseload/caseload.row';
import { events, histories, oneOfEachEvent, stateOf } from '../../domain/case.fixtures';
import { anyCommandSequence } from '../../domain/case/case.arbitraries';
import { acceptedEvents } from '../support/test-event-log';

function rowOf(history: readonly CaseEvent[]): CaseloadRow | null {
  return history.reduce<CaseloadRow | null>(
    (row, event, index) => evolveCaseloadRow(row, { id: `event-${index}`, ...event } as unknown as RecordedEvent),
    null,
  );
}

describe('caseload row', () => {
  it('agrees with the domain state on everything both track, for any history the deciders accept', () => {
    fc.assert(
      fc.property(anyCommandSequence, (commands) => {
        const history = acceptedEvents(commands);
        const state = stateOf(history) as OpenedCaseState;
        const row = rowOf(history) as CaseloadRow;
        expect({
          phase: row.phase,
          closedOn: row.closedOn,
          caseManagerId: row.caseManagerId,
          organisationUnitId: row.organisationUnitId,
          residenceCategory: row.residenceCategory,
          legalBasis: row.legalBasis,
          permitValidUntil: row.permitValidUntil,
          jurisdiction: row.jurisdiction,
          erased: row.clientDataErased,
          openFollowUps: row.openFollowUps.map((f) => f.followUpId).sort(),
          openReferrals: row.openReferrals.map((r) => r.referralId).sort(),
        }).toEqual({
          phase: state.phase,
          closedOn: state.closedOn,
          caseManagerId: state.caseManagerId,
          organisationUnitId: state.organisationUnitId,
          residenceCategory: state.legalStatus?.status.category ?? null,
          legalBasis: state.legalStatus?.status.legalBasis ?? null,
          permitValidUntil: state.legalStatus?.status.validUntil ?? null,
          jurisdiction: state.jurisdiction,
          erased: state.erased,
          openFollowUps: Object.keys(state.followUps).filter((id) => !state.followUps[id].done).sort(),
          openReferrals: Object.keys(state.referrals).filter((id) => state.referrals[id].open).sort(),
        });
      }),
      { numRuns: 300 },
    );
  });

  it('is changed by no event outside the ones it names, so batches of only those are skipped', () => {
    let row: CaseloadRow | null = null;
    for (const [index, event] of oneOfEachEvent().entries()) {
      const next = evolveCaseloadRow(row, { id: `event-${index}`, ...event } as unknown as RecordedEvent);
      if (!CASELOAD_EVENT_TYPES.has(event.type)) expect(next).toBe(row);
      row = next;
    }
  });

  it('has no row before the case is opened', () => {
    expect(rowOf([events.consentRecorded(), events.counsellingSessionHeld()])).toBeNull();
  });

  it('keeps the latest session date as last contact, whatever order sessions are recorded in', () => {
    const row = rowOf([
      ...histories.withConsent(),
      events.counsellingSessionHeld({ heldOn: '2025-03-07' }),
      events.counsellingSessionHeld({ heldOn: '2025-03-05' }),
    ]);
    expect(row?.lastContactOn).toBe('2025-03-07');
  });

  describe('urgency', () => {
    const withFollowUp = [...histories.withConsent(), events.followUpScheduled({ dueOn: '2025-04-01' })];

    it('starts the day after the next follow-up is due', () => {
      const row = rowOf([...withFollowUp, events.followUpScheduled({ followUpId: 'follow-up-2', dueOn: '2025-03-20' })]) as CaseloadRow;
      expect(nextFollowUpOn(row)).toBe('2025-03-20');
      expect(urgentFrom(row)).toBe('2025-03-21');
    });

    it('starts 90 days before the permit expires when that comes first', () => {
      const row = rowOf([
        ...withFollowUp,
        events.legalStatusChanged({
          status: { category: 'residence_permit', legalBasis: 'aufenthg_25_2', document: 'electronic_residence_title', validFrom: '2025-03-05', validUntil: '2025-06-01' },
        }),
      ]) as CaseloadRow;
      expect(urgentFrom(row)).toBe('2025-03-03');
    });

    it('is none without follow-ups or a limited permit, and none for a closed case', () => {
      expect(urgentFrom(rowOf([...histories.withConsent(), events.naturalised()]) as CaseloadRow)).toBeNull();
      const closed = rowOf([...withFollowUp, events.caseClosed()]) as CaseloadRow;
      expect([nextFollowUpOn(closed), urgentFrom(closed)]).toEqual([null, null]);
      const reopened = rowOf([...withFollowUp, events.caseClosed(), events.caseReopened()]) as CaseloadRow;
      expect([nextFollowUpOn(reopened), urgentFrom(reopened)]).toEqual(['2025-04-01', '2025-04-02']);
    });
  });
});
