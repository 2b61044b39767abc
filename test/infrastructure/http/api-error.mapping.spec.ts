import { ForbiddenException, NotFoundException } from '@nestjs/common';
import { EventStoreUnavailableError, WrongExpectedRevisionError } from '../../../src/application/ports/event-store.errors';
import {
  ConsentRequiredError,
  DateInFutureError,
  NotInOrganisationUnitError,
  ReasonRequiredError,
  ReferralNotFoundError,
} from '../../../src/domain/case/case.errors';
import { ReadModelNotReadyError } from '../../../src/projections/read/read-model.locator';
import { apiErrorAnswer, requestField } from '../../../src/infrastructure/http/api-error.mapping';
import { IdempotencyKeyReusedError } from '../../../src/infrastructure/http/idempotency-key';
import { RequestValidationError } from '../../../src/infrastructure/http/request-validation';

describe('apiErrorAnswer: what the API answers for each kind of error', () => {
  it.each([
    [new NotInOrganisationUnitError(), 403, 'not_in_organisation_unit'],
    [new ReferralNotFoundError('r-1'), 404, 'referral_not_found'],
    [new ConsentRequiredError(), 409, 'consent_required'],
    [new DateInFutureError('data.heldOn'), 422, 'date_in_future'],
  ])('a domain rule answers by its kind: %s', (violation, status, code) => {
    const answer = apiErrorAnswer(violation);
    expect(answer).toMatchObject({ status, body: { code, message: violation.message }, unexpected: false });
  });

  it('names the request field of an invalid value, without the command envelope', () => {
    expect(apiErrorAnswer(new DateInFutureError('data.heldOn')).body.field).toBe('heldOn');
    expect(apiErrorAnswer(new ReasonRequiredError()).body.field).toBe('reason');
    expect(requestField('data.status.legalBasis')).toBe('status.legalBasis');
    expect(requestField('metadata.actor.userId')).toBeUndefined();
  });

  it('a stale revision is a conflict naming the current one; on a missing case it is "not found"', () => {
    expect(apiErrorAnswer(new WrongExpectedRevisionError('case-1', 2, 5))).toMatchObject({
      status: 409,
      body: { code: 'revision_conflict', currentRevision: 5 },
    });
    expect(apiErrorAnswer(new WrongExpectedRevisionError('case-1', 2, 'no_stream'))).toMatchObject({ status: 404, body: { code: 'case_not_found' } });
  });

  it('validation problems, key reuse and an unavailable store', () => {
    const problems = [{ field: 'heldOn', message: 'Bitte füllen Sie dieses Feld aus.' }];
    expect(apiErrorAnswer(new RequestValidationError(problems))).toMatchObject({ status: 400, body: { code: 'validation_failed', errors: problems } });
    expect(apiErrorAnswer(new IdempotencyKeyReusedError())).toMatchObject({ status: 422, body: { code: 'idempotency_key_reused' } });
    expect(apiErrorAnswer(new EventStoreUnavailableError('down'))).toMatchObject({
      status: 503,
      body: { code: 'service_unavailable' },
      headers: { 'Retry-After': '5' },
      unexpected: true,
    });
  });

  it('a read model still being built is a temporary 503 with Retry-After, not an internal error', () => {
    expect(apiErrorAnswer(new ReadModelNotReadyError('caseload'))).toMatchObject({
      status: 503,
      body: { code: 'read_model_not_ready' },
      headers: { 'Retry-After': expect.any(String) },
    });
  });

  it("keeps the code and German message the guards give, and replaces the framework's own texts", () => {
    const guard = new ForbiddenException({ statusCode: 403, code: 'csrf_token_invalid', message: 'CSRF-Token fehlt.' });
    expect(apiErrorAnswer(guard)).toMatchObject({ status: 403, body: { code: 'csrf_token_invalid', message: 'CSRF-Token fehlt.' } });
    const framework = apiErrorAnswer(new NotFoundException('Cannot POST /api/clients/Amina-Haddad'));
    expect(framework).toMatchObject({ status: 404, body: { code: 'not_found' } });
    expect(JSON.stringify(framework)).not.toContain('Amina');
  });

  it("answers a body parser's error by its status, never with its message", () => {
    const tooLarge = Object.assign(new Error('request entity too large: Amina'), { status: 413, type: 'entity.too.large' });
    const answer = apiErrorAnswer(tooLarge);
    expect(answer).toMatchObject({ status: 413, body: { code: 'payload_too_large' }, unexpected: false });
    expect(JSON.stringify(answer)).not.toContain('Amina');
  });

  it('anything else is a 500 without details', () => {
    const answer = apiErrorAnswer(new TypeError("Cannot read properties of undefined (reading 'Amina')"));
    expect(answer).toMatchObject({ status: 500, body: { code: 'internal_error' }, unexpected: true });
    expect(JSON.stringify(answer)).not.toContain('Amina');
  });
});
