import fc from 'fast-check';
import { summarizeEvent } from '../../../src/domain/audit/event.summary';
import { EVENT_TYPE_LABELS } from '../../../src/domain/audit/event-type.labels';
import type { CaseDataAccessedData } from '../../../src/domain/audit/case-access.events';
import { CASE_EVENT_TYPES, type CaseEvent } from '../../../src/domain/case/case.events';
import { mapPersonalData } from '../../../src/domain/case/personal-data.registry';
import { anyCommandSequence } from '../case/case.arbitraries';
import { CLIENT_PERSONAL, PII_MARKER, events, oneOfEachEvent } from '../case.fixtures';
import { acceptedEvents } from '../../projections/support/test-event-log';

/** What the log holds: every registered personal value replaced by a ciphertext-like object. */
const sealed = (event: CaseEvent): unknown =>
  mapPersonalData(event.type, event.data, () => ({ $sealed: 'v1', c: 'client-x', d: 'AAAA' }));

describe('German one-line summaries of entries', () => {
  it('has a summary of its own, not just the label, for an event of every type', () => {
    const all = oneOfEachEvent();
    expect(new Set(all.map((event) => event.type))).toEqual(new Set(CASE_EVENT_TYPES));
    for (const event of all) {
      const summary = summarizeEvent(event.type, event.data);
      expect(summary).not.toBe(EVENT_TYPE_LABELS[event.type]);
      expect(summary).not.toMatch(/unbekannt|ungültig/);
    }
  });

  it('says what happened in German', () => {
    expect(summarizeEvent('CounsellingSessionHeld', events.counsellingSessionHeld().data)).toBe(
      'Beratungskontakt am 06.03.2025: Hausbesuch, 60 Minuten (Aufenthaltsrecht, Wohnen), mit Dolmetschung',
    );
    expect(summarizeEvent('JurisdictionChanged', events.jurisdictionChanged({ from: 'asylblg', to: 'sgb_ii' }).data)).toBe(
      'Rechtskreiswechsel: Asylbewerberleistungsgesetz (AsylbLG) → Grundsicherung für Arbeitsuchende (SGB II), ab 03.03.2025',
    );
  });

  it('never reads a personal field: the summary of the stored (sealed) event is the same and holds no personal value', () => {
    fc.assert(
      fc.property(anyCommandSequence, (commands) => {
        for (const event of [...acceptedEvents(commands), ...oneOfEachEvent()]) {
          const summary = summarizeEvent(event.type, event.data);
          expect(summarizeEvent(event.type, sealed(event))).toBe(summary);
          expect(summary).not.toContain(PII_MARKER);
          expect(summary).not.toContain(CLIENT_PERSONAL.dateOfBirth!.slice(0, 4));
        }
      }),
      { numRuns: 100 },
    );
  });

  it('does not echo a value that is not one of its codes (an altered row)', () => {
    const altered = { ...events.counsellingSessionHeld().data, format: 'Amina Haddad', heldOn: 'Amina' };
    const summary = summarizeEvent('CounsellingSessionHeld', altered);
    expect(summary).not.toContain('Amina');
    expect(summary).toContain('(unbekannter Wert)');
    const reassigned = events.caseReassigned({ to: { caseManagerId: 'Amina Haddad', organisationUnitId: 'unit-2' } }).data;
    expect(summarizeEvent('CaseReassigned', reassigned)).not.toContain('Amina');
  });

  it('falls back to the label for data of an unexpected shape, and names an unknown type as it is', () => {
    expect(summarizeEvent('CounsellingSessionHeld', null)).toBe('Beratungskontakt');
    expect(summarizeEvent('SomethingNew', { a: 1 })).toBe('Eintrag SomethingNew');
  });

  describe('reads of a case', () => {
    const access = (data: Partial<CaseDataAccessedData>): CaseDataAccessedData => ({
      caseId: 'c',
      access: 'view',
      view: 'case_file',
      asOf: null,
      atRevision: null,
      personalData: 'masked',
      reason: 'Prüfauftrag 2026-17',
      revealed: [],
      ...data,
    });

    it('names the view, the point in the history and how personal data was shown, never the reason', () => {
      expect(summarizeEvent('CaseDataAccessed', access({}))).toBe('Einsicht: Fallakte (personenbezogene Daten maskiert)');
      expect(summarizeEvent('CaseDataAccessed', access({ atRevision: 4, personalData: 'plain' }))).toBe(
        'Einsicht: Fallakte, Stand 4 (mit personenbezogenen Daten)',
      );
      expect(summarizeEvent('CaseDataAccessed', access({ view: 'history', asOf: '2025-03-10T09:00:00Z' }))).toBe(
        'Einsicht: Verlauf, Stand vom 2025-03-10T09:00:00Z (personenbezogene Daten maskiert)',
      );
      expect(summarizeEvent('CaseDataAccessed', access({}))).not.toContain('Prüfauftrag');
    });

    it('counts the fields a reveal showed', () => {
      const reveal = access({
        access: 'reveal',
        view: 'personal_data',
        personalData: 'revealed',
        revealed: [
          { eventId: 'e1', fields: ['client.personal'] },
          { eventId: 'e2', fields: ['note', 'reason'] },
        ],
      });
      expect(summarizeEvent('CaseDataAccessed', reveal)).toBe('Offenlegung personenbezogener Daten: 3 Feld(er) in 2 Eintrag/Einträgen');
    });
  });
});
