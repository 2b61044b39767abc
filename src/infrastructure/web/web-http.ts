import type { IncomingMessage } from 'node:http';
import type { Principal } from '../../application/identity/principal';
import type { AuthenticatedRequest } from '../identity/authenticated-request';
import { PrincipalUnavailableError } from '../identity/identity.errors';
import type { SessionCookieOptions } from '../identity/session-cookie';

/** The parts of Express's request the pages read (the project has no Express type package). */
export interface WebRequest extends AuthenticatedRequest {
  originalUrl?: string;
  query?: Record<string, unknown>;
}

/** The parts of Express's response the pages use. */
export interface WebResponse {
  statusCode: number;
  headersSent: boolean;
  setHeader(name: string, value: string): unknown;
  end(body?: string): unknown;
  cookie(name: string, value: string, options: SessionCookieOptions | LoginCookieOptions): unknown;
  clearCookie(name: string, options: SessionCookieOptions | LoginCookieOptions): unknown;
}

export interface LoginCookieOptions {
  httpOnly: true;
  sameSite: 'strict';
  secure: boolean;
  path: '/anmelden';
}

/**
 * Pages hold personal data: never cached, never framed, scripts and styles only from this server, forms only
 * to it. The policy leaves no room for inline script, so nothing a case holds can run as code.
 */
const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-store',
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

export function sendPage(response: WebResponse, status: number, html: string): void {
  response.statusCode = status;
  for (const [name, value] of Object.entries(PAGE_HEADERS)) response.setHeader(name, value);
  response.end(html);
}

/** After a POST: 303, so reloading the next page never sends the form again. */
export function redirectTo(response: WebResponse, location: string): void {
  response.statusCode = 303;
  response.setHeader('Location', location);
  response.setHeader('Cache-Control', 'no-store');
  response.end();
}

export function pathOf(request: IncomingMessage & { originalUrl?: string }): string {
  return (request.originalUrl ?? request.url ?? '/').split('?')[0];
}

export function principalOf(request: WebRequest): Principal {
  const principal = request.authentication?.principal;
  if (principal === undefined) throw new PrincipalUnavailableError();
  return principal;
}

export function csrfTokenOf(request: WebRequest): string | null {
  return request.authentication?.csrfToken ?? null;
}

/** A query parameter as a single string, or null. */
export function queryText(request: WebRequest, name: string): string | null {
  const value = request.query?.[name];
  return typeof value === 'string' && value !== '' ? value : null;
}
