import { DomainRuleViolation } from '../case/case.errors';

/**
 * Broken rules of reading a case. Like every violation: a stable code, a German message, no personal data
 * (a refused reason is never quoted back).
 */

export class AccessReasonInvalidError extends DomainRuleViolation {
  readonly code = 'access_reason_invalid';
  readonly kind = 'invalid';
  readonly field = 'data.reason';
  constructor(readonly maxLength: number) {
    super(`Bitte geben Sie einen Grund in einer Zeile an (höchstens ${maxLength} Zeichen), z. B. ein Aktenzeichen oder einen Prüfauftrag.`);
  }
}

/** The reason is kept in plain text beyond erasure, so it must not identify the client. */
export class AccessReasonNamesClientError extends DomainRuleViolation {
  readonly code = 'access_reason_names_client';
  readonly kind = 'invalid';
  readonly field = 'data.reason';
  constructor() {
    super(
      'Der Grund enthält Angaben zur Person (Name, Geburtsdatum oder Kontaktdaten). Bitte nennen Sie stattdessen ' +
        'ein Aktenzeichen oder den Prüfauftrag: Der Grund wird dauerhaft im Prüfprotokoll gespeichert.',
    );
  }
}

export class RevealSelectionRequiredError extends DomainRuleViolation {
  readonly code = 'reveal_selection_required';
  readonly kind = 'invalid';
  constructor() {
    super('Bitte wählen Sie die Felder oder Einträge aus, deren personenbezogene Daten offengelegt werden sollen.');
  }
}

export class EventNotInCaseError extends DomainRuleViolation {
  readonly code = 'event_not_in_case';
  readonly kind = 'invalid';
  readonly field = 'data.eventIds';
  constructor() {
    super('Mindestens einer der gewählten Einträge gehört nicht zu diesem Fall.');
  }
}

export class NothingToRevealError extends DomainRuleViolation {
  readonly code = 'nothing_to_reveal';
  readonly kind = 'invalid';
  constructor() {
    super('Die gewählten Einträge enthalten in den gewählten Feldern keine personenbezogenen Daten.');
  }
}

/** `atRevision` beyond the case's last revision, or `asOf` before its first event. */
export class CasePointOutOfRangeError extends DomainRuleViolation {
  readonly code = 'case_point_out_of_range';
  readonly kind = 'invalid';
  constructor(readonly lastRevision: number) {
    super(`Zu diesem Zeitpunkt oder Stand gibt es den Fall nicht: Er hat die Stände 0 bis ${lastRevision}.`);
  }
}
