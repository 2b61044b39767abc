import { DomainRuleViolation } from '../case/case.errors';

/**
 * What can be wrong with a report request. Messages are German and name no person: they reach logs and
 * HTTP answers. `field` names the request parameter, so a form can show the message beside its input.
 */

export class ReportPeriodInvalidError extends DomainRuleViolation {
  readonly code = 'report_period_invalid';
  readonly kind = 'invalid';
  readonly field = 'period';
  constructor() {
    super('Bitte geben Sie den Berichtszeitraum als Jahr (2025), Halbjahr (2025-H1) oder Quartal (2025-Q1) an.');
  }
}

export class AsRecordedOnInFutureError extends DomainRuleViolation {
  readonly code = 'as_recorded_on_in_future';
  readonly kind = 'invalid';
  constructor(readonly field: string) {
    super('Der Datenstand darf nicht in der Zukunft liegen: Ein Bericht zeigt, was bis zu diesem Tag erfasst war.');
  }
}

export class ComparisonOrderError extends DomainRuleViolation {
  readonly code = 'comparison_order_invalid';
  readonly kind = 'invalid';
  readonly field = 'after';
  constructor() {
    super('Der spätere Datenstand (after) muss nach dem früheren (before) liegen.');
  }
}

/** Also for a unit of another district: whether it exists there is none of the reader's business. */
export class ReportOrganisationUnitNotFoundError extends DomainRuleViolation {
  readonly code = 'organisation_unit_not_found';
  readonly kind = 'not_found';
  readonly field = 'organisationUnit';
  constructor() {
    super('Diese Organisationseinheit gibt es in Ihrem Kreis nicht.');
  }
}

export class ReportNotPermittedError extends DomainRuleViolation {
  readonly code = 'report_not_permitted';
  readonly kind = 'forbidden';
  constructor() {
    super('Ihre Rolle berechtigt nicht zu diesem Bericht: Berichte sehen Berichtswesen, Koordinierungsstelle und Prüfung ihres Kreises.');
  }
}

/** An operator named a district the installation does not have (the command line takes any id). */
export class ReportDistrictNotFoundError extends DomainRuleViolation {
  readonly code = 'district_not_found';
  readonly kind = 'not_found';
  readonly field = 'district';
  constructor() {
    super('Diesen Kreis gibt es in dieser Installation nicht.');
  }
}
