import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Principal } from '../../../application/identity/principal';
import type { DomainRuleViolation } from '../../../domain/case/case.errors';
import { requestField } from '../../http/api-error.mapping';
import type { CommandRequest } from '../../http/cases/command-request.decorator';
import { CORRELATION_ID_HEADER, correlationIdFrom } from '../../http/correlation-id';
import { requestHash } from '../../http/idempotency-key';
import type { FieldProblem } from '../../http/request-validation';
import { FORM_FIELDS, type FormValues } from '../forms/form.types';
import { textOf } from '../forms/form-values';
import type { WebRequest } from '../web-http';

/** The API's headers (ETag, Location) have no place in a page's redirect: the executor writes them here. */
const IGNORED_HEADERS = { setHeader: () => IGNORED_HEADERS } as unknown as Pick<ServerResponse, 'setHeader'>;

/** A refused command answers with the form again, under the status the API would answer. */
export const VIOLATION_STATUS = { forbidden: 403, not_found: 404, conflict: 409, invalid: 422 } as const;

const IDEMPOTENCY_KEY = /^[A-Za-z0-9-]{1,64}$/;

/** The key the opened form was given; a form without one (or a forged one) gets a fresh key. */
export function idempotencyKeyOf(values: FormValues): string {
  const key = textOf(values, FORM_FIELDS.idempotencyKey);
  return IDEMPOTENCY_KEY.test(key) ? key : randomUUID();
}

/**
 * A form submission as the API's executor takes a request: the form's key stands in for the Idempotency-Key
 * header (one per step of a form that sends several commands), the form's revision for If-Match.
 */
export function commandRequestOf(
  request: WebRequest,
  principal: Principal,
  submission: { key: string; step: string; body: unknown; expectedRevision: number | undefined; path: string },
): CommandRequest {
  return {
    principal,
    correlationId: correlationIdFrom(request.headers[CORRELATION_ID_HEADER]),
    expectedRevision: submission.expectedRevision,
    idempotency: { key: `web:${submission.key}:${submission.step}`, requestHash: requestHash('POST', `${submission.path}#${submission.step}`, submission.body) },
    response: IGNORED_HEADERS,
  };
}

/** A rule the domain refused, as a form problem: at its field where it names one, else for the whole form. */
export function problemOf(violation: DomainRuleViolation, prefix = ''): FieldProblem {
  const field = 'field' in violation && typeof violation.field === 'string' ? requestField(violation.field) : undefined;
  return { field: field === undefined ? '' : `${prefix}${field}`, message: violation.message };
}
