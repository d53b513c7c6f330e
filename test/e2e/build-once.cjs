// Builds the services once before the end-to-end tests start them as real processes.
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');

module.exports = async () => {
  execFileSync(process.execPath, [join(__dirname, '..', '..', 'scripts', 'build.mjs')], {
    cwd: join(__dirname, '..', '..'),
    stdio: 'inherit',
  });
};
