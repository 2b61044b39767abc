import { Body, Controller, Get, Inject, Post, Req, Res, UseFilters } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app.config';
import { InvalidCredentialsError, LoginTemporarilyLockedError, PrincipalUnavailableError } from '../../identity/identity.errors';
import { Public } from '../../identity/public.decorator';
import { SESSION_COOKIE, sessionCookieOptions } from '../../identity/session-cookie';
import type { FieldProblem } from '../../http/request-validation';
import type { FieldsetSpec, FormValues } from '../forms/form.types';
import { formValuesOf, textOf } from '../forms/form-values';
import { formView } from '../forms/form.view';
import { startPathFor } from '../rendering/navigation';
import { type Notice, pageModel } from '../rendering/page.model';
import { TemplateRenderer } from '../rendering/template.renderer';
import { WebExceptionFilter } from '../web-exception.filter';
import { queryText, redirectTo, sendPage, type WebRequest, type WebResponse } from '../web-http';
import { LOGIN_CSRF_COOKIE, loginCsrfAccepted, loginCsrfCookieOptions, newLoginCsrfToken } from './login-csrf';
import { WebSignIn } from './web-sign-in';

const LOGIN_FIELDS: readonly FieldsetSpec[] = [
  {
    legend: 'Zugangsdaten',
    fields: [
      { name: 'username', label: 'Benutzername', kind: 'text', required: true, autocomplete: 'username', width: 'medium' },
      { name: 'password', label: 'Passwort', kind: 'password', required: true, autocomplete: 'current-password', width: 'medium' },
    ],
  },
];

const REQUIRED = 'Bitte füllen Sie dieses Feld aus.';

/** Sign-in and sign-out for the pages: the same accounts, sessions and lockout as the API's `/api/auth`. */
@Controller()
@UseFilters(WebExceptionFilter)
export class LoginController {
  constructor(
    @Inject(TemplateRenderer) private readonly renderer: TemplateRenderer,
    @Inject(WebSignIn) private readonly signIn: WebSignIn,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('anmelden')
  @Public()
  form(@Req() request: WebRequest, @Res() response: WebResponse): void {
    const notice: Notice | null =
      queryText(request, 'abgelaufen') !== null
        ? { kind: 'info', title: 'Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.', lines: ['Nicht gesendete Eingaben konnten nicht gespeichert werden.'] }
        : null;
    this.show(response, 200, { username: '', weiter: safeTarget(queryText(request, 'weiter')) ?? '' }, [], notice);
  }

  @Post('anmelden')
  @Public()
  async login(@Req() request: WebRequest, @Body() body: unknown, @Res() response: WebResponse): Promise<void> {
    const values = formValuesOf(body);
    if (!loginCsrfAccepted(request.headers.cookie, values._csrf)) {
      return this.show(response, 403, values, [], {
        kind: 'error',
        title: 'Das Anmeldeformular war abgelaufen.',
        lines: ['Bitte geben Sie Ihre Zugangsdaten noch einmal ein.'],
      });
    }
    const username = textOf(values, 'username').trim();
    const password = textOf(values, 'password');
    const missing: FieldProblem[] = [
      ...(username === '' ? [{ field: 'username', message: REQUIRED }] : []),
      ...(password === '' ? [{ field: 'password', message: REQUIRED }] : []),
    ];
    if (missing.length > 0) return this.show(response, 400, values, missing, null);
    try {
      const session = await this.signIn.login(username, password);
      response.clearCookie(LOGIN_CSRF_COOKIE, loginCsrfCookieOptions(this.config.secureCookie));
      response.cookie(SESSION_COOKIE, session.token, sessionCookieOptions(this.config.secureCookie));
      redirectTo(response, safeTarget(textOf(values, 'weiter')) ?? startPathFor(session.principal.role));
    } catch (error) {
      if (error instanceof InvalidCredentialsError) {
        return this.show(response, 401, values, [], { kind: 'error', title: 'Benutzername oder Passwort ist falsch.', lines: [] });
      }
      if (error instanceof LoginTemporarilyLockedError) {
        return this.show(response, 429, values, [], {
          kind: 'error',
          title: 'Zu viele fehlgeschlagene Anmeldeversuche mit diesem Benutzernamen.',
          lines: ['Bitte versuchen Sie es später noch einmal.'],
        });
      }
      throw error;
    }
  }

  @Post('abmelden')
  async logout(@Req() request: WebRequest, @Res() response: WebResponse): Promise<void> {
    const authentication = request.authentication;
    if (authentication === undefined) throw new PrincipalUnavailableError();
    await this.signIn.logout(authentication);
    response.clearCookie(SESSION_COOKIE, sessionCookieOptions(this.config.secureCookie));
    redirectTo(response, '/anmelden');
  }

  /** Each showing of the form gets a fresh token, set in the cookie and the form alike. */
  private show(response: WebResponse, status: number, values: FormValues, problems: FieldProblem[], notice: Notice | null): void {
    const token = newLoginCsrfToken();
    response.cookie(LOGIN_CSRF_COOKIE, token, loginCsrfCookieOptions(this.config.secureCookie));
    const form = formView({
      id: 'anmeldung',
      action: '/anmelden',
      submitLabel: 'Anmelden',
      fieldsets: LOGIN_FIELDS,
      values: { username: textOf(values, 'username') },
      problems,
      hidden: { weiter: safeTarget(textOf(values, 'weiter')) ?? '' },
    });
    const page = pageModel({ title: 'Anmelden', principal: null, csrfToken: null, path: '/anmelden', notice });
    sendPage(response, status, this.renderer.render('login', page, { form, csrfToken: token }));
  }
}

/** Only paths of this site: an open redirect would let a link lead from the sign-in to anywhere. */
function safeTarget(target: string | null): string | null {
  if (target === null || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) return null;
  return target.startsWith('/anmelden') || target.startsWith('/abmelden') ? null : target;
}
