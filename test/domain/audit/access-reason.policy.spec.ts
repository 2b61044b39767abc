import { accessReason, assertReasonDoesNotNameClient, MAX_ACCESS_REASON_LENGTH, reasonNamesClient } from '../../../src/domain/audit/access-reason.policy';
import { AccessReasonInvalidError, AccessReasonNamesClientError } from '../../../src/domain/audit/case-access.errors';
import type { ClientPersonalData } from '../../../src/domain/case/case.events';

const client: ClientPersonalData = {
  givenName: 'Amina',
  familyName: 'Al Haddad',
  dateOfBirth: '1990-04-02',
  contact: { phone: '+49 2452 123456', email: 'Amina.H@example.org' },
  address: { street: 'Musterweg 1', postalCode: '52525', city: 'Heinsberg' },
};

describe('the stated reason of a read', () => {
  it('is kept as one normalised line', () => {
    expect(accessReason('  Prüfauftrag   2026-17 ')).toBe('Prüfauftrag 2026-17');
    expect(accessReason('Pru\u0308fauftrag')).toBe('Prüfauftrag');
  });

  it.each([
    ['empty', '   '],
    ['too long', 'x'.repeat(MAX_ACCESS_REASON_LENGTH + 1)],
    ['several lines', 'Prüfauftrag\n2026-17'],
    ['control characters', 'Prüfauftrag\u0007'],
  ])('is refused when %s', (_case, text) => {
    expect(() => accessReason(text)).toThrow(AccessReasonInvalidError);
  });

  it('may be a file reference or a mandate', () => {
    for (const reason of ['Prüfauftrag 2026-17', 'Stichprobe Verwendungsnachweis 2025, Az. 51.2-1990', 'DSB-Anfrage 12/2026', 'Qualitätsprüfung']) {
      expect(reasonNamesClient(reason, client)).toBe(false);
    }
  });

  it.each([
    ['the family name', 'Auskunftsersuchen haddad'],
    ['the given name without diacritics', 'Anfrage AMINA'],
    ['the date of birth', 'geb. 02.04.1990'],
    ['the date of birth, short', 'geb. 2.4.1990'],
    ['the date of birth as ISO date', 'Geburtsdatum 1990-04-02'],
    ['the e-mail address', 'Mail von amina.h@example.org'],
    ['the phone number', 'Rückruf 02452/123456'],
  ])('is refused when it names the client: %s', (_case, reason) => {
    expect(() => assertReasonDoesNotNameClient(reason, client)).toThrow(AccessReasonNamesClientError);
  });

  it('does not take short name parts inside other words for the name', () => {
    expect(reasonNamesClient('Qualitätsprüfung Alpha', { ...client, givenName: 'Al', familyName: 'Li' })).toBe(false);
  });

  it('refuses without quoting the reason back', () => {
    const error = (() => {
      try {
        assertReasonDoesNotNameClient('Anfrage Haddad', client);
      } catch (caught) {
        return caught as Error;
      }
    })();
    expect(error).toBeInstanceOf(AccessReasonNamesClientError);
    expect(error?.message).not.toContain('Haddad');
  });
});
