import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { AccessRequest } from '../../../application/audit/case-access.recorder';
import { CORRELATION_ID_HEADER, correlationIdFrom } from '../correlation-id';
import { RequestValidationError } from '../request-validation';

export const REQUEST_ID_HEADER = 'X-Request-Id';
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The identity of a read for its audit record. A client that retries a read sends the same `X-Request-Id`
 * and is recorded once; without the header every request is a read of its own. A malformed id is refused
 * rather than replaced, or the retry would be recorded twice.
 */
export const CaseAccessRequest = createParamDecorator((_data: unknown, context: ExecutionContext): AccessRequest => {
  const { headers } = context.switchToHttp().getRequest<IncomingMessage>();
  const header = headers[REQUEST_ID_HEADER.toLowerCase()];
  if (header !== undefined && (typeof header !== 'string' || !REQUEST_ID.test(header))) {
    throw new RequestValidationError([
      { field: REQUEST_ID_HEADER, message: 'Die X-Request-Id muss aus 1 bis 128 Zeichen A-Z a-z 0-9 . _ : - bestehen.' },
    ]);
  }
  return { requestId: header ?? randomUUID(), correlationId: correlationIdFrom(headers[CORRELATION_ID_HEADER]) };
});
