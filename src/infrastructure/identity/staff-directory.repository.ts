import type { Kysely } from 'kysely';
import type { Role } from '../../domain/case/access.policy';
import type { DatabaseSchema } from '../database/database.schema';

export interface StaffMember {
  userId: string;
  displayName: string;
  role: Role;
  organisationUnitId: string | null;
  /** Listed because old entries name them; never offered for new work. */
  disabled: boolean;
}

export interface StaffUnit {
  id: string;
  name: string;
}

/** Who works in a district and in which unit. */
export interface DistrictStaff {
  units: StaffUnit[];
  members: StaffMember[];
}

/** Display names by id; an id without an account (a deleted one) is simply absent. */
export interface StaffNames {
  users: ReadonlyMap<string, string>;
  units: ReadonlyMap<string, string>;
}

/**
 * Reads accounts and units for display: a case manager's name instead of an id, the colleagues a case can be
 * handed to. It decides nothing about access; the access policy does.
 */
export class StaffDirectory {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async ofDistrict(districtId: string): Promise<DistrictStaff> {
    const [units, users] = await Promise.all([
      this.db.selectFrom('kim_organisation_units').select(['id', 'name']).where('district_id', '=', districtId).orderBy('name').execute(),
      this.db
        .selectFrom('kim_users')
        .select(['id', 'display_name', 'role', 'organisation_unit_id', 'disabled'])
        .where('district_id', '=', districtId)
        .orderBy('display_name')
        .execute(),
    ]);
    return {
      units: units.map((unit) => ({ id: unit.id, name: unit.name })),
      members: users.map((user) => ({
        userId: user.id,
        displayName: user.display_name,
        role: user.role,
        organisationUnitId: user.organisation_unit_id,
        disabled: user.disabled,
      })),
    };
  }

  async names(userIds: readonly string[], unitIds: readonly string[]): Promise<StaffNames> {
    const [users, units] = await Promise.all([
      userIds.length === 0 ? [] : this.db.selectFrom('kim_users').select(['id', 'display_name']).where('id', 'in', [...new Set(userIds)]).execute(),
      unitIds.length === 0 ? [] : this.db.selectFrom('kim_organisation_units').select(['id', 'name']).where('id', 'in', [...new Set(unitIds)]).execute(),
    ]);
    return {
      users: new Map(users.map((user) => [user.id, user.display_name])),
      units: new Map(units.map((unit) => [unit.id, unit.name])),
    };
  }
}
