import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AccessTokens, InvalidTokenError } from './access-tokens';
import { type AuthenticatedRequest, IS_PUBLIC, REQUIRED_ROLES } from './auth.decorators';

interface HttpRequest extends AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
}

const BEARER = /^Bearer[ \t]+([A-Za-z0-9\-_.~+/]+=*)[ \t]*$/i;

/**
 * The global guard: every HTTP route needs `Authorization: Bearer <JWT>` unless marked @Public().
 * It attaches the verified Principal to the request and enforces @Roles().
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
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? BEARER.exec(header) : null;
    if (!match) throw new UnauthorizedException('A bearer token is required.');
    let principal;
    try {
      principal = await this.tokens.verify(match[1]!);
    } catch (error) {
      if (error instanceof InvalidTokenError)
        throw new UnauthorizedException(`Invalid token: ${error.message}`);
      throw error;
    }
    request.principal = principal;
    if (request.raw) request.raw.principal = principal;

    const roles = this.reflector.getAllAndOverride<string[] | undefined>(REQUIRED_ROLES, targets);
    if (roles && roles.length > 0 && !roles.some((role) => principal.roles.includes(role))) {
      throw new ForbiddenException(`This action requires one of the roles: ${roles.join(', ')}.`);
    }
    return true;
  }
}
