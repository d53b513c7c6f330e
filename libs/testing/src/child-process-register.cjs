// Lets a child process run the workspace's TypeScript as Jest does: `.ts` files are compiled with
// SWC (the workspace's .swcrc) on require, and `@kesu/*` imports resolve through its path aliases.
// Use: fork(require.resolve('.../child-process-register.cjs'), ['path/to/script.ts', ...args]).
const { readFileSync } = require('node:fs');
const Module = require('node:module');
const { join, resolve } = require('node:path');
const { transformSync } = require('@swc/core');

const root = resolve(__dirname, '../../..');
const swcrc = JSON.parse(readFileSync(join(root, '.swcrc'), 'utf8'));
const aliases = new Map(
  Object.entries(swcrc.jsc.paths).map(([alias, [target]]) => [alias, join(root, target)]),
);
const options = { ...swcrc, jsc: { ...swcrc.jsc, baseUrl: root }, sourceMaps: 'inline', swcrc: false };

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolveFilename.call(this, aliases.get(request) ?? request, ...rest);
};

Module._extensions['.ts'] = function (module, filename) {
  const { code } = transformSync(readFileSync(filename, 'utf8'), { ...options, filename });
  module._compile(code, filename);
};

if (require.main === module) {
  const script = resolve(process.argv[2]);
  process.argv.splice(1, 2, script);
  require(script);
}
