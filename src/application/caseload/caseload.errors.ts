import { DomainRuleViolation } from '../../domain/case/case.errors';

/**
 * Refusals of the caseload query. Like the domain's rule violations they carry a stable code and a German
 * message and never name a case or a person; the API answers them by their kind.
 */

/** Caseloads are working lists of the roles that work on cases with plain personal data. */
export class CaseloadNotPermittedError extends DomainRuleViolation {
  readonly code = 'caseload_not_permitted';
  readonly kind = 'forbidden';
  constructor(readonly role: string) {
    super('Ihre Rolle hat keinen Zugriff auf Fallübersichten.');
  }
}

/** A case manager asked for another organisation unit's caseload. */
export class CaseloadOutsideScopeError extends DomainRuleViolation {
  readonly code = 'caseload_outside_scope';
  readonly kind = 'forbidden';
  constructor() {
    super('Sie können nur die Fälle Ihrer eigenen Organisationseinheit sehen.');
  }
}

/** `mine` and another case manager's id at once: the request contradicts itself. */
export class CaseloadFilterConflictError extends DomainRuleViolation {
  readonly code = 'caseload_filter_conflict';
  readonly kind = 'invalid';
  constructor() {
    super('„Nur meine Fälle“ und ein anderes Case Management schließen sich aus. Bitte wählen Sie eines von beiden.');
  }
}
