/**
 * Every broken rule is its own class with a stable `code` for machines and a German `message` for the interface.
 * Messages and properties never carry personal data: they end up in logs and HTTP responses. `field` names a
 * command field (a path such as `data.heldOn`), so the interface can tie the message to its input.
 */

/** How the edge should answer: 403, 404, 409 or 422. */
export type ViolationKind = 'forbidden' | 'not_found' | 'conflict' | 'invalid';

export abstract class DomainRuleViolation extends Error {
  abstract readonly code: string;
  abstract readonly kind: ViolationKind;

  protected constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

// Access

export class RoleNotPermittedError extends DomainRuleViolation {
  readonly code = 'role_not_permitted';
  readonly kind = 'forbidden';
  constructor(readonly role: string) {
    super('Ihre Rolle berechtigt nicht dazu, Fälle anzulegen oder zu verändern.');
  }
}

export class NotInOrganisationUnitError extends DomainRuleViolation {
  readonly code = 'not_in_organisation_unit';
  readonly kind = 'forbidden';
  constructor() {
    super('Dieser Fall gehört zu einer anderen Organisationseinheit.');
  }
}

export class NotInDistrictError extends DomainRuleViolation {
  readonly code = 'not_in_district';
  readonly kind = 'forbidden';
  constructor() {
    super('Dieser Fall gehört zu einem anderen Kreis oder einer anderen kreisfreien Stadt.');
  }
}

export class CrossUnitReassignmentNotPermittedError extends DomainRuleViolation {
  readonly code = 'cross_unit_reassignment_not_permitted';
  readonly kind = 'forbidden';
  constructor() {
    super('Nur die Koordinierungsstelle kann einen Fall an eine andere Organisationseinheit übergeben.');
  }
}

// Existence and lifecycle

export class CaseNotFoundError extends DomainRuleViolation {
  readonly code = 'case_not_found';
  readonly kind = 'not_found';
  constructor() {
    super('Der Fall wurde nicht gefunden.');
  }
}

export class CaseAlreadyOpenedError extends DomainRuleViolation {
  readonly code = 'case_already_opened';
  readonly kind = 'conflict';
  constructor() {
    super('Dieser Fall wurde bereits angelegt.');
  }
}

export class CaseClosedError extends DomainRuleViolation {
  readonly code = 'case_closed';
  readonly kind = 'conflict';
  constructor() {
    super('Der Fall ist abgeschlossen. Möglich sind nur Wiederaufnahme, Korrektur und Löschung.');
  }
}

export class CaseNotClosedError extends DomainRuleViolation {
  readonly code = 'case_not_closed';
  readonly kind = 'conflict';
  constructor() {
    super('Nur ein abgeschlossener Fall kann wieder aufgenommen werden.');
  }
}

export class ClientDataErasedError extends DomainRuleViolation {
  readonly code = 'client_data_erased';
  readonly kind = 'conflict';
  constructor() {
    super('Die personenbezogenen Daten dieses Falls wurden gelöscht. Der Fall kann nicht mehr bearbeitet werden.');
  }
}

export class PhaseUnchangedError extends DomainRuleViolation {
  readonly code = 'phase_unchanged';
  readonly kind = 'conflict';
  constructor() {
    super('Der Fall befindet sich bereits in dieser Phase.');
  }
}

export class ReassignmentUnchangedError extends DomainRuleViolation {
  readonly code = 'reassignment_unchanged';
  readonly kind = 'conflict';
  constructor() {
    super('Der Fall ist dieser Fallverantwortung bereits zugeordnet.');
  }
}

// Consent

export class ConsentRequiredError extends DomainRuleViolation {
  readonly code = 'consent_required';
  readonly kind = 'conflict';
  constructor() {
    super('Vor der Einwilligung in das Case Management können nur Fallaufnahme und Einwilligung erfasst werden.');
  }
}

export class ConsentWithdrawnError extends DomainRuleViolation {
  readonly code = 'consent_withdrawn';
  readonly kind = 'conflict';
  constructor() {
    super('Die Einwilligung in das Case Management wurde widerrufen. Weitere Einträge sind erst nach erneuter Einwilligung möglich.');
  }
}

export class SharingConsentRequiredError extends DomainRuleViolation {
  readonly code = 'sharing_consent_required';
  readonly kind = 'conflict';
  constructor() {
    super('Für eine Weiterleitung mit Datenweitergabe fehlt die Schweigepflichtentbindung für diese Stelle.');
  }
}

export class ConsentNotActiveError extends DomainRuleViolation {
  readonly code = 'consent_not_active';
  readonly kind = 'conflict';
  constructor() {
    super('Für diesen Zweck liegt keine wirksame Einwilligung vor, die widerrufen werden könnte.');
  }
}

// Goals, referrals, follow-ups

export class GoalAlreadyExistsError extends DomainRuleViolation {
  readonly code = 'goal_already_exists';
  readonly kind = 'conflict';
  constructor(readonly goalId: string) {
    super('Ein Ziel mit dieser Kennung ist bereits vereinbart.');
  }
}

export class GoalNotFoundError extends DomainRuleViolation {
  readonly code = 'goal_not_found';
  readonly kind = 'not_found';
  constructor(readonly goalId: string) {
    super('Dieses Ziel gibt es in diesem Fall nicht.');
  }
}

export class GoalNotOpenError extends DomainRuleViolation {
  readonly code = 'goal_not_open';
  readonly kind = 'conflict';
  constructor(readonly goalId: string) {
    super('Dieses Ziel ist bereits abgeschlossen.');
  }
}

export class ReferralAlreadyExistsError extends DomainRuleViolation {
  readonly code = 'referral_already_exists';
  readonly kind = 'conflict';
  constructor(readonly referralId: string) {
    super('Eine Weiterleitung mit dieser Kennung ist bereits erfasst.');
  }
}

export class ReferralNotFoundError extends DomainRuleViolation {
  readonly code = 'referral_not_found';
  readonly kind = 'not_found';
  constructor(readonly referralId: string) {
    super('Diese Weiterleitung gibt es in diesem Fall nicht.');
  }
}

export class ReferralNotOpenError extends DomainRuleViolation {
  readonly code = 'referral_not_open';
  readonly kind = 'conflict';
  constructor(readonly referralId: string) {
    super('Für diese Weiterleitung ist bereits ein Ergebnis erfasst.');
  }
}

export class FollowUpAlreadyExistsError extends DomainRuleViolation {
  readonly code = 'follow_up_already_exists';
  readonly kind = 'conflict';
  constructor(readonly followUpId: string) {
    super('Eine Wiedervorlage mit dieser Kennung ist bereits geplant.');
  }
}

export class FollowUpNotFoundError extends DomainRuleViolation {
  readonly code = 'follow_up_not_found';
  readonly kind = 'not_found';
  constructor(readonly followUpId: string) {
    super('Diese Wiedervorlage gibt es in diesem Fall nicht.');
  }
}

export class FollowUpAlreadyDoneError extends DomainRuleViolation {
  readonly code = 'follow_up_already_done';
  readonly kind = 'conflict';
  constructor(readonly followUpId: string) {
    super('Diese Wiedervorlage ist bereits erledigt.');
  }
}

// Residence status and jurisdiction

export class LegalStatusUnchangedError extends DomainRuleViolation {
  readonly code = 'legal_status_unchanged';
  readonly kind = 'conflict';
  constructor() {
    super('Der Aufenthaltsstatus ist unverändert. Bitte erfassen Sie nur eine tatsächliche Änderung.');
  }
}

export class StatusAfterNaturalisationError extends DomainRuleViolation {
  readonly code = 'status_after_naturalisation';
  readonly kind = 'conflict';
  constructor() {
    super('Nach der Einbürgerung kann der Aufenthaltsstatus nur noch durch eine Korrektur geändert werden.');
  }
}

export class LegalBasisNotInCategoryError extends DomainRuleViolation {
  readonly code = 'legal_basis_not_in_category';
  readonly kind = 'invalid';
  constructor(readonly field: string) {
    super('Die Rechtsgrundlage passt nicht zur gewählten Art des Aufenthaltsstatus.');
  }
}

export class LegalBasisNotInForceError extends DomainRuleViolation {
  readonly code = 'legal_basis_not_in_force';
  readonly kind = 'invalid';
  constructor(readonly field: string) {
    super('Diese Rechtsgrundlage galt zum angegebenen Beginn der Gültigkeit noch nicht.');
  }
}

export class JurisdictionUnchangedError extends DomainRuleViolation {
  readonly code = 'jurisdiction_unchanged';
  readonly kind = 'conflict';
  constructor() {
    super('Der Rechtskreis ist unverändert.');
  }
}

// Input

export class ReasonRequiredError extends DomainRuleViolation {
  readonly code = 'reason_required';
  readonly kind = 'invalid';
  readonly field = 'metadata.reason';
  constructor() {
    super('Bitte geben Sie eine Begründung an.');
  }
}

export class InvalidValueError extends DomainRuleViolation {
  readonly code = 'invalid_value';
  readonly kind = 'invalid';
  constructor(readonly field: string) {
    super('Die Eingabe in diesem Feld ist ungültig.');
  }
}

export class ReferrerRequiredError extends DomainRuleViolation {
  readonly code = 'referrer_required';
  readonly kind = 'invalid';
  readonly field = 'data.referredBy';
  constructor() {
    super('Bei Vermittlung durch eine Institution ist die vermittelnde Stelle anzugeben.');
  }
}

export class ClientMismatchError extends DomainRuleViolation {
  readonly code = 'client_mismatch';
  readonly kind = 'invalid';
  readonly field = 'data.clientId';
  constructor() {
    super('Die angegebene Person gehört nicht zu diesem Fall.');
  }
}

export class CorrectionNotApplicableError extends DomainRuleViolation {
  readonly code = 'correction_not_applicable';
  readonly kind = 'invalid';
  readonly field = 'data.correctedLegalStatus';
  constructor() {
    super('Ein korrigierter Aufenthaltsstatus kann nur zu einem erfassten Aufenthaltsstatus angegeben werden.');
  }
}

// Dates

export class DateInFutureError extends DomainRuleViolation {
  readonly code = 'date_in_future';
  readonly kind = 'invalid';
  constructor(readonly field: string) {
    super('Das Datum darf nicht in der Zukunft liegen.');
  }
}

export class DateBeforeOpeningError extends DomainRuleViolation {
  readonly code = 'date_before_opening';
  readonly kind = 'invalid';
  constructor(readonly field: string) {
    super('Das Datum darf nicht vor der Fallaufnahme liegen.');
  }
}

/** A date before the earlier fact it belongs to, e.g. a goal review before the goal was agreed. */
export class DateOutOfOrderError extends DomainRuleViolation {
  readonly code = 'date_out_of_order';
  readonly kind = 'invalid';
  constructor(
    readonly field: string,
    readonly mustNotBeBefore: string,
  ) {
    super('Das Datum darf nicht vor dem Datum des zugehörigen früheren Eintrags liegen.');
  }
}

export class ValidUntilBeforeValidFromError extends DomainRuleViolation {
  readonly code = 'valid_until_before_valid_from';
  readonly kind = 'invalid';
  constructor(readonly field: string) {
    super('Das Ende der Gültigkeit darf nicht vor ihrem Beginn liegen.');
  }
}
