import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants';

/** What the platform's decorators put in a route's Fastify config. */
export interface PlatformRouteConfig {
  readonly bodyLimitBytes?: number;
  /** `false`: the route is not rate limited (health probes, scraping). */
  readonly rateLimit?: false;
  /** Media types the route takes as a raw body (a Buffer) instead of JSON. */
  readonly rawBodyTypes?: readonly string[];
}

/**
 * Adds to a route's Fastify config (what Nest's `@RouteConfig` sets) instead of replacing it, so that
 * several decorators can each contribute their part.
 */
export function withRouteConfig(config: PlatformRouteConfig): MethodDecorator {
  return (_target, _property, descriptor) => {
    const handler = descriptor.value as object;
    const current = (Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, handler) ?? {}) as object;
    Reflect.defineMetadata(FASTIFY_ROUTE_CONFIG_METADATA, { ...current, ...config }, handler);
    return descriptor;
  };
}

/**
 * Lets one route take bodies up to `bytes` instead of BODY_LIMIT_BYTES (a bulk import, say); larger
 * ones are answered with a 413 problem naming the limit. Callers without the route's role are
 * answered 401/403 before any of the body is read. Keep every other route at the default.
 */
export const BodyLimit = (bytes: number): MethodDecorator => withRouteConfig({ bodyLimitBytes: bytes });

/** Exempts a route from the rate limits: liveness and readiness probes, metrics scraping. */
export const NotRateLimited = (): MethodDecorator => withRouteConfig({ rateLimit: false });

/**
 * Lets one route take its body as raw bytes (a Buffer) of the given media types, within its body limit
 * (413 beyond it, announced or not); any other media type is still 415, JSON still parsed as JSON.
 */
export const RawBody = (mediaTypes: readonly string[]): MethodDecorator =>
  withRouteConfig({ rawBodyTypes: mediaTypes });
