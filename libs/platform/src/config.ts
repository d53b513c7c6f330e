import { checkConnectionString, checkUrl, EnvironmentReader } from './config-values';

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
  /** LOG_FORMAT: `json` lines, `pretty` (readable, coloured), or `auto`: pretty on a terminal, else JSON. */
  readonly logFormat: LogFormat;
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
  /** The longest a token may live (TOKEN_MAX_LIFETIME): tokens without `exp`, or living longer, are refused. */
  readonly tokenMaxLifetimeSeconds: number;
  /** The time a client has to send a whole request, headers and body (REQUEST_TIMEOUT_MS); then 408. */
  readonly requestTimeoutMs: number;
  /** Requests per window and client address on the routes without a token (RATE_LIMIT_ANONYMOUS, 0: off). */
  readonly rateLimitAnonymous: number;
  /** Requests per window and user on the other routes (RATE_LIMIT_USER, 0: off). */
  readonly rateLimitUser: number;
  /** The window of both rate limits, in seconds (RATE_LIMIT_WINDOW). */
  readonly rateLimitWindowSeconds: number;
  /**
   * How many proxies in front of the service append to `X-Forwarded-For` (TRUST_PROXY_HOPS; 0: none,
   * the client is the socket's peer). Behind the gateway it is 1, so anonymous rate limits count the
   * caller's address, not the gateway's.
   */
  readonly trustProxyHops: number;
  /** `Strict-Transport-Security` max-age in seconds (HSTS_MAX_AGE): only behind TLS; 0 sends none. */
  readonly hstsMaxAgeSeconds: number;
  /** When set, `/metrics` is served on this port (METRICS_PORT) and no longer on PORT. */
  readonly metricsPort?: number;
}

type Env = Readonly<Record<string, string | undefined>>;

export type LogFormat = 'auto' | 'json' | 'pretty';
const LOG_FORMATS: readonly LogFormat[] = ['auto', 'json', 'pretty'];
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** A configuration that cannot be used: every problem, each naming its variable, one per line. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

/**
 * Reads and validates the configuration. Bad values throw one ConfigError that names every bad or
 * missing variable; the production profile requires JWT_ISSUER, JWT_AUDIENCE and JWT_JWKS_URL.
 */
export function loadConfig(env: Env = process.env): PlatformConfig {
  const read = new EnvironmentReader(env);
  const metricsPort = read.optionalPort('METRICS_PORT');
  const config: PlatformConfig = {
    port: read.integer('PORT', 3000, 0, 65_535),
    host: read.text('HOST') ?? '0.0.0.0',
    dataDir: read.text('DATA_DIR') ?? './data',
    profile: read.oneOf('PROFILE', ['demo', 'production'] as const, 'demo'),
    adapters: adapters(read),
    esdbUrl: read.text('ESDB_URL'),
    kafkaBrokers: read
      .text('KAFKA_BROKERS')
      ?.split(',')
      .map((broker) => broker.trim())
      .filter(Boolean),
    kafkaPartitions: read.integer('KAFKA_PARTITIONS', 6, 1, 10_000),
    kafkaReplicationFactor: read.integer('KAFKA_REPLICATION_FACTOR', 1, 1, 32),
    mongoUrl: read.text('MONGO_URL'),
    logLevel: read.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    logFormat: read.oneOf('LOG_FORMAT', LOG_FORMATS, 'auto'),
    jwtIssuer: read.text('JWT_ISSUER'),
    jwtAudience: read.text('JWT_AUDIENCE'),
    jwtJwksUrl: read.text('JWT_JWKS_URL'),
    bodyLimitBytes: read.integer('BODY_LIMIT_BYTES', 64 * 1024, 1, 1024 ** 3),
    pollIntervalMs: read.integer('POLL_INTERVAL_MS', 50, 1, 60_000),
    demoTokenTtlSeconds: read.duration('DEMO_TOKEN_TTL', 8 * 3600),
    tokenMaxLifetimeSeconds: read.duration('TOKEN_MAX_LIFETIME', 24 * 3600),
    requestTimeoutMs: read.integer('REQUEST_TIMEOUT_MS', 10_000, 100, 3_600_000),
    rateLimitAnonymous: read.integer('RATE_LIMIT_ANONYMOUS', 30, 0, 1_000_000),
    rateLimitUser: read.integer('RATE_LIMIT_USER', 1200, 0, 1_000_000),
    rateLimitWindowSeconds: read.duration('RATE_LIMIT_WINDOW', 60),
    trustProxyHops: read.integer('TRUST_PROXY_HOPS', 0, 0, 10),
    hstsMaxAgeSeconds: read.duration('HSTS_MAX_AGE', 0, 'no Strict-Transport-Security'),
    ...(metricsPort !== undefined && { metricsPort }),
  };
  checkRules(config, read.problems);
  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return config;
}

function adapters(read: EnvironmentReader): AdapterChoice {
  const mode = read.oneOf('STORAGE', ['embedded', 'distributed'] as const, 'embedded');
  const defaults = mode === 'distributed' ? DISTRIBUTED : EMBEDDED;
  return {
    eventStore: read.oneOf('EVENT_STORE', ['embedded', 'eventstoredb'] as const, defaults.eventStore),
    messageLog: read.oneOf('MESSAGE_LOG', ['embedded', 'kafka'] as const, defaults.messageLog),
    documentStore: read.oneOf('DOCUMENT_STORE', ['embedded', 'mongodb'] as const, defaults.documentStore),
  };
}

/** Checks the rules that span several variables (also applied to programmatic overrides). */
export function validateConfig(config: PlatformConfig): PlatformConfig {
  const problems: string[] = [];
  checkRules(config, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

function checkRules(config: PlatformConfig, problems: string[]): void {
  if (config.jwtJwksUrl !== undefined) checkUrl('JWT_JWKS_URL', config.jwtJwksUrl, problems);
  checkEngines(config, problems);
  if (config.profile === 'production') {
    for (const [name, value] of [
      ['JWT_ISSUER', config.jwtIssuer],
      ['JWT_AUDIENCE', config.jwtAudience],
      ['JWT_JWKS_URL', config.jwtJwksUrl],
    ] as const) {
      if (!value) problems.push(`${name} is required when PROFILE=production`);
    }
  }
  if (config.demoTokenTtlSeconds > config.tokenMaxLifetimeSeconds) {
    problems.push(
      `DEMO_TOKEN_TTL must not exceed TOKEN_MAX_LIFETIME (${config.tokenMaxLifetimeSeconds} s), got ${config.demoTokenTtlSeconds} s`,
    );
  }
  if (config.metricsPort !== undefined && config.metricsPort !== 0 && config.metricsPort === config.port) {
    problems.push(`METRICS_PORT must differ from PORT (${config.port})`);
  }
}

/** The connection settings of the engines the chosen adapters need are present and well formed. */
function checkEngines(config: PlatformConfig, problems: string[]): void {
  const { adapters: chosen } = config;
  if (chosen.eventStore === 'eventstoredb') {
    if (!config.esdbUrl) problems.push('ESDB_URL is required when EVENT_STORE=eventstoredb');
    else checkConnectionString('ESDB_URL', config.esdbUrl, ESDB_SCHEMES, problems);
  }
  if (chosen.messageLog === 'kafka') {
    const brokers = config.kafkaBrokers ?? [];
    if (brokers.length === 0)
      problems.push('KAFKA_BROKERS is required when MESSAGE_LOG=kafka (e.g. kafka-1:9092,kafka-2:9092)');
    const bad = brokers.find(
      (broker) => !/^[A-Za-z0-9.-]+:\d{1,5}$/.test(broker) || Number(broker.split(':')[1]) > 65_535,
    );
    if (bad !== undefined)
      problems.push(`KAFKA_BROKERS must list host:port pairs separated by commas, got "${bad}"`);
  }
  if (chosen.documentStore === 'mongodb') {
    if (!config.mongoUrl) problems.push('MONGO_URL is required when DOCUMENT_STORE=mongodb');
    else checkConnectionString('MONGO_URL', config.mongoUrl, ['mongodb:', 'mongodb+srv:'], problems);
  }
}

const ESDB_SCHEMES = [
  'esdb:',
  'esdb+discover:',
  'kurrentdb:',
  'kurrentdb+discover:',
  'kurrent:',
  'kurrent+discover:',
];
