import { startupFailure } from './bootstrap';
import { ConfigError, loadConfig } from './config';

const production = {
  PROFILE: 'production',
  JWT_ISSUER: 'https://idp.example.test/',
  JWT_AUDIENCE: 'kesu',
  JWT_JWKS_URL: 'https://idp.example.test/jwks.json',
};

describe('loadConfig', () => {
  it('has defaults for the demo profile', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: '0.0.0.0',
      dataDir: './data',
      profile: 'demo',
      adapters: { eventStore: 'embedded', messageLog: 'embedded', documentStore: 'embedded' },
      esdbUrl: undefined,
      kafkaBrokers: undefined,
      kafkaPartitions: 6,
      kafkaReplicationFactor: 1,
      mongoUrl: undefined,
      logLevel: 'info',
      logFormat: 'auto',
      jwtIssuer: undefined,
      jwtAudience: undefined,
      jwtJwksUrl: undefined,
      bodyLimitBytes: 65_536,
      pollIntervalMs: 50,
      demoTokenTtlSeconds: 8 * 3600,
      tokenMaxLifetimeSeconds: 24 * 3600,
      requestTimeoutMs: 10_000,
      rateLimitAnonymous: 30,
      rateLimitUser: 1200,
      rateLimitWindowSeconds: 60,
      trustProxyHops: 0,
      hstsMaxAgeSeconds: 0,
    });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      ...production,
      PORT: '8080',
      HOST: '127.0.0.1',
      DATA_DIR: '/var/lib/kesu',
      STORAGE: 'embedded',
      LOG_LEVEL: 'debug',
      LOG_FORMAT: 'json',
      BODY_LIMIT_BYTES: '1048576',
      POLL_INTERVAL_MS: '20',
      DEMO_TOKEN_TTL: '30m',
      TOKEN_MAX_LIFETIME: '1h',
      REQUEST_TIMEOUT_MS: '5000',
      RATE_LIMIT_ANONYMOUS: '0',
      RATE_LIMIT_USER: '300',
      RATE_LIMIT_WINDOW: '10s',
      HSTS_MAX_AGE: '365d',
      METRICS_PORT: '9464',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      dataDir: '/var/lib/kesu',
      profile: 'production',
      logLevel: 'debug',
      logFormat: 'json',
      jwtAudience: 'kesu',
      bodyLimitBytes: 1_048_576,
      pollIntervalMs: 20,
      demoTokenTtlSeconds: 1800,
      tokenMaxLifetimeSeconds: 3600,
      requestTimeoutMs: 5000,
      rateLimitAnonymous: 0,
      rateLimitUser: 300,
      rateLimitWindowSeconds: 10,
      hstsMaxAgeSeconds: 365 * 86_400,
      metricsPort: 9464,
    });
  });

  it.each([
    ['PORT', { PORT: 'eighty' }],
    ['PORT', { PORT: '70000' }],
    ['PROFILE', { PROFILE: 'staging' }],
    ['STORAGE', { STORAGE: 'cloud' }],
    ['EVENT_STORE', { EVENT_STORE: 'postgres' }],
    ['MESSAGE_LOG', { MESSAGE_LOG: 'rabbitmq' }],
    ['DOCUMENT_STORE', { DOCUMENT_STORE: 'couchdb' }],
    ['KAFKA_PARTITIONS', { KAFKA_PARTITIONS: '0' }],
    ['KAFKA_REPLICATION_FACTOR', { KAFKA_REPLICATION_FACTOR: 'three' }],
    ['ESDB_URL', { EVENT_STORE: 'eventstoredb', ESDB_URL: 'http://localhost:2113' }],
    ['KAFKA_BROKERS', { MESSAGE_LOG: 'kafka', KAFKA_BROKERS: 'localhost' }],
    ['KAFKA_BROKERS', { MESSAGE_LOG: 'kafka', KAFKA_BROKERS: 'kafka:9092,:9093' }],
    ['MONGO_URL', { DOCUMENT_STORE: 'mongodb', MONGO_URL: 'postgres://db/kesu' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'verbose' }],
    ['BODY_LIMIT_BYTES', { BODY_LIMIT_BYTES: '0' }],
    ['POLL_INTERVAL_MS', { POLL_INTERVAL_MS: '-5' }],
    ['DEMO_TOKEN_TTL', { DEMO_TOKEN_TTL: 'forever' }],
    ['JWT_JWKS_URL', { JWT_JWKS_URL: 'not a url' }],
    ['TOKEN_MAX_LIFETIME', { TOKEN_MAX_LIFETIME: '0' }],
    ['DEMO_TOKEN_TTL', { DEMO_TOKEN_TTL: '2d' }],
    ['REQUEST_TIMEOUT_MS', { REQUEST_TIMEOUT_MS: '10s' }],
    ['RATE_LIMIT_USER', { RATE_LIMIT_USER: '-1' }],
    ['RATE_LIMIT_WINDOW', { RATE_LIMIT_WINDOW: '0' }],
    ['HSTS_MAX_AGE', { HSTS_MAX_AGE: 'yes' }],
    ['TRUST_PROXY_HOPS', { TRUST_PROXY_HOPS: 'all' }],
    ['METRICS_PORT', { METRICS_PORT: '3000' }],
    ['METRICS_PORT', { METRICS_PORT: 'metrics' }],
  ])('rejects a bad %s, naming it', (name, env) => {
    expect(() => loadConfig(env)).toThrow(new RegExp(`^${name} `));
  });

  it.each(['JWT_ISSUER', 'JWT_AUDIENCE', 'JWT_JWKS_URL'])('requires %s in the production profile', (name) => {
    expect(() => loadConfig({ ...production, [name]: '' })).toThrow(
      `${name} is required when PROFILE=production`,
    );
  });

  it('names every missing and malformed variable at once', () => {
    const env = { PROFILE: 'production', PORT: 'eighty', LOG_LEVEL: 'loud', MESSAGE_LOG: 'kafka' };
    let thrown: unknown;
    try {
      loadConfig(env);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).problems).toEqual([
      'PORT must be an integer from 0 to 65535, got "eighty"',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"',
      'KAFKA_BROKERS is required when MESSAGE_LOG=kafka (e.g. kafka-1:9092,kafka-2:9092)',
      'JWT_ISSUER is required when PROFILE=production',
      'JWT_AUDIENCE is required when PROFILE=production',
      'JWT_JWKS_URL is required when PROFILE=production',
    ]);
  });

  it('says what is wrong with the configuration without a stack trace when a service cannot start', () => {
    const message = startupFailure('intake', new ConfigError(['JWT_ISSUER is required', 'PORT is bad']));
    expect(message).toBe(
      'intake cannot start: the configuration is not valid.\n  - JWT_ISSUER is required\n  - PORT is bad\n',
    );
    expect(startupFailure('intake', new Error('disk full'))).toMatch(
      /^intake failed to start: Error: disk full\n\s+at /,
    );
  });

  it('chooses every port from STORAGE, and each one from its own variable', () => {
    const engines = {
      ESDB_URL: 'kurrentdb://kurrentdb:2113?tls=false',
      KAFKA_BROKERS: 'kafka-1:9092, kafka-2:9092',
      MONGO_URL: 'mongodb://user:secret@mongo-1:27017,mongo-2:27017/kesu?replicaSet=rs0',
    };
    expect(loadConfig({ STORAGE: 'distributed', ...engines })).toMatchObject({
      adapters: { eventStore: 'eventstoredb', messageLog: 'kafka', documentStore: 'mongodb' },
      esdbUrl: engines.ESDB_URL,
      kafkaBrokers: ['kafka-1:9092', 'kafka-2:9092'],
      mongoUrl: engines.MONGO_URL,
    });
    expect(
      loadConfig({ STORAGE: 'distributed', MESSAGE_LOG: 'embedded', ...engines, KAFKA_BROKERS: '' }).adapters,
    ).toEqual({ eventStore: 'eventstoredb', messageLog: 'embedded', documentStore: 'mongodb' });
    expect(loadConfig({ DOCUMENT_STORE: 'mongodb', MONGO_URL: engines.MONGO_URL }).adapters).toEqual({
      eventStore: 'embedded',
      messageLog: 'embedded',
      documentStore: 'mongodb',
    });
  });

  it.each([
    ['ESDB_URL', 'EVENT_STORE=eventstoredb', { EVENT_STORE: 'eventstoredb' }],
    ['KAFKA_BROKERS', 'MESSAGE_LOG=kafka', { MESSAGE_LOG: 'kafka' }],
    ['MONGO_URL', 'DOCUMENT_STORE=mongodb', { DOCUMENT_STORE: 'mongodb' }],
    ['ESDB_URL', 'EVENT_STORE=eventstoredb', { STORAGE: 'distributed' }],
  ])('requires %s when %s', (name, because, env) => {
    expect(() => loadConfig(env)).toThrow(new RegExp(`^${name} is required when ${because}`));
  });

  it('never repeats a connection string, which may hold a password', () => {
    expect(() => loadConfig({ DOCUMENT_STORE: 'mongodb', MONGO_URL: 'mysql://root:hunter2@db' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('hunter2') }),
    );
  });

  it('accepts a TTL in seconds, hours or days', () => {
    expect(loadConfig({ DEMO_TOKEN_TTL: '600' }).demoTokenTtlSeconds).toBe(600);
    expect(loadConfig({ DEMO_TOKEN_TTL: '8h' }).demoTokenTtlSeconds).toBe(28_800);
    expect(loadConfig({ DEMO_TOKEN_TTL: '1d' }).demoTokenTtlSeconds).toBe(86_400);
  });
});
