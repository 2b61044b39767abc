import {
  isLegalBasisInForce,
  LEGAL_BASIS_CODES,
  legalBasisBelongsTo,
  RESIDENCE_CATEGORY_CODES,
  RESIDENCE_DOCUMENT_CODES,
  STATUS_SOURCE_CODES,
} from '../residence-law/residence-status.taxonomy';
import type { CalendarDate } from '../time/calendar-date.value';
import { caseDate, type DecisionClock } from './case-dates.policy';
import { LegalBasisNotInCategoryError, LegalBasisNotInForceError, ValidUntilBeforeValidFromError } from './case.errors';
import type { LegalStatusRecord } from './case.events';
import { oneOf, optionalCalendarDate, record } from './command-input.guards';

/**
 * A residence status as the taxonomy allows it: the legal basis belongs to the category and existed when the
 * status began, and its validity does not end before it starts. `field` is where the record sits in the command.
 */
export function legalStatusRecord(field: string, value: unknown, clock: DecisionClock, openedOn: CalendarDate): LegalStatusRecord {
  const input = record(field, value);
  const statusInput = record(`${field}.status`, input.status);
  const category = oneOf(`${field}.status.category`, statusInput.category, RESIDENCE_CATEGORY_CODES);
  const legalBasis = oneOf(`${field}.status.legalBasis`, statusInput.legalBasis, LEGAL_BASIS_CODES);
  const document = oneOf(`${field}.status.document`, statusInput.document, RESIDENCE_DOCUMENT_CODES);
  const validFrom = optionalCalendarDate(`${field}.status.validFrom`, statusInput.validFrom);
  const validUntil = optionalCalendarDate(`${field}.status.validUntil`, statusInput.validUntil);
  const source = oneOf(`${field}.source`, input.source, STATUS_SOURCE_CODES);
  const effectiveOn = caseDate(`${field}.effectiveOn`, input.effectiveOn, clock, openedOn);

  if (!legalBasisBelongsTo(legalBasis, category)) throw new LegalBasisNotInCategoryError(`${field}.status.legalBasis`);
  if (validFrom !== null && validUntil !== null && validUntil < validFrom) {
    throw new ValidUntilBeforeValidFromError(`${field}.status.validUntil`);
  }
  if (!isLegalBasisInForce(legalBasis, validFrom ?? effectiveOn)) throw new LegalBasisNotInForceError(`${field}.status.legalBasis`);
  return { status: { category, legalBasis, document, validFrom, validUntil }, effectiveOn, source };
}

/** Whether `next` records anything `current` does not; when it became effective alone is not a change. */
export function changesLegalStatus(current: LegalStatusRecord | null, next: LegalStatusRecord): boolean {
  if (current === null) return true;
  const [a, b] = [current.status, next.status];
  return (
    a.category !== b.category ||
    a.legalBasis !== b.legalBasis ||
    a.document !== b.document ||
    a.validFrom !== b.validFrom ||
    a.validUntil !== b.validUntil ||
    current.source !== next.source
  );
}
