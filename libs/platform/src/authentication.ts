import { ForbiddenException, UnauthorizedException } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import type { FastifyRequest, RouteOptions } from 'fastify';
import { type AccessTokens, InvalidTokenError } from './access-tokens';
import { type AuthenticatedRequest, IS_PUBLIC, REQUIRED_ROLES } from './auth.decorators';
import type { Principal } from './principal';

const BEARER = /^Bearer[ \t]+([A-Za-z0-9\-_.~+/]+=*)[ \t]*$/i;

/** The principal of an `Authorization: Bearer <JWT>` header; 401 without a valid token. */
export async function authenticate(authorization: unknown, tokens: AccessTokens): Promise<Principal> {
  const match = typeof authorization === 'string' ? BEARER.exec(authorization) : null;
  if (!match) throw new UnauthorizedException('A bearer token is required.');
  try {
    return await tokens.verify(match[1]!);
  } catch (error) {
    if (error instanceof InvalidTokenError)
      throw new UnauthorizedException(`Invalid token: ${error.message}`);
    throw error;
  }
}

/** 403 unless the principal has one of the roles; any principal passes when none are required. */
export function authorize(principal: Principal, roles: readonly string[] | undefined): void {
  if (roles && roles.length > 0 && !roles.some((role) => principal.roles.includes(role))) {
    throw new ForbiddenException(`This action requires one of the roles: ${roles.join(', ')}.`);
  }
}

/** Who may call a route, as its controller declares it (`@Public`, `@Roles`). */
export interface RouteAccess {
  readonly public: boolean;
  readonly roles?: readonly string[];
}

interface AccessConfig {
  access?: RouteAccess;
}

/**
 * Copies a Nest route's access metadata into its Fastify route config (an `onRoute` hook), so that
 * the request can be checked before its body is read. Routes that Nest did not declare get none.
 */
export function recordRouteAccess(route: RouteOptions): void {
  const handler = route.handler as object;
  if (!Reflect.hasMetadata(PATH_METADATA, handler)) return;
  const roles = Reflect.getMetadata(REQUIRED_ROLES, handler) as string[] | undefined;
  const access: RouteAccess = {
    public: Reflect.getMetadata(IS_PUBLIC, handler) === true,
    ...(roles !== undefined && { roles }),
  };
  route.config = { ...(route.config as object | undefined), access } as typeof route.config;
}

/**
 * Authenticates and authorises a request before its body is read (a `preParsing` hook): a request
 * without a valid token is answered 401, one without the route's role 403, however large the
 * body it announces. The principal is attached to the request for the guard and the handler.
 */
export function authenticateBeforeBody(tokens: AccessTokens) {
  return async (request: FastifyRequest): Promise<void> => {
    const access = (request.routeOptions.config as AccessConfig | undefined)?.access;
    if (!access || access.public) return;
    const principal = await authenticate(request.headers.authorization, tokens);
    authorize(principal, access.roles);
    attachPrincipal(request as AuthenticatedRequest, principal);
  };
}

/** Puts the principal on the request, and on the raw request the logger reads. */
export function attachPrincipal(request: AuthenticatedRequest, principal: Principal): void {
  request.principal = principal;
  if (request.raw) request.raw.principal = principal;
}
