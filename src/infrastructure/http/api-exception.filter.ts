import { type ArgumentsHost, Catch, Inject } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LOGGER, type Logger } from '../logging/logger';
import { apiErrorAnswer } from './api-error.mapping';
import { CORRELATION_ID_HEADER, correlationIdFrom } from './correlation-id';

/** Routes below this prefix answer errors in the API's format; others (health probes) keep their own. */
export const API_PREFIX = '/api';

interface RoutedRequest extends IncomingMessage {
  originalUrl?: string;
}

/**
 * The one place where errors become answers for the API: status, `{statusCode, code, message, correlationId}`
 * and, per kind, `field`, `errors` or `currentRevision`. Unexpected errors are logged by class and correlation
 * id with their stack frames, never their message (it may quote input) and never the request body.
 */
@Catch()
export class ApiExceptionFilter extends BaseExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {
    super();
  }

  override catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<RoutedRequest>();
    if (host.getType() !== 'http' || !isApiPath(request)) return super.catch(exception, host);

    const response = http.getResponse<ServerResponse>();
    const correlationId = correlationIdFrom(request.headers[CORRELATION_ID_HEADER]);
    const answer = apiErrorAnswer(exception);
    if (answer.unexpected) {
      this.logger.error({ correlationId, errorClass: errorClassOf(exception), stack: stackFramesOf(exception) }, 'request failed');
    }
    if (response.headersSent) {
      response.end();
      return;
    }
    for (const [name, value] of Object.entries(answer.headers ?? {})) response.setHeader(name, value);
    response.statusCode = answer.status;
    response.setHeader('Content-Type', 'application/json; charset=utf-8');
    response.setHeader('Cache-Control', 'no-store');
    response.end(JSON.stringify({ statusCode: answer.status, ...answer.body, correlationId }));
  }
}

function isApiPath(request: RoutedRequest): boolean {
  const path = (request.originalUrl ?? request.url ?? '').split('?')[0];
  return path === API_PREFIX || path.startsWith(`${API_PREFIX}/`);
}

function errorClassOf(exception: unknown): string {
  return exception instanceof Error ? exception.constructor.name : typeof exception;
}

/** Where it happened without what it said: the first line of a stack is the message. */
function stackFramesOf(exception: unknown): string | undefined {
  return exception instanceof Error ? exception.stack?.split('\n').slice(1).join('\n') : undefined;
}
