import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AccessTokens } from './access-tokens';
import { type AuthenticatedRequest, IS_PUBLIC, REQUIRED_ROLES } from './auth.decorators';
import { attachPrincipal, authenticate, authorize } from './authentication';
import { TenantAdmission } from './tenant-admission';

interface HttpRequest extends AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
}

/**
 * The global guard: every HTTP route needs `Authorization: Bearer <JWT>` unless marked @Public(),
 * admitted by its tenant (`TenantAdmission`), and one of its @Roles(). The edge checks all before the
 * body is read and attaches the principal; the guard takes that principal (or verifies and admits
 * the token itself) and enforces the roles again.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokens,
    private readonly admission: TenantAdmission,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<HttpRequest>();
    const principal =
      request.principal ??
      this.admission.admit(await authenticate(request.headers.authorization, this.tokens));
    attachPrincipal(request, principal);
    authorize(principal, this.reflector.getAllAndOverride<string[] | undefined>(REQUIRED_ROLES, targets));
    return true;
  }
}
