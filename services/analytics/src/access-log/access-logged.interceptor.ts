import {
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  type NestInterceptor,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  type AuthenticatedRequest,
  clientAddressOf,
  CLOCK,
  CONFIG,
  type PlatformConfig,
  Role,
} from '@kesu/platform';
import type { Clock } from '@kesu/ports';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, mergeMap, type Observable } from 'rxjs';
import { AccessLog, type AccessKind } from './access-log';

const ACCESS_KIND = 'kesu:access-kind';

/** Marks a route whose answers hold complaint data: reads of it by the roles below are logged. */
export const AccessLogged = (kind: AccessKind): MethodDecorator => SetMetadata(ACCESS_KIND, kind);

/** The roles whose reads of complaint data are logged (they read across complaints, not their own work). */
export const LOGGED_ROLES: ReadonlySet<string> = new Set([Role.analyst, Role.regulator, Role.admin]);

/**
 * Records each successful read of a route marked `@AccessLogged` by an analyst, a regulator or an
 * administrator before the answer leaves: who, what (kind, complaint, path and query), when and
 * from where. A read whose record cannot be written fails (500) rather than go unlogged.
 */
@Injectable()
export class AccessLoggedInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly log: AccessLog,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CONFIG) private readonly config: PlatformConfig,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const kind = this.reflector.get<AccessKind | undefined>(ACCESS_KIND, context.getHandler());
    const request = context.switchToHttp().getRequest<FastifyRequest & AuthenticatedRequest>();
    const principal = request.principal;
    if (!kind || !principal || !principal.roles.some((role) => LOGGED_ROLES.has(role))) return next.handle();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const id = (request.params as Record<string, string> | undefined)?.id;
    return next.handle().pipe(
      mergeMap((body: unknown) =>
        from(
          this.log
            .record({
              tenantId: principal.tenantId,
              at: this.clock.now().toISOString(),
              userId: principal.userId,
              username: principal.username,
              roles: principal.roles,
              kind,
              complaintId: id ?? null,
              method: request.method,
              url: request.url,
              status: reply.statusCode,
              clientAddress: clientAddressOf(request, this.config.trustProxyHops),
              userAgent: request.headers['user-agent'] ?? null,
              correlationId: String(request.id),
            })
            .then(() => body),
        ),
      ),
    );
  }
}
