import {
  CrossUnitReassignmentNotPermittedError,
  DomainRuleViolation,
  NotInDistrictError,
  NotInOrganisationUnitError,
  RoleNotPermittedError,
} from './case.errors';

export const ROLE_LABELS = {
  case_manager: 'Case Management',
  coordination: 'Koordinierungsstelle / Fachaufsicht',
  auditor: 'Prüfung',
  reporting: 'Berichtswesen',
  administrator: 'Administration',
} as const;

export type Role = keyof typeof ROLE_LABELS;
export const ROLES = Object.keys(ROLE_LABELS) as Role[];

/** Who issues a command. Ids come from the identity provider; a district-wide role may have no unit. */
export interface Actor {
  userId: string;
  role: Role;
  organisationUnitId: string | null;
  districtId: string;
}

/** Where a case belongs: each organisation unit is its own data controller, inside one district. */
export interface CaseScope {
  organisationUnitId: string;
  districtId: string;
}

export type Reach = 'none' | 'organisation_unit' | 'district' | 'all';

export interface RoleAccess {
  /** Which cases the role may open and change. */
  readonly change: Reach;
  /** Which case histories the role may read. */
  readonly read: Reach;
  /** How personal data appears when reading: auditors see it masked until they reveal it with a reason. */
  readonly personalData: 'plain' | 'masked' | 'none';
  readonly reassignAcrossUnits: boolean;
}

/** privacy-and-access.md as data: the functions below only interpret this table. */
export const ROLE_ACCESS: Readonly<Record<Role, RoleAccess>> = {
  case_manager: { change: 'organisation_unit', read: 'organisation_unit', personalData: 'plain', reassignAcrossUnits: false },
  coordination: { change: 'district', read: 'district', personalData: 'plain', reassignAcrossUnits: true },
  auditor: { change: 'none', read: 'all', personalData: 'masked', reassignAcrossUnits: false },
  reporting: { change: 'none', read: 'none', personalData: 'none', reassignAcrossUnits: false },
  administrator: { change: 'none', read: 'none', personalData: 'none', reassignAcrossUnits: false },
};

/** Roles arrive from outside (a token): an unknown one is refused, not trusted to be one of ours. */
function roleAccess(role: string): RoleAccess | undefined {
  return (ROLE_ACCESS as Partial<Record<string, RoleAccess>>)[role];
}

function accessOf(actor: Actor): RoleAccess {
  const access = roleAccess(actor.role);
  if (access === undefined) throw new RoleNotPermittedError(String(actor.role));
  return access;
}

/** The first reason `reach` does not cover `scope` for `actor` (role, then district, then unit), or null. */
function reachViolation(reach: Reach, actor: Actor, scope: CaseScope): DomainRuleViolation | null {
  if (reach === 'none') return new RoleNotPermittedError(actor.role);
  if (reach === 'all') return null;
  if (actor.districtId !== scope.districtId) return new NotInDistrictError();
  if (reach === 'organisation_unit' && actor.organisationUnitId !== scope.organisationUnitId) return new NotInOrganisationUnitError();
  return null;
}

/** Whether the role may change cases at all, before anything about a particular case is known. */
export function assertRoleMayChangeCases(actor: Actor): void {
  if (accessOf(actor).change === 'none') throw new RoleNotPermittedError(actor.role);
}

/** Opening a case in `scope`, or acting on a case that belongs there. */
export function assertMayChangeCase(actor: Actor, scope: CaseScope): void {
  const violation = reachViolation(accessOf(actor).change, actor, scope);
  if (violation !== null) throw violation;
}

/** Moving a case to `target`: the actor must reach both ends, and only some roles may cross unit borders. */
export function assertMayReassign(actor: Actor, from: CaseScope, target: CaseScope): void {
  assertMayChangeCase(actor, from);
  if (target.organisationUnitId !== from.organisationUnitId && !accessOf(actor).reassignAcrossUnits) {
    throw new CrossUnitReassignmentNotPermittedError();
  }
  assertMayChangeCase(actor, target);
}

export type CaseReadAccess = 'full' | 'masked' | 'none';

/** For the read side: whether `actor` may see the case in `scope`, and its personal data in plain text. */
export function caseReadAccess(actor: Actor, scope: CaseScope): CaseReadAccess {
  const access = roleAccess(actor.role);
  if (access === undefined || reachViolation(access.read, actor, scope) !== null) return 'none';
  return access.personalData === 'plain' ? 'full' : access.personalData;
}
