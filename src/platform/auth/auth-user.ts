import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '../../domain/workflow/roles';

/** The signed-in user as guards and services see it. */
export interface AuthUser {
  id: string;
  username: string;
  displayName: string;
  agencyId: string;
  departmentId: string | null;
  roles: Role[];
  sessionId: string;
}

export const IS_PUBLIC = 'isPublic';
/** No login needed (health, public calendar and clock endpoints, login itself). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

export const ROLES_KEY = 'roles';
/** Any of these roles may call the endpoint. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest().user;
});
