import { AuditNotPermittedError, auditReach } from '../../../src/domain/audit/audit.policy';
import { ACTORS, DISTRICT_ID } from '../case.fixtures';

describe('who reads the audit trail', () => {
  it('gives auditors everything and the coordination office its own district', () => {
    expect(auditReach(ACTORS.auditor)).toEqual({ kind: 'all' });
    expect(auditReach(ACTORS.coordination)).toEqual({ kind: 'district', districtId: DISTRICT_ID });
  });

  it.each([
    ['a case manager', ACTORS.caseManager],
    ['reporting', ACTORS.reporting],
    ['the administrator', ACTORS.administrator],
  ])('refuses %s', (_who, actor) => {
    expect(() => auditReach(actor)).toThrow(AuditNotPermittedError);
  });
});
