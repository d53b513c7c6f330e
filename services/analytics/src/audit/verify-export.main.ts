import { verifyExportFile } from './verify-export-file';

/*
 * `npm run verify-export -- <file>`: checks an audit export offline. Exit 0 and a summary when it
 * verifies; exit 1 naming the first bad line otherwise; exit 2 on a usage or read error.
 */
async function main(): Promise<number> {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage: npm run verify-export -- <export.ndjson>\n');
    return 2;
  }
  const result = await verifyExportFile(file);
  if (!result.valid) {
    process.stderr.write(`${file}: line ${result.problem.line}: ${result.problem.reason}\n`);
    return 1;
  }
  process.stdout.write(
    `${file}: valid — ${result.events} events in ${result.streams} streams, Merkle root ${result.merkleRoot}\n`,
  );
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
