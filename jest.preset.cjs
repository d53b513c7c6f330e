// Shared Jest settings: SWC transpiles TypeScript (decorators with metadata), tsc type-checks separately.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const swcrc = JSON.parse(readFileSync(join(__dirname, '.swcrc'), 'utf8'));
const aliases = Object.fromEntries(
  Object.entries(swcrc.jsc.paths).map(([alias, [target]]) => [`^${alias}$`, join(__dirname, target)]),
);

// ES-module-only packages: Node 24 loads them through require(), Jest's module runtime needs them transpiled.
const esmOnly = ['uuid', 'jose'];

/** @param {string} dir the project's folder; @param {string} name its display name */
module.exports = (dir, name, overrides = {}) => ({
  displayName: name,
  rootDir: dir,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.spec.ts'],
  testTimeout: 30_000,
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { ...swcrc, jsc: { ...swcrc.jsc, baseUrl: __dirname }, sourceMaps: 'inline', swcrc: false },
    ],
    [`/node_modules/(${esmOnly.join('|')})/.+\\.js$`]: [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'ecmascript' }, target: 'es2023' },
        module: { type: 'commonjs' },
        swcrc: false,
      },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  moduleNameMapper: aliases,
  moduleFileExtensions: ['ts', 'js', 'json'],
  ...overrides,
});
