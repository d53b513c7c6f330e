// Gives the test run a temporary directory of its own: TMPDIR is inherited by the Jest workers and
// the processes the tests start, so every `mkdtemp(tmpdir())` lands in it and the teardown removes
// them all, whatever a spec left behind.
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

module.exports = () => {
  const dir = mkdtempSync(join(tmpdir(), 'kesu-test-run-'));
  process.env.KESU_TEST_RUN_TMPDIR = dir;
  process.env.TMPDIR = dir;
};
