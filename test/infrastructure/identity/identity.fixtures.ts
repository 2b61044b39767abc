import type { Principal } from '../../../src/application/identity/principal';
import type { Role } from '../../../src/domain/case/access.policy';
import type { Database } from '../../../src/infrastructure/database/database';
import { AccountsRepository } from '../../../src/infrastructure/identity/accounts.repository';
import { PasswordHasher } from '../../../src/infrastructure/identity/password.hasher';

export const PASSWORD = 'ein langes Passwort 1';

/** One district with a KI and a provider unit; accounts are added by the tests. */
export async function givenDistrict(database: Database, districtId = 'd-test') {
  const accounts = new AccountsRepository(database.db);
  await accounts.createDistrict({ id: districtId, name: `Testkreis ${districtId}` });
  const ki = await accounts.createOrganisationUnit({ districtId, name: 'KI', kind: 'integration_centre', dataProtectionRegime: 'dsg_nrw' });
  const provider = await accounts.createOrganisationUnit({ districtId, name: 'Caritas', kind: 'provider', dataProtectionRegime: 'kdg' });
  return { districtId, ki, provider, accounts };
}

export async function givenUser(
  database: Database,
  user: { username: string; role: Role; organisationUnitId: string | null; districtId: string; password?: string },
): Promise<Principal> {
  return new AccountsRepository(database.db).createUser({
    username: user.username,
    displayName: `Anzeigename ${user.username}`,
    role: user.role,
    organisationUnitId: user.organisationUnitId,
    districtId: user.districtId,
    passwordHash: await new PasswordHasher().hash(user.password ?? PASSWORD),
  });
}

export async function disable(database: Database, userId: string): Promise<void> {
  await database.db.updateTable('kim_users').set({ disabled: true }).where('id', '=', userId).execute();
}

/** A clock the test moves by hand. */
export function manualClock(start = new Date('2025-03-03T08:00:00Z')) {
  let now = start.getTime();
  return {
    clock: () => new Date(now),
    advance: (ms: number) => {
      now += ms;
    },
  };
}
