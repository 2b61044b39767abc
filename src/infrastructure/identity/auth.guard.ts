import { type CanActivate, type ExecutionContext, ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ServerResponse } from 'node:http';
import { type AuthenticatedRequest, presentedCredential } from './authenticated-request';
import { AuthenticationService } from './authentication.service';
import { csrfTokenAccepted } from './csrf';
import { IS_PUBLIC } from './public.decorator';

/**
 * Installed globally by `IdentityModule`: every route requires a valid session cookie or bearer token unless it
 * is marked `@Public()`. Cookie-authenticated requests that change state must also carry the CSRF token.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(AuthenticationService) private readonly authentication: AuthenticationService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    const credential = presentedCredential(request);
    const authentication =
      credential === null || credential.kind === 'malformed' ? null : await this.authentication.authenticate(credential.token, credential.kind);
    if (authentication === null) {
      http.getResponse<ServerResponse>().setHeader('WWW-Authenticate', 'Bearer realm="kim"');
      throw new UnauthorizedException({
        statusCode: 401,
        code: 'unauthenticated',
        message: 'Bitte melden Sie sich an: Die Sitzung fehlt, ist abgelaufen oder wurde beendet.',
      });
    }
    if (authentication.csrfToken !== null && !csrfTokenAccepted(request, authentication.csrfToken)) {
      throw new ForbiddenException({
        statusCode: 403,
        code: 'csrf_token_invalid',
        message:
          'Die Anfrage enthält kein gültiges CSRF-Token (Kopfzeile X-CSRF-Token oder Formularfeld _csrf). ' +
          'Bitte laden Sie die Seite neu und versuchen Sie es noch einmal.',
      });
    }
    request.authentication = authentication;
    return true;
  }
}
