import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Principal } from './principal';

export const IS_PUBLIC = 'kesu:public';
export const REQUIRED_ROLES = 'kesu:roles';

/** Marks a route (or controller) as reachable without a token. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** Requires at least one of these roles (403 otherwise); on a route or a controller. */
export const Roles = (...roles: string[]): MethodDecorator & ClassDecorator =>
  SetMetadata(REQUIRED_ROLES, roles);

/** A request that may carry the verified principal (set by the auth guard). */
export interface AuthenticatedRequest {
  principal?: Principal;
  raw?: { principal?: Principal };
}

/** Injects the verified Principal of the request (undefined on a public route). */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal | undefined =>
    context.switchToHttp().getRequest<AuthenticatedRequest>().principal,
);
