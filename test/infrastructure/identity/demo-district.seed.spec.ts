import { sql } from 'kysely';
import { AccountsRepository } from '../../../src/infrastructure/identity/accounts.repository';
import {
  DEMO_ACCOUNTS,
  DEMO_DISTRICT,
  DEMO_ORGANISATION_UNITS,
  seedDemoDistrict,
} from '../../../src/infrastructure/identity/demo-district.seed';
import { PasswordHasher } from '../../../src/infrastructure/identity/password.hasher';
import { type TestDatabase, availableDatabaseKinds, openTestDatabase } from '../../support/test-database';
import { givenDistrict, givenUser } from './identity.fixtures';

async function counts(test: TestDatabase) {
  const result = await sql<{ districts: number; units: number; users: number }>`
    SELECT (SELECT count(*)::int FROM kim_districts) AS districts,
           (SELECT count(*)::int FROM kim_organisation_units) AS units,
           (SELECT count(*)::int FROM kim_users) AS users`.execute(test.database.db);
  return result.rows[0];
}

/** Holds every hash back until all have been made, so both seeds find the store empty and write at once. */
class LockstepHasher extends PasswordHasher {
  private arrived = 0;
  private release!: () => void;
  private readonly allArrived = new Promise<void>((resolve) => {
    this.release = resolve;
  });

  constructor(private readonly expected: number) {
    super();
  }

  override async hash(password: string): Promise<string> {
    const hash = await super.hash(password);
    if (++this.arrived === this.expected) this.release();
    await this.allArrived;
    return hash;
  }
}

describe('seedDemoDistrict', () => {
  const hasher = new PasswordHasher();

  describe.each(availableDatabaseKinds())('on an empty store (%s)', (kind) => {
    let test: TestDatabase;
    beforeAll(async () => {
      test = await openTestDatabase(kind);
    });
    afterAll(async () => test?.dispose());

    it('creates the district once when two processes start on it at the same time', async () => {
      const racing = new LockstepHasher(2 * DEMO_ACCOUNTS.length);
      const results = await Promise.all([seedDemoDistrict(test.database, racing), seedDemoDistrict(test.database, racing)]);
      expect(results.sort()).toEqual(['created', 'store_not_empty']);
    });

    it('creates Kreis Heinsberg (Demo) with KI, DRK and Diakonie under their data-protection acts', async () => {
      const accounts = new AccountsRepository(test.database.db);
      expect(await accounts.findDistrict(DEMO_DISTRICT.id)).toEqual({ id: 'demo-kreis-heinsberg', name: 'Kreis Heinsberg (Demo)' });
      const units = await Promise.all(DEMO_ORGANISATION_UNITS.map((unit) => accounts.findOrganisationUnit(unit.id)));
      expect(units.map((unit) => [unit?.kind, unit?.dataProtectionRegime])).toEqual([
        ['integration_centre', 'dsg_nrw'],
        ['provider', 'bdsg'],
        ['provider', 'dsg_ekd'],
      ]);
    });

    it('creates one account per role, case managers in each unit, each signing in with its listed password', async () => {
      expect(DEMO_ACCOUNTS.map((account) => account.role).sort()).toEqual(
        ['administrator', 'auditor', 'case_manager', 'case_manager', 'case_manager', 'coordination', 'reporting'].sort(),
      );
      expect(DEMO_ACCOUNTS.filter((account) => account.role === 'case_manager').map((account) => account.organisationUnitId)).toEqual([
        'demo-ki',
        'demo-drk',
        'demo-diakonie',
      ]);
      const accounts = new AccountsRepository(test.database.db);
      for (const account of DEMO_ACCOUNTS) {
        const stored = await accounts.findCredentials(account.username);
        expect(stored?.principal).toMatchObject({ role: account.role, organisationUnitId: account.organisationUnitId, districtId: DEMO_DISTRICT.id });
        expect(await hasher.verify(stored!.passwordHash, account.password)).toBe(true);
      }
    });

    it('changes nothing when run again', async () => {
      const before = await counts(test);
      expect(before).toEqual({ districts: 1, units: 3, users: DEMO_ACCOUNTS.length });
      expect(await seedDemoDistrict(test.database, hasher)).toBe('store_not_empty');
      expect(await counts(test)).toEqual(before);
    });
  });

  describe('on a store that has accounts of its own', () => {
    let test: TestDatabase;
    beforeAll(async () => {
      test = await openTestDatabase('pglite');
    });
    afterAll(async () => test?.dispose());

    it('adds no demo district and no demo account', async () => {
      const { districtId } = await givenDistrict(test.database, 'kreis-real');
      await givenUser(test.database, { username: 'admin.real', role: 'administrator', organisationUnitId: null, districtId });
      const before = await counts(test);
      expect(await seedDemoDistrict(test.database, hasher)).toBe('store_not_empty');
      expect(await counts(test)).toEqual(before);
      expect(await new AccountsRepository(test.database.db).findCredentials('admin')).toBeNull();
    });
  });
});
