import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '../../domain/workflow/roles';

/** The signed-in user as guards and services see it. */
export interface AuthUser {
  id: string;
  username: string;
  displayName: string;
  /** The user's agency; NO_AGENCY for the platform operator, who belongs to none. */
  agencyId: string;
  departmentId: string | null;
  roles: Role[];
  sessionId: string;
}

export const IS_PUBLIC = 'isPublic';
/** No login needed (health, public calendar and clock endpoints, login itself). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The agency id of a platform operator's session: matches no agency (the operator is outside every agency). */
export const NO_AGENCY = '00000000-0000-0000-0000-000000000000';

/**
 * The platform operator reaches only endpoints that name the role `operator` in @Roles or carry
 * this mark (their own session: /me, logout, password; the national calendar's history). Every
 * other endpoint is an agency's and answers an operator 403.
 */
export const OPERATOR_ALLOWED = 'operatorAllowed';
export const OperatorAllowed = () => SetMetadata(OPERATOR_ALLOWED, true);

export const ROLES_KEY = 'roles';
/** Any of these roles may call the endpoint. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest().user;
});
