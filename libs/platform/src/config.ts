/** Where the service runs: `demo` issues dev tokens from its own key; `production` trusts an OIDC issuer. */
export type Profile = 'demo' | 'production';

/** Which adapters sit behind the ports; the key store always follows the document store. */
export interface AdapterChoice {
  readonly eventStore: 'embedded' | 'eventstoredb';
  readonly messageLog: 'embedded' | 'kafka';
  readonly documentStore: 'embedded' | 'mongodb';
}

/** STORAGE: the default for every port, which EVENT_STORE, MESSAGE_LOG and DOCUMENT_STORE override. */
export type StorageMode = 'embedded' | 'distributed';

const DISTRIBUTED: AdapterChoice = {
  eventStore: 'eventstoredb',
  messageLog: 'kafka',
  documentStore: 'mongodb',
};
const EMBEDDED: AdapterChoice = { eventStore: 'embedded', messageLog: 'embedded', documentStore: 'embedded' };

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** The validated configuration of a service process, read from environment variables. */
export interface PlatformConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly profile: Profile;
  readonly adapters: AdapterChoice;
  /** EventStoreDB/KurrentDB connection string (ESDB_URL), required with EVENT_STORE=eventstoredb. */
  readonly esdbUrl?: string;
  /** Kafka bootstrap brokers (KAFKA_BROKERS, comma separated host:port), required with MESSAGE_LOG=kafka. */
  readonly kafkaBrokers?: readonly string[];
  /** Partitions of the topics Kesu creates (KAFKA_PARTITIONS): the most consumers of a group that get work. */
  readonly kafkaPartitions: number;
  /** Replicas of the topics Kesu creates (KAFKA_REPLICATION_FACTOR): 3 on a production cluster. */
  readonly kafkaReplicationFactor: number;
  /** MongoDB connection string (MONGO_URL), required with DOCUMENT_STORE=mongodb. */
  readonly mongoUrl?: string;
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
    adapters: adapters(read),
    esdbUrl: read('ESDB_URL'),
    kafkaBrokers: read('KAFKA_BROKERS')
      ?.split(',')
      .map((broker) => broker.trim())
      .filter(Boolean),
    kafkaPartitions: integer('KAFKA_PARTITIONS', read('KAFKA_PARTITIONS'), 6, 1, 10_000),
    kafkaReplicationFactor: integer('KAFKA_REPLICATION_FACTOR', read('KAFKA_REPLICATION_FACTOR'), 1, 1, 32),
    mongoUrl: read('MONGO_URL'),
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

function adapters(read: (name: string) => string | undefined): AdapterChoice {
  const mode = oneOf('STORAGE', read('STORAGE'), ['embedded', 'distributed'] as const, 'embedded');
  const defaults = mode === 'distributed' ? DISTRIBUTED : EMBEDDED;
  return {
    eventStore: oneOf(
      'EVENT_STORE',
      read('EVENT_STORE'),
      ['embedded', 'eventstoredb'] as const,
      defaults.eventStore,
    ),
    messageLog: oneOf(
      'MESSAGE_LOG',
      read('MESSAGE_LOG'),
      ['embedded', 'kafka'] as const,
      defaults.messageLog,
    ),
    documentStore: oneOf(
      'DOCUMENT_STORE',
      read('DOCUMENT_STORE'),
      ['embedded', 'mongodb'] as const,
      defaults.documentStore,
    ),
  };
}

/** Checks the rules that span several variables (also applied to programmatic overrides). */
export function validateConfig(config: PlatformConfig): PlatformConfig {
  if (config.jwtJwksUrl !== undefined) url('JWT_JWKS_URL', config.jwtJwksUrl);
  validateEngines(config);
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

/** The connection settings of the engines the chosen adapters need are present and well formed. */
function validateEngines(config: PlatformConfig): void {
  const { adapters: chosen } = config;
  if (chosen.eventStore === 'eventstoredb') {
    const value = required('ESDB_URL', config.esdbUrl, 'EVENT_STORE=eventstoredb');
    connectionString('ESDB_URL', value, [
      'esdb:',
      'esdb+discover:',
      'kurrentdb:',
      'kurrentdb+discover:',
      'kurrent:',
      'kurrent+discover:',
    ]);
  }
  if (chosen.messageLog === 'kafka') {
    const brokers = config.kafkaBrokers ?? [];
    if (brokers.length === 0)
      throw new Error('KAFKA_BROKERS is required when MESSAGE_LOG=kafka (e.g. kafka-1:9092,kafka-2:9092)');
    for (const broker of brokers) {
      if (!/^[A-Za-z0-9.-]+:\d{1,5}$/.test(broker) || Number(broker.split(':')[1]) > 65_535) {
        throw new Error(`KAFKA_BROKERS must list host:port pairs separated by commas, got "${broker}"`);
      }
    }
  }
  if (chosen.documentStore === 'mongodb') {
    const value = required('MONGO_URL', config.mongoUrl, 'DOCUMENT_STORE=mongodb');
    connectionString('MONGO_URL', value, ['mongodb:', 'mongodb+srv:']);
  }
}

function required(name: string, value: string | undefined, because: string): string {
  if (!value) throw new Error(`${name} is required when ${because}`);
  return value;
}

/**
 * Starts with one of the schemes and names at least one host (connection strings may list several
 * hosts, which URL parsing rejects, so the client checks the rest when it connects). The message
 * never repeats the value, which may hold a password.
 */
function connectionString(name: string, raw: string, schemes: readonly string[]): void {
  const scheme = /^([a-z+]+:)\/\/[^/?#\s]+/.exec(raw)?.[1];
  if (!scheme || !schemes.includes(scheme)) {
    throw new Error(
      `${name} must be a connection string starting with ${schemes.map((s) => `${s}//`).join(' or ')}`,
    );
  }
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
