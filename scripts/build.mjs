// Compiles every service and library with SWC into dist/ (path aliases rewritten to relative imports),
// and copies the JSON data files their sources import (taxonomy packs, default rules) beside them.
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
    '**/*.spec.ts,**/*.features.ts,**/jest.config.cjs',
  ],
  { stdio: 'inherit' },
);

for (const file of globSync('{libs,services}/**/src/**/*.json')) cpSync(file, join('dist', file));
