import { type Actor, ROLE_ACCESS, type Role } from '../case/access.policy';
import { DomainRuleViolation } from '../case/case.errors';

/**
 * Who reads the audit trail and checks integrity: the auditors (everything) and the coordination office, whose
 * supervision covers its own district. Case managers see their cases, not who else looked at them.
 */
export const AUDIT_READERS = ['auditor', 'coordination'] as const satisfies readonly Role[];

export type AuditReach = { kind: 'all' } | { kind: 'district'; districtId: string };

export class AuditNotPermittedError extends DomainRuleViolation {
  readonly code = 'audit_not_permitted';
  readonly kind = 'forbidden';
  constructor() {
    super('Das Prüfprotokoll und die Integritätsprüfung stehen nur der Prüfung und der Koordinierungsstelle offen.');
  }
}

/** Which part of the audit trail `actor` reads: the role's read reach, for the audit roles only. */
export function auditReach(actor: Actor): AuditReach {
  if (!(AUDIT_READERS as readonly string[]).includes(actor.role)) throw new AuditNotPermittedError();
  return ROLE_ACCESS[actor.role].read === 'all' ? { kind: 'all' } : { kind: 'district', districtId: actor.districtId };
}
