import { SetMetadata } from '@nestjs/common';
import type { Role } from '../../domain/case/access.policy';

export const REQUIRED_ROLES = 'kim:roles';

/** Only principals with one of these roles reach the route (403 otherwise). On a method it replaces the class's. */
export const Roles = (...roles: [Role, ...Role[]]) => SetMetadata(REQUIRED_ROLES, roles);
