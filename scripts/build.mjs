// Compiles every service and library with SWC into dist/ (path aliases rewritten to relative imports),
// copies the JSON data files their sources import (taxonomy packs, default rules) beside them, and
// builds the web console with Vite into dist/services/console (the host serves it at `/`).
import { execFileSync } from 'node:child_process';
import { cpSync, globSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const swc = require.resolve('@swc/cli/bin/swc.js');

rmSync('dist', { recursive: true, force: true });
execFileSync(
  process.execPath,
  [
    swc,
    'libs',
    'services',
    'test',
    'scripts',
    '-d',
    'dist',
    '--config-file',
    '.swcrc',
    '--quiet',
    '--ignore',
    '**/*.spec.ts,**/*.features.ts,**/jest.config.cjs,services/console/**',
  ],
  { stdio: 'inherit' },
);

for (const file of globSync('{libs,services}/**/src/**/*.json', {
  exclude: (f) => f.startsWith('services/console'),
}))
  cpSync(file, join('dist', file));

execFileSync(
  process.execPath,
  [
    join('node_modules', 'vite', 'bin', 'vite.js'),
    'build',
    '--config',
    'services/console/vite.config.mts',
    '--logLevel',
    'warn',
  ],
  {
    stdio: 'inherit',
  },
);
