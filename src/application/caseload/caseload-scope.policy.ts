import { type Actor, ROLE_ACCESS } from '../../domain/case/access.policy';
import { CaseloadFilterConflictError, CaseloadNotPermittedError, CaseloadOutsideScopeError } from './caseload.errors';

/** Which cases a reader's caseload may list. */
export interface CaseloadScope {
  districtId: string;
  /** null: every unit of the district. */
  organisationUnitId: string | null;
  caseManagerId: string | null;
}

export interface CaseloadScopeRequest {
  /** Only the reader's own cases. */
  mine: boolean;
  organisationUnitId: string | null;
  caseManagerId: string | null;
}

/**
 * Read from the access policy's table: a role whose reading reaches its organisation unit lists that unit's
 * cases, one that reaches the district lists the district's and may narrow it down. A caseload shows names, so
 * only roles that see personal data in plain text have one; auditors replay histories instead.
 */
export function caseloadScope(actor: Actor, request: CaseloadScopeRequest): CaseloadScope {
  const access = Object.prototype.hasOwnProperty.call(ROLE_ACCESS, actor.role) ? ROLE_ACCESS[actor.role] : undefined;
  if (access === undefined || access.personalData !== 'plain') throw new CaseloadNotPermittedError(String(actor.role));
  if (request.mine && request.caseManagerId !== null && request.caseManagerId !== actor.userId) throw new CaseloadFilterConflictError();
  const caseManagerId = request.mine ? actor.userId : request.caseManagerId;

  if (access.read === 'district') {
    return { districtId: actor.districtId, organisationUnitId: request.organisationUnitId, caseManagerId };
  }
  if (access.read === 'organisation_unit' && actor.organisationUnitId !== null) {
    if (request.organisationUnitId !== null && request.organisationUnitId !== actor.organisationUnitId) throw new CaseloadOutsideScopeError();
    return { districtId: actor.districtId, organisationUnitId: actor.organisationUnitId, caseManagerId };
  }
  throw new CaseloadNotPermittedError(actor.role);
}
