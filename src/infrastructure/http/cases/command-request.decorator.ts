import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import type { Principal } from '../../../application/identity/principal';
import type { AuthenticatedRequest } from '../../identity/authenticated-request';
import { PrincipalUnavailableError } from '../../identity/identity.errors';
import { CORRELATION_ID_HEADER, correlationIdFrom } from '../correlation-id';
import { idempotencyKeyFrom, requestHash } from '../idempotency-key';
import { RequestValidationError } from '../request-validation';

export const IF_MATCH_HEADER = 'If-Match';

/** Everything about a command request besides its body: who, which revision, which retry, where to answer. */
export interface CommandRequest {
  principal: Principal;
  correlationId: string;
  /** From If-Match: the command applies only to this revision of the case. */
  expectedRevision: number | undefined;
  /** From Idempotency-Key, with the hash that tells a repeat from a different request under the same key. */
  idempotency: { key: string; requestHash: string } | null;
  response: Pick<ServerResponse, 'setHeader'>;
}

interface CommandHttpRequest extends AuthenticatedRequest {
  originalUrl?: string;
}

/** The command request of a route; malformed headers are a 400 naming the header. */
export const CaseCommandRequest = createParamDecorator((_data: unknown, context: ExecutionContext): CommandRequest => {
  const http = context.switchToHttp();
  const request = http.getRequest<CommandHttpRequest>();
  const principal = request.authentication?.principal;
  if (principal === undefined) throw new PrincipalUnavailableError();
  const key = idempotencyKeyFrom(request.headers['idempotency-key']);
  const path = (request.originalUrl ?? request.url ?? '').split('?')[0];
  return {
    principal,
    correlationId: correlationIdFrom(request.headers[CORRELATION_ID_HEADER]),
    expectedRevision: expectedRevisionFrom(request.headers['if-match']),
    idempotency: key === null ? null : { key, requestHash: requestHash(request.method ?? 'POST', path, request.body) },
    response: http.getResponse<ServerResponse>(),
  };
});

/**
 * `"7"` (the ETag of an earlier answer) means revision 7; `*` means any existing case, i.e. no revision check.
 * Weak tags are refused: If-Match compares strongly.
 */
export function expectedRevisionFrom(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^\s*"(\d{1,15})"\s*$/.exec(header);
  if (match === null) {
    throw new RequestValidationError([
      { field: IF_MATCH_HEADER, message: 'If-Match muss den Stand des Falls in Anführungszeichen enthalten, wie ihn das ETag liefert, z. B. "7".' },
    ]);
  }
  return Number(match[1]);
}

/** The ETag of an answer: the case's revision, quoted. */
export function etagOf(revision: number): string {
  return `"${revision}"`;
}
