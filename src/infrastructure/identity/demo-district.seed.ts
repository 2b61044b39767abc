import { sql } from 'kysely';
import type { Role } from '../../domain/case/access.policy';
import type { Database } from '../database/database';
import { AccountsRepository, type District, type NewOrganisationUnit } from './accounts.repository';
import type { PasswordHasher } from './password.hasher';

/**
 * A demo district to try the software with. Its passwords are published (README, docs/operations/identity.md):
 * it must never be created on an installation that holds real cases.
 */
export const DEMO_DISTRICT: District = { id: 'demo-kreis-heinsberg', name: 'Kreis Heinsberg (Demo)' };

const IN_DEMO = { districtId: DEMO_DISTRICT.id };

export const DEMO_ORGANISATION_UNITS = [
  {
    ...IN_DEMO,
    id: 'demo-ki',
    name: 'Kommunales Integrationszentrum Kreis Heinsberg',
    kind: 'integration_centre',
    dataProtectionRegime: 'dsg_nrw',
  },
  { ...IN_DEMO, id: 'demo-drk', name: 'DRK-Kreisverband Heinsberg', kind: 'provider', dataProtectionRegime: 'bdsg' },
  { ...IN_DEMO, id: 'demo-diakonie', name: 'Diakonie im Kreis Heinsberg', kind: 'provider', dataProtectionRegime: 'dsg_ekd' },
] as const satisfies readonly NewOrganisationUnit[];

/** One password for all demo accounts, so the README can list it once. */
export const DEMO_PASSWORD = 'KIM-Demo-Heinsberg';

export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  organisationUnitId: (typeof DEMO_ORGANISATION_UNITS)[number]['id'] | null;
  password: string;
}

const WITH_DEMO_PASSWORD = { password: DEMO_PASSWORD };

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { ...WITH_DEMO_PASSWORD, username: 'cm-ki', displayName: 'Case Management KI (Demo)', role: 'case_manager', organisationUnitId: 'demo-ki' },
  { ...WITH_DEMO_PASSWORD, username: 'cm-drk', displayName: 'Case Management DRK (Demo)', role: 'case_manager', organisationUnitId: 'demo-drk' },
  {
    ...WITH_DEMO_PASSWORD,
    username: 'cm-diakonie',
    displayName: 'Case Management Diakonie (Demo)',
    role: 'case_manager',
    organisationUnitId: 'demo-diakonie',
  },
  { ...WITH_DEMO_PASSWORD, username: 'koordination', displayName: 'Koordinierungsstelle KI (Demo)', role: 'coordination', organisationUnitId: 'demo-ki' },
  { ...WITH_DEMO_PASSWORD, username: 'pruefung', displayName: 'Prüfung (Demo)', role: 'auditor', organisationUnitId: null },
  { ...WITH_DEMO_PASSWORD, username: 'berichtswesen', displayName: 'Berichtswesen (Demo)', role: 'reporting', organisationUnitId: null },
  { ...WITH_DEMO_PASSWORD, username: 'admin', displayName: 'Administration (Demo)', role: 'administrator', organisationUnitId: null },
];

export type DemoSeedResult = 'created' | 'store_not_empty';

/**
 * Creates the demo district, its units and accounts when the identity store is empty; otherwise changes
 * nothing, so it is safe to call at every start. An installation that already has accounts of its own is
 * never given the demo accounts.
 */
export async function seedDemoDistrict(database: Database, hasher: PasswordHasher, clock: () => Date = () => new Date()): Promise<DemoSeedResult> {
  if (!(await identityStoreIsEmpty(database.db))) return 'store_not_empty';
  // Hashing takes a moment per account: done before the transaction, so its lock is held only for the inserts.
  const hashes = await Promise.all(DEMO_ACCOUNTS.map((account) => hasher.hash(account.password)));
  return database.db.transaction().execute(async (trx) => {
    // Two processes starting on one empty database: the second waits here, then finds the store filled.
    await sql`LOCK TABLE kim_districts IN SHARE ROW EXCLUSIVE MODE`.execute(trx);
    if (!(await identityStoreIsEmpty(trx))) return 'store_not_empty';
    const accounts = new AccountsRepository(trx, clock);
    await accounts.createDistrict(DEMO_DISTRICT);
    for (const unit of DEMO_ORGANISATION_UNITS) await accounts.createOrganisationUnit(unit);
    for (const [index, account] of DEMO_ACCOUNTS.entries()) {
      await accounts.createUser({
        username: account.username,
        displayName: account.displayName,
        role: account.role,
        organisationUnitId: account.organisationUnitId,
        districtId: DEMO_DISTRICT.id,
        passwordHash: hashes[index],
      });
    }
    return 'created';
  });
}

async function identityStoreIsEmpty(db: Database['db']): Promise<boolean> {
  const result = await sql<{ empty: boolean }>`
    SELECT NOT EXISTS (SELECT 1 FROM kim_districts) AND NOT EXISTS (SELECT 1 FROM kim_users) AS empty`.execute(db);
  return result.rows[0].empty;
}
