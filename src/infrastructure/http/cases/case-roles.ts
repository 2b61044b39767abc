import { ROLE_ACCESS, ROLES, type Role } from '../../../domain/case/access.policy';

/**
 * The roles that may change cases at all, read from the access policy's table. The roles guard refuses the
 * others before their body is even validated; which cases a role reaches is the domain's decision.
 */
export const CASE_CHANGING_ROLES = ROLES.filter((role) => ROLE_ACCESS[role].change !== 'none') as [Role, ...Role[]];
