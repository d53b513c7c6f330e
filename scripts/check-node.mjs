// Fails fast when npm scripts are not running on the pinned Node.js 24 LTS.
const major = Number(process.versions.node.split('.')[0]);
if (major !== 24) {
  console.error(
    `Node.js 24 LTS is required, found ${process.version}. Run \`npm ci\` first: it brings the pinned Node.js.`,
  );
  process.exit(1);
}
console.error(`node --version: ${process.version}`);
