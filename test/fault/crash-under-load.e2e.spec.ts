import { HostProcess } from '../e2e/host-process';
import { random, settled } from './fault.test-support';
import {
  expectHistoriesVerify,
  expectNothingLostOrDuplicated,
  killAll,
  LOAD_ENV,
  receivedCount,
  Registrations,
} from './registrations.test-support';

/*
 * SIGKILL at random moments under a steady load of registrations, round after round: no complaint
 * acknowledged with 201 is lost, a request in flight at the crash and sent again with its
 * Idempotency-Key leads to one complaint, no event is recorded or published twice, every read model
 * equals a rebuild from the event store, and every complaint's history verifies.
 * KESU_FAULT_ROUNDS (default 20) and KESU_FAULT_SEED (default 1) replay a run.
 */

const ROUNDS = Number(process.env.KESU_FAULT_ROUNDS ?? 20);
const SEED = Number(process.env.KESU_FAULT_SEED ?? 1);

jest.setTimeout(20 * 60_000);

let host: HostProcess | undefined;
afterAll(() => killAll([host]));

it(`loses and duplicates nothing over ${ROUNDS} crashes under load`, async () => {
  const next = random(SEED);
  host = await HostProcess.start({ env: LOAD_ENV });
  const registrations = new Registrations();
  const receivedBefore = receivedCount(host);
  let launchMs = 0;

  for (let round = 0; round < ROUNDS; round++) {
    const launching = Date.now();
    if (round > 0) {
      await host.launch();
      registrations.forget(host);
    }
    launchMs += Date.now() - launching;
    await registrations.resend(host);
    let crashed = false;
    const load = registrations.load(host, 4, () => crashed);
    await new Promise((r) => setTimeout(r, 500 + Math.floor(next() * 2000)));
    crashed = true;
    await host.crash();
    await load;
  }

  await host.launch();
  registrations.forget(host);
  await registrations.resend(host);
  await settled(host);
  console.log(
    `${ROUNDS} crashes: ${registrations.acknowledged.size} complaints acknowledged, ` +
      `${registrations.resent} sent again after a crash, ` +
      `restarts took ${Math.round(launchMs / Math.max(1, ROUNDS - 1))} ms on average`,
  );
  // the crashes came while requests were in flight: their second sending was put to the test
  if (ROUNDS >= 5) expect(registrations.resent).toBeGreaterThan(0);
  await expectHistoriesVerify(host, registrations);
  // what fell due while the histories were verified (an outbox delivery, a timer) is done first
  await settled(host);
  expect(await host.stop()).toBe(0);
  await expectNothingLostOrDuplicated(host, registrations, receivedBefore);
});
