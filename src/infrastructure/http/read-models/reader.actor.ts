import type { Principal } from '../../../application/identity/principal';
import type { Actor } from '../../../domain/case/access.policy';

/** Only what access decisions use goes into a query: the display names stay at the edge. */
export function actorOf(principal: Principal): Actor {
  return { userId: principal.userId, role: principal.role, organisationUnitId: principal.organisationUnitId, districtId: principal.districtId };
}
