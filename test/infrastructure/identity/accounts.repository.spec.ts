import { AccountsRepository } from '../../../src/infrastructure/identity/accounts.repository';
import {
  DistrictExistsError,
  DistrictNotFoundError,
  DistrictRequiredError,
  InvalidDisplayNameError,
  InvalidUsernameError,
  OrganisationUnitNameTakenError,
  OrganisationUnitNotFoundError,
  OrganisationUnitOutsideDistrictError,
  OrganisationUnitRequiredError,
  UsernameTakenError,
} from '../../../src/infrastructure/identity/identity.errors';
import { type TestDatabase, openTestDatabase } from '../../support/test-database';
import { givenDistrict } from './identity.fixtures';

describe('AccountsRepository', () => {
  let test: TestDatabase;
  let accounts: AccountsRepository;
  let district: Awaited<ReturnType<typeof givenDistrict>>;
  let other: Awaited<ReturnType<typeof givenDistrict>>;
  const newUser = { displayName: 'Maria Weber', passwordHash: '$argon2id$stand-in' };

  beforeAll(async () => {
    test = await openTestDatabase('pglite');
    accounts = new AccountsRepository(test.database.db, () => new Date('2025-03-03T08:00:00Z'));
    district = await givenDistrict(test.database, 'd-one');
    other = await givenDistrict(test.database, 'd-two');
  });
  afterAll(async () => test?.dispose());

  it('creates a case manager in a unit, taking the district from the unit and the username in lower case', async () => {
    const principal = await accounts.createUser({ ...newUser, username: ' M.Weber ', role: 'case_manager', organisationUnitId: district.provider.id });
    expect(principal).toEqual({
      userId: expect.any(String),
      username: 'm.weber',
      displayName: 'Maria Weber',
      role: 'case_manager',
      organisationUnitId: district.provider.id,
      districtId: 'd-one',
    });
    expect(await accounts.findCredentials('M.WEBER')).toEqual({ principal, passwordHash: newUser.passwordHash, disabled: false });
  });

  it('refuses a username that differs only in case from an existing one', async () => {
    await accounts.createUser({ ...newUser, username: 'j.schmitz', role: 'auditor', organisationUnitId: null, districtId: 'd-one' });
    await expect(accounts.createUser({ ...newUser, username: 'J.Schmitz', role: 'auditor', organisationUnitId: null, districtId: 'd-one' })).rejects.toThrow(
      UsernameTakenError,
    );
  });

  it('refuses usernames with spaces or other characters', async () => {
    for (const username of ['m weber', 'x', '-weber', 'müller']) {
      await expect(accounts.createUser({ ...newUser, username, role: 'auditor', organisationUnitId: null, districtId: 'd-one' })).rejects.toThrow(
        InvalidUsernameError,
      );
    }
  });

  it('refuses an empty display name', async () => {
    await expect(
      accounts.createUser({ ...newUser, displayName: '  ', username: 'nameless', role: 'auditor', organisationUnitId: null, districtId: 'd-one' }),
    ).rejects.toThrow(InvalidDisplayNameError);
  });

  it('requires a unit for case managers and a district for everyone else', async () => {
    await expect(accounts.createUser({ ...newUser, username: 'cm.ohne', role: 'case_manager', organisationUnitId: null, districtId: 'd-one' })).rejects.toThrow(
      OrganisationUnitRequiredError,
    );
    await expect(accounts.createUser({ ...newUser, username: 'report.ohne', role: 'reporting', organisationUnitId: null })).rejects.toThrow(DistrictRequiredError);
    await expect(accounts.createUser({ ...newUser, username: 'report.x', role: 'reporting', organisationUnitId: null, districtId: 'nowhere' })).rejects.toThrow(
      DistrictNotFoundError,
    );
  });

  it('refuses a unit of another district, and a unit that does not exist', async () => {
    await expect(
      accounts.createUser({ ...newUser, username: 'cm.cross', role: 'case_manager', organisationUnitId: other.ki.id, districtId: 'd-one' }),
    ).rejects.toThrow(OrganisationUnitOutsideDistrictError);
    await expect(accounts.createUser({ ...newUser, username: 'cm.none', role: 'case_manager', organisationUnitId: 'no-such-unit' })).rejects.toThrow(
      OrganisationUnitNotFoundError,
    );
  });

  it('keeps the unit in the user’s district even when written around the repository', async () => {
    await expect(
      test.database.db
        .insertInto('kim_users')
        .values({
          id: 'u-sneaky',
          username: 'sneaky',
          display_name: 'x',
          role: 'case_manager',
          district_id: 'd-one',
          organisation_unit_id: other.ki.id,
          password_hash: 'x',
          created_at: new Date(),
        })
        .execute(),
    ).rejects.toThrow(/kim_users_unit_in_district/);
  });

  it('refuses a second unit of the same name in a district, a unit in an unknown district, and a district twice', async () => {
    await expect(accounts.createOrganisationUnit({ districtId: 'd-one', name: 'KI', kind: 'integration_centre', dataProtectionRegime: 'dsg_nrw' })).rejects.toThrow(
      OrganisationUnitNameTakenError,
    );
    await expect(accounts.createOrganisationUnit({ districtId: 'nowhere', name: 'KI', kind: 'integration_centre', dataProtectionRegime: 'dsg_nrw' })).rejects.toThrow(
      DistrictNotFoundError,
    );
    await expect(accounts.createDistrict({ id: 'd-one', name: 'again' })).rejects.toThrow(DistrictExistsError);
  });

  it('finds units with their kind and data-protection regime', async () => {
    expect(await accounts.findOrganisationUnit(district.provider.id)).toEqual({
      id: district.provider.id,
      districtId: 'd-one',
      name: 'Caritas',
      kind: 'provider',
      dataProtectionRegime: 'kdg',
    });
    expect(await accounts.findOrganisationUnit('no-such-unit')).toBeNull();
  });
});
