import type { AuditTrailFilter, AuditTrailReader } from '../../../src/application/audit/audit-trail.port';
import { SearchAuditTrailHandler } from '../../../src/application/audit/search-audit-trail.handler';
import { SearchAuditTrailQuery } from '../../../src/application/audit/search-audit-trail.query';
import { AuditNotPermittedError } from '../../../src/domain/audit/audit.policy';
import { ACTORS, DISTRICT_ID } from '../../domain/case.fixtures';

describe('searching the audit trail within the reader\'s reach', () => {
  const asked: AuditTrailFilter[] = [];
  const reader: AuditTrailReader = {
    search: async (filter) => {
      asked.push(filter);
      return { entries: [], nextCursor: null };
    },
  };
  const handler = new SearchAuditTrailHandler(reader);
  const page = { limit: 10, cursor: null };

  beforeEach(() => asked.splice(0));

  it('limits the coordination office to its district, whatever it asked for', async () => {
    await handler.execute(new SearchAuditTrailQuery(ACTORS.coordination, { caseId: 'c1', districtId: 'elsewhere' } as AuditTrailFilter, page));
    expect(asked).toEqual([{ caseId: 'c1', districtId: DISTRICT_ID }]);
  });

  it('lets auditors search every district', async () => {
    await handler.execute(new SearchAuditTrailQuery(ACTORS.auditor, { accessKind: 'reveal', districtId: 'elsewhere' } as AuditTrailFilter, page));
    expect(asked).toEqual([{ accessKind: 'reveal', districtId: undefined }]);
  });

  it('refuses case managers and every other role without asking the read model', async () => {
    for (const actor of [ACTORS.caseManager, ACTORS.reporting, ACTORS.administrator]) {
      await expect(handler.execute(new SearchAuditTrailQuery(actor, {}, page))).rejects.toThrow(AuditNotPermittedError);
    }
    expect(asked).toEqual([]);
  });
});
