module.exports = require('../jest.preset.cjs')(__dirname, 'system-tests', {
  globalSetup: '<rootDir>/e2e/build-once.cjs',
});
