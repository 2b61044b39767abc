import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { CaseloadRow } from '../../../src/application/caseload/caseload-read-model.port';
import { CaseloadNotPermittedError, CaseloadFilterConflictError, CaseloadOutsideScopeError } from '../../../src/application/caseload/caseload.errors';
import { openClientName } from '../../../src/application/caseload/client-name.opener';
import { GetCaseloadHandler } from '../../../src/application/caseload/get-caseload.handler';
import { type CaseloadRequest, type CaseloadView, GetCaseloadQuery, UNFILTERED_CASELOAD_REQUEST } from '../../../src/application/caseload/get-caseload.query';
import type { ReadModelWait } from '../../../src/application/ports/read-model-wait.port';
import type { Actor } from '../../../src/domain/case/access.policy';
import type { CaseEvent, LegalStatusRecord } from '../../../src/domain/case/case.events';
import { PostgresPersonalDataVault } from '../../../src/infrastructure/crypto/postgres.personal-data-vault';
import { CaseloadProjection } from '../../../src/projections/caseload/caseload.projection';
import { CaseloadReader } from '../../../src/projections/caseload/caseload.reader';
import { caseloadFrom, fromStoredCaseloadRow, SELECT_CASELOAD_ROW, type StoredCaseloadRow } from '../../../src/projections/caseload/caseload.table';
import { ACTORS, CASE_MANAGER_ID, COLLEAGUE_ID, OTHER_DISTRICT_ID, OTHER_UNIT_ID, UNIT_ID, events } from '../../domain/case.fixtures';
import { type TestDatabase, availableDatabaseKinds, openTestDatabase } from '../../support/test-database';
import { fixedLocator } from '../../projections/support/fixed-locator';
import { TestEventLog, applyInBatches, dropProjectionSchemas, freshProjectionSchema } from '../../projections/support/test-event-log';

/** 09:00 UTC on 10 March 2025 is 10 March in Germany too. */
const NOW = new Date('2025-03-10T09:00:00Z');

const permit = (validUntil: string): LegalStatusRecord => ({
  status: { category: 'residence_permit', legalBasis: 'aufenthg_25_2', document: 'electronic_residence_title', validFrom: '2024-06-01', validUntil },
  effectiveOn: '2025-01-05',
  source: 'authority_notice',
});

interface CaseSpec {
  id: string;
  unit?: string;
  manager?: string;
  district?: string;
  openedOn: string;
  then?: CaseEvent[];
}

/**
 * The district on 10 March 2025. Urgent from (see caseload.row.ts): c2 2025-01-31 (permit), c6 2025-02-02 and
 * c1 2025-03-02 (overdue follow-ups), c3 2025-04-02 (follow-up due 1 April); c4 and c9 never.
 */
const CASES: CaseSpec[] = [
  {
    id: 'c1',
    openedOn: '2025-01-10',
    then: [events.followUpScheduled({ dueOn: '2025-03-01' }), events.counsellingSessionHeld({ heldOn: '2025-03-05' })],
  },
  {
    id: 'c2',
    openedOn: '2025-02-01',
    then: [events.legalStatusChanged(), events.jurisdictionChanged({ to: 'asylblg' })],
  },
  {
    id: 'c3',
    openedOn: '2024-12-01',
    then: [
      events.legalStatusChanged(permit('2028-03-06')),
      events.jurisdictionChanged({ to: 'sgb_ii' }),
      events.followUpScheduled({ dueOn: '2025-04-01' }),
      events.counsellingSessionHeld({ heldOn: '2025-03-08' }),
      events.referralMade({ referralId: 'r-old', referredOn: '2025-01-15' }),
      events.referralMade({ referralId: 'r-new', referredOn: '2025-03-01', institution: { type: 'language_course', name: 'Sprachschule Erkelenz' } }),
      events.needsAssessed(),
      events.casePhaseChanged(),
    ],
  },
  { id: 'c4', openedOn: '2025-03-03', then: [events.counsellingSessionHeld({ heldOn: '2025-03-04' })] },
  {
    id: 'c5',
    openedOn: '2024-11-01',
    then: [events.followUpScheduled({ dueOn: '2025-02-01' }), events.legalStatusChanged(), events.caseClosed({ closedOn: '2025-03-09' })],
  },
  { id: 'c6', manager: COLLEAGUE_ID, openedOn: '2025-01-20', then: [events.followUpScheduled({ dueOn: '2025-02-01' })] },
  { id: 'c7', unit: OTHER_UNIT_ID, manager: 'user-cm-9', openedOn: '2025-01-01', then: [events.legalStatusChanged(permit('2025-04-15'))] },
  { id: 'c8', district: OTHER_DISTRICT_ID, manager: 'user-cm-8', openedOn: '2025-01-01' },
  {
    id: 'c9',
    openedOn: '2025-02-15',
    then: [events.caseClosed({ closureReason: 'client_data_erased', summary: null }), events.caseReopened(), events.clientDataErased({ clientId: 'client-c9' })],
  },
];

const request = (overrides: Partial<CaseloadRequest> = {}): CaseloadRequest => ({ ...UNFILTERED_CASELOAD_REQUEST, ...overrides });

describe.each(availableDatabaseKinds())('caseload query (%s)', (kind) => {
  let test: TestDatabase;
  let vault: PostgresPersonalDataVault;
  let handler: GetCaseloadHandler;
  let schema: string;
  const waits: Array<[string, string]> = [];
  const wait: ReadModelWait = {
    untilApplied: async (readModel, checkpoint) => {
      waits.push([readModel, checkpoint]);
      return checkpoint !== 'not-yet';
    },
  };

  beforeAll(async () => {
    test = await openTestDatabase(kind);
    vault = new PostgresPersonalDataVault(test.database, randomBytes(32));
    const log = new TestEventLog(vault);
    const projection = new CaseloadProjection();
    schema = await freshProjectionSchema(test.database, projection);
    const recorded = [];
    for (const spec of CASES) {
      const opened = events.caseOpened({
        caseId: spec.id,
        clientId: `client-${spec.id}`,
        organisationUnitId: spec.unit ?? UNIT_ID,
        districtId: spec.district ?? ACTORS.caseManager.districtId,
        caseManagerId: spec.manager ?? CASE_MANAGER_ID,
        openedOn: spec.openedOn,
        client: { personal: { ...events.caseOpened().data.client.personal, givenName: `Vorname-${spec.id}`, familyName: `Nachname-${spec.id}` }, profile: events.caseOpened().data.client.profile },
      });
      recorded.push(...(await log.record(spec.id, `client-${spec.id}`, [opened, events.consentRecorded(), ...(spec.then ?? [])])));
    }
    await applyInBatches(test.database, projection, schema, [recorded]);
    await vault.erase('client-c9', { erasedAt: NOW, erasedBy: 'user-dsb-1', legalBasis: 'gdpr_art_17' });
    const reader = new CaseloadReader(test.database.db as unknown as Kysely<unknown>, fixedLocator(() => schema));
    handler = new GetCaseloadHandler(reader, vault, wait, { now: () => NOW }, { oldReferralAfterDays: 30 });
  });
  afterAll(async () => {
    await dropProjectionSchemas(test.database);
    await test?.dispose();
  });

  const list = (reader: Actor, overrides: Partial<CaseloadRequest> = {}): Promise<CaseloadView> =>
    handler.execute(new GetCaseloadQuery(reader, request(overrides)));
  const ids = (view: CaseloadView) => view.items.map((item) => item.caseId);

  describe('scope', () => {
    it("lists a case manager's unit, open cases, urgent first, then by when attention is next needed", async () => {
      const view = await list(ACTORS.caseManager);
      expect(ids(view)).toEqual(['c2', 'c6', 'c1', 'c3', 'c4', 'c9']);
      expect(view).toMatchObject({ today: '2025-03-10', total: 6, limit: 50, offset: 0, caughtUp: null });
      expect(view.items.map((item) => item.urgent)).toEqual([true, true, true, false, false, false]);
    });

    it('narrows to the own cases with mine=true', async () => {
      expect(ids(await list(ACTORS.caseManager, { mine: true }))).toEqual(['c2', 'c1', 'c3', 'c4', 'c9']);
      expect(ids(await list(ACTORS.colleague, { mine: true }))).toEqual(['c6']);
    });

    it("refuses a case manager another unit's caseload, and mine together with someone else's id", async () => {
      await expect(list(ACTORS.caseManager, { organisationUnitId: OTHER_UNIT_ID })).rejects.toThrow(CaseloadOutsideScopeError);
      await expect(list(ACTORS.caseManager, { mine: true, caseManagerId: COLLEAGUE_ID })).rejects.toThrow(CaseloadFilterConflictError);
      expect(ids(await list(ACTORS.caseManager, { organisationUnitId: UNIT_ID, caseManagerId: COLLEAGUE_ID }))).toEqual(['c6']);
    });

    it('lists the whole district for coordination, filterable by unit and case manager, and nothing of another district', async () => {
      expect(ids(await list(ACTORS.coordination))).toEqual(['c7', 'c2', 'c6', 'c1', 'c3', 'c4', 'c9']);
      expect(ids(await list(ACTORS.coordination, { organisationUnitId: OTHER_UNIT_ID }))).toEqual(['c7']);
      expect(ids(await list(ACTORS.coordination, { caseManagerId: COLLEAGUE_ID }))).toEqual(['c6']);
      expect(ids(await list(ACTORS.otherDistrictCoordination))).toEqual(['c8']);
    });

    it.each([['auditor'], ['reporting'], ['administrator']] as const)('has no caseload for the %s role', async (role) => {
      await expect(list(ACTORS[role])).rejects.toThrow(CaseloadNotPermittedError);
    });
  });

  describe('filters', () => {
    it('finds open cases with an overdue follow-up, and open cases whose permit expires within 90 days or has expired', async () => {
      expect(ids(await list(ACTORS.coordination, { overdueOnly: true }))).toEqual(['c6', 'c1']);
      expect(ids(await list(ACTORS.coordination, { expiringPermitsOnly: true }))).toEqual(['c7', 'c2']);
      expect(ids(await list(ACTORS.coordination, { overdueOnly: true, status: 'all' }))).toEqual(['c6', 'c1']);
    });

    it('selects closed or all cases; a closed case is never urgent', async () => {
      const closed = await list(ACTORS.caseManager, { status: 'closed' });
      expect(ids(closed)).toEqual(['c5']);
      expect(closed.items[0]).toMatchObject({ urgent: false, followUps: { nextDueOn: null, overdueCount: 0 }, residence: { permitExpiry: null }, closedOn: '2025-03-09' });
      expect((await list(ACTORS.caseManager, { status: 'all' })).total).toBe(7);
    });

    it('filters by phase, residence category and jurisdiction', async () => {
      expect(ids(await list(ACTORS.caseManager, { phase: 'assessment' }))).toEqual(['c3', 'c9']);
      expect(ids(await list(ACTORS.coordination, { residenceCategory: 'residence_permit' }))).toEqual(['c7', 'c3']);
      expect(ids(await list(ACTORS.coordination, { jurisdiction: 'asylblg' }))).toEqual(['c2']);
    });
  });

  describe('order and pages', () => {
    it('sorts by opening date and by last contact either way, cases without contact first when ascending', async () => {
      expect(ids(await list(ACTORS.caseManager, { sort: 'openedOn' }))).toEqual(['c3', 'c1', 'c6', 'c2', 'c9', 'c4']);
      expect(ids(await list(ACTORS.caseManager, { sort: '-openedOn' }))).toEqual(['c4', 'c9', 'c2', 'c6', 'c1', 'c3']);
      expect(ids(await list(ACTORS.caseManager, { sort: 'lastContactOn' }))).toEqual(['c2', 'c6', 'c9', 'c4', 'c1', 'c3']);
      expect(ids(await list(ACTORS.caseManager, { sort: '-lastContactOn' }))).toEqual(['c3', 'c1', 'c4', 'c2', 'c6', 'c9']);
    });

    it('pages without overlap or gap, each page with the total', async () => {
      const pages = await Promise.all([0, 2, 4, 6].map((offset) => list(ACTORS.coordination, { limit: 2, offset })));
      expect(pages.map((page) => page.total)).toEqual([7, 7, 7, 7]);
      expect(pages.map(ids)).toEqual([['c7', 'c2'], ['c6', 'c1'], ['c3', 'c4'], ['c9']]);
    });
  });

  describe('rows', () => {
    it('shows names decrypted, "gelöscht" after erasure, and the flags for today', async () => {
      const view = await list(ACTORS.caseManager);
      const item = (id: string) => view.items.find((candidate) => candidate.caseId === id);
      expect(item('c1')).toMatchObject({
        client: { displayName: 'Nachname-c1, Vorname-c1', erased: false },
        phase: { code: 'intake', label: 'Klärung und Fallaufnahme' },
        followUps: { nextDueOn: '2025-03-01', overdueCount: 1 },
        lastContactOn: '2025-03-05',
        urgent: true,
      });
      expect(item('c2')?.residence).toEqual({
        category: { code: 'asylum_seeker', label: 'Aufenthaltsgestattung (Asylverfahren)' },
        legalBasis: { code: 'asylg_55', label: 'Aufenthaltsgestattung zur Durchführung des Asylverfahrens', paragraph: '§ 55 AsylG' },
        validUntil: '2025-05-01',
        permitExpiry: 'expiring_soon',
        jurisdiction: { code: 'asylblg', label: 'Asylbewerberleistungsgesetz (AsylbLG)' },
      });
      expect(item('c3')?.openReferrals).toEqual([
        { referralId: 'r-old', institution: { type: { code: 'job_centre', label: 'Jobcenter' }, name: 'Jobcenter Kreis Heinsberg' }, referredOn: '2025-01-15', ageDays: 54, old: true },
        { referralId: 'r-new', institution: { type: { code: 'language_course', label: 'Sprachkurs' }, name: 'Sprachschule Erkelenz' }, referredOn: '2025-03-01', ageDays: 9, old: false },
      ]);
      expect(item('c9')?.client).toEqual({ displayName: 'gelöscht', erased: true });
    });

    it('waits for a given checkpoint of the caseload and says whether it was reached', async () => {
      waits.length = 0;
      expect((await list(ACTORS.caseManager, { waitFor: '7:42' })).caughtUp).toBe(true);
      expect((await list(ACTORS.caseManager, { waitFor: 'not-yet' })).caughtUp).toBe(false);
      expect(waits).toEqual([
        ['caseload', '7:42'],
        ['caseload', 'not-yet'],
      ]);
    });
  });

  describe('client names', () => {
    let row: CaseloadRow;
    beforeAll(async () => {
      const stored = await sql<StoredCaseloadRow>`SELECT ${SELECT_CASELOAD_ROW} FROM ${caseloadFrom(schema)} WHERE m.case_id = 'c4'`.execute(test.database.db);
      row = fromStoredCaseloadRow(stored.rows[0]);
    });

    it('are decrypted only for readers who see personal data in plain text', async () => {
      expect(await openClientName(vault, ACTORS.caseManager, row)).toEqual({ displayName: 'Nachname-c4, Vorname-c4', erased: false });
      expect(await openClientName(vault, ACTORS.auditor, row)).toEqual({ displayName: null, erased: false });
      expect(await openClientName(vault, ACTORS.otherUnitCaseManager, row)).toEqual({ displayName: null, erased: false });
    });

    it('read "gelöscht" once the key is destroyed, before the read model has seen the erasure', async () => {
      await vault.erase('client-c4', { erasedAt: NOW, erasedBy: 'user-dsb-1', legalBasis: 'gdpr_art_17' });
      expect(row.clientDataErased).toBe(false);
      expect(await openClientName(vault, ACTORS.caseManager, row)).toEqual({ displayName: 'gelöscht', erased: true });
    });
  });
});
