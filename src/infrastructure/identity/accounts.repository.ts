import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Principal } from '../../application/identity/principal';
import type { Role } from '../../domain/case/access.policy';
import type { DatabaseSchema, UsersTable } from '../database/database.schema';
import {
  DistrictExistsError,
  DistrictNotFoundError,
  DistrictRequiredError,
  InvalidDisplayNameError,
  OrganisationUnitNameTakenError,
  OrganisationUnitNotFoundError,
  OrganisationUnitOutsideDistrictError,
  OrganisationUnitRequiredError,
  UsernameTakenError,
} from './identity.errors';
import type { DataProtectionRegime, OrganisationUnitKind } from './organisation-unit.vocabulary';
import { normalizeUsername, validUsername } from './username';

export interface District {
  id: string;
  name: string;
}

export interface OrganisationUnit {
  id: string;
  districtId: string;
  name: string;
  kind: OrganisationUnitKind;
  dataProtectionRegime: DataProtectionRegime;
}

export interface NewOrganisationUnit {
  /** Generated when absent. */
  id?: string;
  districtId: string;
  name: string;
  kind: OrganisationUnitKind;
  dataProtectionRegime: DataProtectionRegime;
}

export interface NewUser {
  /** Generated when absent. */
  id?: string;
  username: string;
  displayName: string;
  role: Role;
  /** Required for case managers; the user's district is then the unit's. */
  organisationUnitId: string | null;
  /** Required when there is no unit; must match the unit's district when both are given. */
  districtId?: string;
  passwordHash: string;
}

/** What signing in needs to know about an account. */
export interface StoredCredentials {
  principal: Principal;
  passwordHash: string;
  disabled: boolean;
}

/** Roles whose work is the cases of one unit (access.policy: reach `organisation_unit`). */
const ROLES_NEEDING_A_UNIT: readonly Role[] = ['case_manager'];

/**
 * Districts, organisation units and user accounts of a standalone installation. Takes a Kysely instance or a
 * transaction, so a caller can create several accounts atomically.
 */
export class AccountsRepository {
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async createDistrict(district: District): Promise<District> {
    try {
      await this.db.insertInto('kim_districts').values({ id: district.id, name: district.name, created_at: this.clock() }).execute();
    } catch (error) {
      if (isUniqueViolation(error)) throw new DistrictExistsError(district.id);
      throw error;
    }
    return { id: district.id, name: district.name };
  }

  async findDistrict(id: string): Promise<District | null> {
    const row = await this.db.selectFrom('kim_districts').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
    return row ?? null;
  }

  async createOrganisationUnit(unit: NewOrganisationUnit): Promise<OrganisationUnit> {
    if ((await this.findDistrict(unit.districtId)) === null) throw new DistrictNotFoundError(unit.districtId);
    const created: OrganisationUnit = { ...unit, id: unit.id ?? randomUUID() };
    try {
      await this.db
        .insertInto('kim_organisation_units')
        .values({
          id: created.id,
          district_id: created.districtId,
          name: created.name,
          kind: created.kind,
          data_protection_regime: created.dataProtectionRegime,
          created_at: this.clock(),
        })
        .execute();
    } catch (error) {
      if (isUniqueViolation(error)) throw new OrganisationUnitNameTakenError(unit.districtId);
      throw error;
    }
    return created;
  }

  async findOrganisationUnit(id: string): Promise<OrganisationUnit | null> {
    const row = await this.db.selectFrom('kim_organisation_units').selectAll().where('id', '=', id).executeTakeFirst();
    return row
      ? { id: row.id, districtId: row.district_id, name: row.name, kind: row.kind, dataProtectionRegime: row.data_protection_regime }
      : null;
  }

  async createUser(user: NewUser): Promise<Principal> {
    const username = validUsername(user.username);
    const displayName = user.displayName.trim();
    if (displayName.length === 0 || displayName.length > 200) throw new InvalidDisplayNameError();
    const districtId = await this.districtOfNewUser(user);
    const principal: Principal = {
      userId: user.id ?? randomUUID(),
      username,
      displayName,
      role: user.role,
      organisationUnitId: user.organisationUnitId,
      districtId,
    };
    try {
      await this.db
        .insertInto('kim_users')
        .values({
          id: principal.userId,
          username,
          display_name: displayName,
          role: principal.role,
          district_id: districtId,
          organisation_unit_id: principal.organisationUnitId,
          password_hash: user.passwordHash,
          created_at: this.clock(),
        })
        .execute();
    } catch (error) {
      if (isUniqueViolation(error)) throw new UsernameTakenError();
      throw error;
    }
    return principal;
  }

  /** By the username as typed at sign-in; null when there is no such account. */
  async findCredentials(username: string): Promise<StoredCredentials | null> {
    const row = await this.db.selectFrom('kim_users').selectAll().where('username', '=', normalizeUsername(username)).executeTakeFirst();
    return row ? { principal: principalOf(row), passwordHash: row.password_hash, disabled: row.disabled } : null;
  }

  async replacePasswordHash(userId: string, passwordHash: string): Promise<void> {
    await this.db.updateTable('kim_users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
  }

  private async districtOfNewUser(user: NewUser): Promise<string> {
    if (user.organisationUnitId === null) {
      if (ROLES_NEEDING_A_UNIT.includes(user.role)) throw new OrganisationUnitRequiredError(user.role);
      if (user.districtId === undefined) throw new DistrictRequiredError();
      if ((await this.findDistrict(user.districtId)) === null) throw new DistrictNotFoundError(user.districtId);
      return user.districtId;
    }
    const unit = await this.findOrganisationUnit(user.organisationUnitId);
    if (unit === null) throw new OrganisationUnitNotFoundError(user.organisationUnitId);
    if (user.districtId !== undefined && user.districtId !== unit.districtId) {
      throw new OrganisationUnitOutsideDistrictError(unit.id, user.districtId);
    }
    return unit.districtId;
  }
}

export function principalOf(
  row: Pick<Selectable<UsersTable>, 'id' | 'username' | 'display_name' | 'role' | 'organisation_unit_id' | 'district_id'>,
): Principal {
  return {
    userId: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    organisationUnitId: row.organisation_unit_id,
    districtId: row.district_id,
  };
}

/** PostgreSQL's unique_violation, as both pg and PGlite report it. */
function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}
