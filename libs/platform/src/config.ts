/** Where the service runs: `demo` issues dev tokens from its own key; `production` trusts an OIDC issuer. */
export type Profile = 'demo' | 'production';

/** Which adapters sit behind the ports. Only the embedded SQLite ones exist so far. */
export type StorageKind = 'embedded';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** The validated configuration of a service process, read from environment variables. */
export interface PlatformConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly profile: Profile;
  readonly storage: StorageKind;
  readonly logLevel: LogLevel;
  /** Expected `iss` of production tokens (JWT_ISSUER). */
  readonly jwtIssuer?: string;
  /** Expected `aud` of production tokens (JWT_AUDIENCE). */
  readonly jwtAudience?: string;
  /** Where production token signing keys are published (JWT_JWKS_URL). */
  readonly jwtJwksUrl?: string;
  readonly bodyLimitBytes: number;
  /** How often subscriptions and consumers poll for work written by other processes. */
  readonly pollIntervalMs: number;
  /** Lifetime of demo dev tokens, in seconds (DEMO_TOKEN_TTL, e.g. `8h`, `30m`, `3600`). */
  readonly demoTokenTtlSeconds: number;
}

type Env = Readonly<Record<string, string | undefined>>;

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const DURATION_UNITS: Readonly<Record<string, number>> = { '': 1, s: 1, m: 60, h: 3600, d: 86_400 };

/**
 * Reads and validates the configuration. Every bad value throws an Error that names its variable;
 * the production profile requires JWT_ISSUER, JWT_AUDIENCE and JWT_JWKS_URL.
 */
export function loadConfig(env: Env = process.env): PlatformConfig {
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const config: PlatformConfig = {
    port: integer('PORT', read('PORT'), 3000, 0, 65_535),
    host: read('HOST') ?? '0.0.0.0',
    dataDir: read('DATA_DIR') ?? './data',
    profile: oneOf('PROFILE', read('PROFILE'), ['demo', 'production'] as const, 'demo'),
    storage: oneOf('STORAGE', read('STORAGE'), ['embedded'] as const, 'embedded'),
    logLevel: oneOf('LOG_LEVEL', read('LOG_LEVEL'), LOG_LEVELS, 'info'),
    jwtIssuer: read('JWT_ISSUER'),
    jwtAudience: read('JWT_AUDIENCE'),
    jwtJwksUrl: read('JWT_JWKS_URL'),
    bodyLimitBytes: integer('BODY_LIMIT_BYTES', read('BODY_LIMIT_BYTES'), 64 * 1024, 1, 1024 ** 3),
    pollIntervalMs: integer('POLL_INTERVAL_MS', read('POLL_INTERVAL_MS'), 50, 1, 60_000),
    demoTokenTtlSeconds: duration('DEMO_TOKEN_TTL', read('DEMO_TOKEN_TTL'), 8 * 3600),
  };
  return validateConfig(config);
}

/** Checks the rules that span several variables (also applied to programmatic overrides). */
export function validateConfig(config: PlatformConfig): PlatformConfig {
  if (config.jwtJwksUrl !== undefined) url('JWT_JWKS_URL', config.jwtJwksUrl);
  if (config.profile === 'production') {
    for (const [name, value] of [
      ['JWT_ISSUER', config.jwtIssuer],
      ['JWT_AUDIENCE', config.jwtAudience],
      ['JWT_JWKS_URL', config.jwtJwksUrl],
    ] as const) {
      if (!value) throw new Error(`${name} is required when PROFILE=production`);
    }
  }
  return config;
}

function integer(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function oneOf<T extends string>(
  name: string,
  raw: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  if (raw === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new Error(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

function duration(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const match = /^(\d+)\s*(s|m|h|d)?$/.exec(raw);
  const seconds = match ? Number(match[1]) * DURATION_UNITS[match[2] ?? '']! : 0;
  if (!match || seconds <= 0) {
    throw new Error(`${name} must be a positive duration like 3600, 30m, 8h or 1d, got "${raw}"`);
  }
  return seconds;
}

function url(name: string, raw: string): void {
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new Error(`${name} must be an absolute URL, got "${raw}"`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new Error(`${name} must be an http(s) URL, got "${raw}"`);
  }
}
