import {
  assertMayChangeCase,
  assertMayReassign,
  caseReadAccess,
  ROLE_ACCESS,
  ROLES,
  type CaseScope,
} from '../../../src/domain/case/access.policy';
import {
  CrossUnitReassignmentNotPermittedError,
  NotInDistrictError,
  NotInOrganisationUnitError,
  RoleNotPermittedError,
} from '../../../src/domain/case/case.errors';
import { ACTORS, actor, DISTRICT_ID, OTHER_DISTRICT_ID, OTHER_UNIT_ID, UNIT_ID } from '../case.fixtures';

const ownCase: CaseScope = { organisationUnitId: UNIT_ID, districtId: DISTRICT_ID };
const otherUnitCase: CaseScope = { organisationUnitId: OTHER_UNIT_ID, districtId: DISTRICT_ID };
const otherDistrictCase: CaseScope = { organisationUnitId: 'unit-aachen', districtId: OTHER_DISTRICT_ID };

describe('the access policy', () => {
  it('has a rule for every role', () => {
    expect(Object.keys(ROLE_ACCESS).sort()).toEqual([...ROLES].sort());
  });

  describe('changing a case', () => {
    it('lets case managers act on their own unit’s cases only', () => {
      expect(() => assertMayChangeCase(ACTORS.caseManager, ownCase)).not.toThrow();
      expect(() => assertMayChangeCase(ACTORS.caseManager, otherUnitCase)).toThrow(NotInOrganisationUnitError);
      expect(() => assertMayChangeCase(ACTORS.caseManager, otherDistrictCase)).toThrow(NotInDistrictError);
    });

    it('lets coordination act on every case of its district', () => {
      expect(() => assertMayChangeCase(ACTORS.coordination, ownCase)).not.toThrow();
      expect(() => assertMayChangeCase(ACTORS.coordination, otherUnitCase)).not.toThrow();
      expect(() => assertMayChangeCase(ACTORS.coordination, otherDistrictCase)).toThrow(NotInDistrictError);
    });

    it.each([ACTORS.auditor, ACTORS.reporting, ACTORS.administrator])('never lets $role change a case', (reader) => {
      expect(() => assertMayChangeCase(reader, ownCase)).toThrow(RoleNotPermittedError);
    });

    it('does not trust a unit id alone: a unit of the same id in another district is another unit', () => {
      expect(() => assertMayChangeCase(actor({ districtId: OTHER_DISTRICT_ID }), ownCase)).toThrow(NotInDistrictError);
    });
  });

  describe('reassigning', () => {
    it('lets case managers reassign within their unit only', () => {
      expect(() => assertMayReassign(ACTORS.caseManager, ownCase, ownCase)).not.toThrow();
      expect(() => assertMayReassign(ACTORS.caseManager, ownCase, otherUnitCase)).toThrow(CrossUnitReassignmentNotPermittedError);
    });

    it('lets coordination reassign across units of its district, not into another district', () => {
      expect(() => assertMayReassign(ACTORS.coordination, ownCase, otherUnitCase)).not.toThrow();
      expect(() => assertMayReassign(ACTORS.coordination, ownCase, otherDistrictCase)).toThrow(NotInDistrictError);
    });
  });

  describe('reading a case', () => {
    it.each([
      ['case manager, own unit', ACTORS.caseManager, ownCase, 'full'],
      ['case manager, other unit', ACTORS.caseManager, otherUnitCase, 'none'],
      ['coordination, own district', ACTORS.coordination, otherUnitCase, 'full'],
      ['coordination, other district', ACTORS.coordination, otherDistrictCase, 'none'],
      ['auditor: everything, personal data masked until revealed', ACTORS.auditor, otherDistrictCase, 'masked'],
      ['reporting: aggregates only', ACTORS.reporting, ownCase, 'none'],
      ['administrator: no case content', ACTORS.administrator, ownCase, 'none'],
      ['unknown role', actor({ role: 'root' as never }), ownCase, 'none'],
    ] as const)('%s', (_label, who, scope, expected) => {
      expect(caseReadAccess(who, scope)).toBe(expected);
    });
  });
});
