import { randomBytes } from 'node:crypto';
import { secretsEqual } from '../../identity/session-token';
import type { LoginCookieOptions } from '../web-http';

/**
 * The sign-in form has no session yet, so its CSRF protection is a double-submit token: the same random value
 * in a strict same-site cookie and in the form. A foreign site can neither read the cookie nor make the browser
 * send it, so it cannot sign a user in to an account of its choosing (login CSRF).
 */
export const LOGIN_CSRF_COOKIE = 'kim_login_csrf';

export function newLoginCsrfToken(): string {
  return randomBytes(32).toString('base64url');
}

export function loginCsrfCookieOptions(secure: boolean): LoginCookieOptions {
  return { httpOnly: true, sameSite: 'strict', secure, path: '/anmelden' };
}

export function loginCsrfAccepted(cookieHeader: string | undefined, formToken: unknown): boolean {
  const cookie = cookieValue(cookieHeader, LOGIN_CSRF_COOKIE);
  return cookie !== null && typeof formToken === 'string' && formToken !== '' && secretsEqual(cookie, formToken);
}

function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const pair of header.split(';')) {
    const separator = pair.indexOf('=');
    if (separator > 0 && pair.slice(0, separator).trim() === name) return pair.slice(separator + 1).trim();
  }
  return null;
}

