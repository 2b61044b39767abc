import type { AuthenticatedRequest } from './authenticated-request';
import { secretsEqual } from './session-token';

export const CSRF_HEADER = 'x-csrf-token';
export const CSRF_FORM_FIELD = '_csrf';

/** Methods that change nothing by HTTP's rules; every route keeps to that, so they need no token. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether a cookie-authenticated request carries its session's CSRF token (synchroniser token pattern): in the
 * `X-CSRF-Token` header (scripts) or the `_csrf` form field (plain HTML forms). The form field is removed
 * afterwards, so request validation further on never sees a field it does not know.
 */
export function csrfTokenAccepted(request: AuthenticatedRequest, expected: string): boolean {
  if (SAFE_METHODS.has(request.method ?? '')) return true;
  const formToken = takeFormToken(request);
  const header = request.headers[CSRF_HEADER];
  const presented = typeof header === 'string' ? header : formToken;
  return presented !== null && secretsEqual(presented, expected);
}

function takeFormToken(request: AuthenticatedRequest): string | null {
  const body = request.body;
  if (typeof body !== 'object' || body === null || !Object.hasOwn(body, CSRF_FORM_FIELD)) return null;
  const value = (body as Record<string, unknown>)[CSRF_FORM_FIELD];
  delete (body as Record<string, unknown>)[CSRF_FORM_FIELD];
  return typeof value === 'string' ? value : null;
}
