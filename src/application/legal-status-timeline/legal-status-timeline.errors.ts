import { DomainRuleViolation } from '../../domain/case/case.errors';

/** Roles that read no case at all (reporting, administration); which cases the others see is decided per case. */
export class CaseHistoryNotPermittedError extends DomainRuleViolation {
  readonly code = 'case_history_not_permitted';
  readonly kind = 'forbidden';
  constructor(readonly role: string) {
    super('Ihre Rolle berechtigt nicht dazu, Fallverläufe einzusehen.');
  }
}
