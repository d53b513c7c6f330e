import type { PlatformConfig } from '@kesu/platform';

/** The demo users the sign-in page lists, one of each role. */
const DEMO_USERS = 'agent1 handler1 handler2 supervisor1 manager1 director1 analyst1 regulator1 admin';

/**
 * What `npm start` prints once it listens, for the person at the terminal: where the console is, who
 * to sign in as (demo profile), where the data lives.
 */
export function startUpBanner(config: PlatformConfig, consoleServed: boolean): string {
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const lines = [
    '',
    `  Kesu is running (profile ${config.profile}).`,
    consoleServed
      ? `  Web console:  http://${host}:${config.port}/`
      : '  Web console:  not built (run npm run build)',
    `  API:          http://${host}:${config.port}/api/v1 (contracts/openapi.yaml)`,
    ...(config.profile === 'demo' ? [`  Demo users:   ${DEMO_USERS}`] : []),
    `  Data:         ${config.dataDir}`,
    '',
  ];
  return `${lines.join('\n')}\n`;
}
