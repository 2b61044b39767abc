import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Principal } from '../../application/identity/principal';
import type { AuthenticatedRequest } from './authenticated-request';
import type { Authentication } from './authentication.service';
import { PrincipalUnavailableError } from './identity.errors';

function authenticationOf(context: ExecutionContext): Authentication {
  const authentication = context.switchToHttp().getRequest<AuthenticatedRequest>().authentication;
  if (authentication === undefined) throw new PrincipalUnavailableError();
  return authentication;
}

/** The signed-in principal, for handlers: `create(@CurrentPrincipal() principal: Principal)`. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => authenticationOf(context).principal);

/** The whole authentication (session id, kind, CSRF token), for the auth routes themselves. */
export const CurrentAuthentication = createParamDecorator((_data: unknown, context: ExecutionContext): Authentication => authenticationOf(context));
