import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Principal } from './principal';

export const IS_PUBLIC = 'kesu:public';
export const REQUIRED_ROLES = 'kesu:roles';

/** Marks a route (or controller) as reachable without a token. */
export const Public = (): MethodDecorator & ClassDecorator => accessMetadata(IS_PUBLIC, true);

/** Requires at least one of these roles (403 otherwise); on a route or a controller. */
export const Roles = (...roles: string[]): MethodDecorator & ClassDecorator =>
  accessMetadata(REQUIRED_ROLES, roles);

/**
 * Sets access metadata on a route method, or on a controller and each of its route methods that does
 * not set its own: the guard reads the method and then the class, while the edge's early check
 * (which sees only the route's handler) reads the method alone, and both must come to one answer.
 */
function accessMetadata(key: string, value: unknown): MethodDecorator & ClassDecorator {
  return ((target: object, _property?: string | symbol, descriptor?: PropertyDescriptor) => {
    if (descriptor) {
      Reflect.defineMetadata(key, value, descriptor.value as object);
      return descriptor;
    }
    Reflect.defineMetadata(key, value, target);
    const prototype = (target as { prototype: object }).prototype;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const method = Object.getOwnPropertyDescriptor(prototype, name)?.value as unknown;
      if (name === 'constructor' || typeof method !== 'function') continue;
      if (!Reflect.hasOwnMetadata(key, method)) Reflect.defineMetadata(key, value, method);
    }
    return undefined;
  }) as MethodDecorator & ClassDecorator;
}

/** A request that may carry the verified principal (set by the edge's authentication). */
export interface AuthenticatedRequest {
  principal?: Principal;
  raw?: { principal?: Principal };
}

/** Injects the verified Principal of the request (undefined on a public route). */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal | undefined =>
    context.switchToHttp().getRequest<AuthenticatedRequest>().principal,
);
