import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AccessTokens } from './access-tokens';
import { type AuthenticatedRequest, IS_PUBLIC, REQUIRED_ROLES } from './auth.decorators';
import { attachPrincipal, authenticate, authorize } from './authentication';

interface HttpRequest extends AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
}

/**
 * The global guard: every HTTP route needs `Authorization: Bearer <JWT>` unless marked @Public(),
 * and one of its @Roles(). The edge checks both before the body is read and attaches the principal;
 * the guard takes that principal (or verifies the token itself) and enforces the roles again.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokens,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<HttpRequest>();
    const principal = request.principal ?? (await authenticate(request.headers.authorization, this.tokens));
    attachPrincipal(request, principal);
    authorize(principal, this.reflector.getAllAndOverride<string[] | undefined>(REQUIRED_ROLES, targets));
    return true;
  }
}
