import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Inject } from '@nestjs/common';
import { DomainRuleViolation } from '../../domain/case/case.errors';
import { LOGGER, type Logger } from '../logging/logger';
import { correlationIdFrom, CORRELATION_ID_HEADER } from '../http/correlation-id';
import { pageModel } from './rendering/page.model';
import { TemplateRenderer } from './rendering/template.renderer';
import { csrfTokenOf, pathOf, redirectTo, sendPage, type WebRequest, type WebResponse } from './web-http';

interface ErrorPage {
  status: number;
  title: string;
  text: string;
}

const NOT_FOUND: ErrorPage = { status: 404, title: 'Seite nicht gefunden', text: 'Diese Seite oder dieser Fall existiert nicht, oder Sie haben keinen Zugriff darauf.' };
const FORBIDDEN: ErrorPage = { status: 403, title: 'Kein Zugriff', text: 'Ihre Rolle berechtigt nicht zu dieser Funktion.' };
const CSRF: ErrorPage = {
  status: 403,
  title: 'Formular abgelaufen',
  text: 'Das Formular gehört nicht zu Ihrer aktuellen Sitzung (zum Beispiel nach einer neuen Anmeldung). Bitte öffnen Sie die Seite erneut und senden Sie das Formular noch einmal.',
};

/**
 * Errors of the pages as German pages: a missing session leads to the sign-in (and back), refusals and
 * unknown cases get a page of their own. Unexpected errors are logged by class and correlation id only, never
 * with their message, which may quote input.
 */
@Catch()
export class WebExceptionFilter implements ExceptionFilter {
  constructor(
    @Inject(TemplateRenderer) private readonly renderer: TemplateRenderer,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<WebRequest>();
    const response = host.switchToHttp().getResponse<WebResponse>();
    if (response.headersSent) {
      response.end();
      return;
    }
    if (exception instanceof HttpException && exception.getStatus() === 401) {
      const back = request.method === 'GET' ? `?weiter=${encodeURIComponent(request.originalUrl ?? '/')}` : '?abgelaufen=1';
      return redirectTo(response, `/anmelden${back}`);
    }
    const correlationId = correlationIdFrom(request.headers[CORRELATION_ID_HEADER]);
    const page = this.pageFor(exception, correlationId);
    const principal = request.authentication?.principal ?? null;
    const html = this.renderer.render('error', pageModel({ title: page.title, principal, csrfToken: csrfTokenOf(request), path: pathOf(request) }), {
      text: page.text,
    });
    sendPage(response, page.status, html);
  }

  private pageFor(exception: unknown, correlationId: string): ErrorPage {
    if (exception instanceof DomainRuleViolation) {
      if (exception.kind === 'not_found') return NOT_FOUND;
      if (exception.kind === 'forbidden') return { ...FORBIDDEN, text: exception.message };
      return { status: exception.kind === 'conflict' ? 409 : 422, title: 'Nicht möglich', text: exception.message };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = (exception.getResponse() as { code?: unknown }).code;
      if (status === 403) return code === 'csrf_token_invalid' ? CSRF : FORBIDDEN;
      if (status === 404) return NOT_FOUND;
      if (status < 500) return { status, title: 'Anfrage nicht möglich', text: 'Die Anfrage konnte nicht bearbeitet werden.' };
    }
    this.logger.error({ correlationId, errorClass: exception instanceof Error ? exception.constructor.name : typeof exception }, 'page failed');
    return {
      status: 500,
      title: 'Ein Fehler ist aufgetreten',
      text: `Die Seite konnte nicht angezeigt werden. Bitte versuchen Sie es noch einmal. Vorgangsnummer für Rückfragen: ${correlationId}`,
    };
  }
}
