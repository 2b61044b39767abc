import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../logging/logger';
import { CORRELATION_ID_HEADER, correlationIdFrom } from './correlation-id';

/** What Express adds to the request once a route matched. */
interface RoutedRequest extends IncomingMessage {
  baseUrl?: string;
  route?: { path?: unknown };
}

/**
 * One line per request: method, route pattern, status, duration, correlation id. Never the URL as sent (its
 * path or query may name a person, e.g. a search), never headers or bodies. Requests no route matched are
 * logged with `route: null`.
 *
 * The correlation id is taken from the request header when acceptable, else created, and written back to the
 * request header (so handlers read one place) and to the response.
 */
export function requestLogging(logger: Logger) {
  return (req: RoutedRequest, res: ServerResponse, next: () => void): void => {
    const started = process.hrtime.bigint();
    const correlationId = correlationIdFrom(req.headers[CORRELATION_ID_HEADER]);
    req.headers[CORRELATION_ID_HEADER] = correlationId;
    res.setHeader(CORRELATION_ID_HEADER, correlationId);
    // 'close' fires for finished and for aborted responses alike, so every request is logged once.
    res.once('close', () => {
      const durationMs = Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100;
      const status = res.statusCode;
      const line = {
        correlationId,
        method: req.method,
        route: routeOf(req),
        status,
        durationMs,
        ...(res.writableFinished ? {} : { aborted: true }),
      };
      const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
      logger[level](line, 'request');
    });
    next();
  };
}

function routeOf(req: RoutedRequest): string | null {
  const path = req.route?.path;
  return typeof path === 'string' ? `${req.baseUrl ?? ''}${path}` : null;
}
