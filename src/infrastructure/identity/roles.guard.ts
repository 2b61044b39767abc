import { type CanActivate, type ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '../../domain/case/access.policy';
import type { AuthenticatedRequest } from './authenticated-request';
import { REQUIRED_ROLES } from './roles.decorator';

/**
 * Checks `@Roles(...)`. Installed globally after `AuthGuard`; a route with roles but no principal (a `@Public()`
 * route, or a guard order gone wrong) is refused, never let through.
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, [context.getHandler(), context.getClass()]);
    if (roles === undefined) return true;
    const authentication = context.switchToHttp().getRequest<AuthenticatedRequest>().authentication;
    if (authentication === undefined) {
      throw new UnauthorizedException({ statusCode: 401, code: 'unauthenticated', message: 'Bitte melden Sie sich an.' });
    }
    if (!roles.includes(authentication.principal.role)) {
      throw new ForbiddenException({
        statusCode: 403,
        code: 'role_not_permitted',
        message: 'Ihre Rolle berechtigt nicht zu dieser Funktion.',
      });
    }
    return true;
  }
}
