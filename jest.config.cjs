// `npm test` runs every project's Jest config in one run, so one summary covers the whole workspace.
const { globSync } = require('node:fs');

module.exports = {
  projects: globSync('{libs,services,test}/**/jest.config.cjs', {
    exclude: (f) => f.includes('node_modules'),
  }).map((f) => `<rootDir>/${f}`),
  // A global option: the projects' own setting applies only when one project runs alone (nx test).
  testTimeout: 30_000,
  globalSetup: '<rootDir>/scripts/jest/temp-dir-setup.cjs',
  globalTeardown: '<rootDir>/scripts/jest/temp-dir-teardown.cjs',
};
