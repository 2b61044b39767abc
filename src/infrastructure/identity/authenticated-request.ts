import type { IncomingMessage } from 'node:http';
import type { Authentication } from './authentication.service';
import { sessionTokenFromCookieHeader } from './session-cookie';
import type { SessionKind } from './sessions.repository';

/** The parts of an Express request this module reads or sets (the project has no Express type package). */
export interface AuthenticatedRequest extends IncomingMessage {
  body?: unknown;
  /** Set by the auth guard on every route that is not `@Public()`. */
  authentication?: Authentication;
}

export type PresentedCredential = { kind: SessionKind; token: string } | { kind: 'malformed' };

/**
 * `Authorization: Bearer` carries API tokens, the cookie carries browser sessions; each only its own kind, so a
 * token taken from a cookie cannot be replayed as a bearer token to escape the CSRF check. An Authorization
 * header of another scheme is refused rather than ignored in favour of the cookie.
 */
export function presentedCredential(request: AuthenticatedRequest): PresentedCredential | null {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer +(\S+) *$/i.exec(authorization);
    return match ? { kind: 'api', token: match[1] } : { kind: 'malformed' };
  }
  const token = sessionTokenFromCookieHeader(request.headers.cookie);
  return token === null ? null : { kind: 'browser', token };
}
