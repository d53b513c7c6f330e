import { loadConfig } from './config';

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
      storage: 'embedded',
      logLevel: 'info',
      jwtIssuer: undefined,
      jwtAudience: undefined,
      jwtJwksUrl: undefined,
      bodyLimitBytes: 65_536,
      pollIntervalMs: 50,
      demoTokenTtlSeconds: 8 * 3600,
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
      BODY_LIMIT_BYTES: '1048576',
      POLL_INTERVAL_MS: '20',
      DEMO_TOKEN_TTL: '30m',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      dataDir: '/var/lib/kesu',
      profile: 'production',
      logLevel: 'debug',
      jwtAudience: 'kesu',
      bodyLimitBytes: 1_048_576,
      pollIntervalMs: 20,
      demoTokenTtlSeconds: 1800,
    });
  });

  it.each([
    ['PORT', { PORT: 'eighty' }],
    ['PORT', { PORT: '70000' }],
    ['PROFILE', { PROFILE: 'staging' }],
    ['STORAGE', { STORAGE: 'distributed' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'verbose' }],
    ['BODY_LIMIT_BYTES', { BODY_LIMIT_BYTES: '0' }],
    ['POLL_INTERVAL_MS', { POLL_INTERVAL_MS: '-5' }],
    ['DEMO_TOKEN_TTL', { DEMO_TOKEN_TTL: 'forever' }],
    ['JWT_JWKS_URL', { JWT_JWKS_URL: 'not a url' }],
  ])('rejects a bad %s, naming it', (name, env) => {
    expect(() => loadConfig(env)).toThrow(new RegExp(`^${name} `));
  });

  it.each(['JWT_ISSUER', 'JWT_AUDIENCE', 'JWT_JWKS_URL'])('requires %s in the production profile', (name) => {
    expect(() => loadConfig({ ...production, [name]: '' })).toThrow(
      `${name} is required when PROFILE=production`,
    );
  });

  it('accepts a TTL in seconds, hours or days', () => {
    expect(loadConfig({ DEMO_TOKEN_TTL: '600' }).demoTokenTtlSeconds).toBe(600);
    expect(loadConfig({ DEMO_TOKEN_TTL: '8h' }).demoTokenTtlSeconds).toBe(28_800);
    expect(loadConfig({ DEMO_TOKEN_TTL: '1d' }).demoTokenTtlSeconds).toBe(86_400);
  });
});
