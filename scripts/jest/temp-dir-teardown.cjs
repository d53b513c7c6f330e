// Removes the test run's temporary directory (see temp-dir-setup.cjs).
const { rmSync } = require('node:fs');

module.exports = () => {
  const dir = process.env.KESU_TEST_RUN_TMPDIR;
  if (dir) rmSync(dir, { recursive: true, force: true });
};
