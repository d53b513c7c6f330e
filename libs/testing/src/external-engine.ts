/**
 * Runs a suite against an external engine (EventStoreDB, Kafka, MongoDB) named by an environment
 * variable. Without the variable every test of the suite is reported as skipped, and the reason is
 * printed, so a run without the engines says what it did not check instead of passing silently.
 */
export function describeWithEngine(
  variable: string,
  engine: string,
  name: string,
  body: (address: string) => void,
): void {
  const address = process.env[variable]?.trim();
  if (address) {
    describe(`${name} (${engine} at ${address})`, () => body(address));
    return;
  }
  process.stderr.write(`skipped: ${name}: ${variable} is not set, so there is no ${engine} to run against\n`);
  // The suite is still declared, so its tests are counted as skipped rather than vanishing.
  describe.skip(`${name} (skipped: ${variable} is not set)`, () => body(''));
}
