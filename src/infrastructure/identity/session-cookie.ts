export const SESSION_COOKIE = 'kim_session';

export interface SessionCookieOptions {
  httpOnly: true;
  sameSite: 'lax';
  secure: boolean;
  path: '/';
}

/**
 * HttpOnly keeps the token away from scripts; SameSite=Lax keeps it off cross-site POSTs (the CSRF token is the
 * second line). No Max-Age: the cookie ends with the browser, the server ends the session on its own schedule.
 */
export function sessionCookieOptions(secure: boolean): SessionCookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure, path: '/' };
}

/** Read from the raw header, so authentication does not depend on cookie-parser being installed before it. */
export function sessionTokenFromCookieHeader(header: string | undefined): string | null {
  if (!header) return null;
  for (const pair of header.split(';')) {
    const separator = pair.indexOf('=');
    if (separator < 0 || pair.slice(0, separator).trim() !== SESSION_COOKIE) continue;
    const value = pair.slice(separator + 1).trim();
    return value.startsWith('"') && value.endsWith('"') && value.length >= 2 ? value.slice(1, -1) : value;
  }
  return null;
}
