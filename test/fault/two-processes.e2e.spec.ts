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
 * Two host processes on one data directory, both under load; one is killed again and again and
 * started again while the other goes on: the same guarantees as for one process — nothing
 * acknowledged lost, nothing duplicated, read models equal to a rebuild, every history verifies.
 * KESU_FAULT_ROUNDS (default 10 here) and KESU_FAULT_SEED replay a run.
 */

const ROUNDS = Number(process.env.KESU_FAULT_ROUNDS ?? 10);
const SEED = Number(process.env.KESU_FAULT_SEED ?? 1);

jest.setTimeout(20 * 60_000);

let steady: HostProcess | undefined;
let victim: HostProcess | undefined;
afterAll(() => killAll([steady, victim]));

it(`loses and duplicates nothing while one of two processes is killed ${ROUNDS} times`, async () => {
  const next = random(SEED + 1);
  steady = await HostProcess.start({ env: LOAD_ENV });
  victim = await HostProcess.start({ env: LOAD_ENV, dataDir: steady.dataDir });
  const registrations = new Registrations();
  const receivedBefore = receivedCount(steady);

  let stopped = false;
  const steadyLoad = registrations.load(steady, 2, () => stopped);
  for (let round = 0; round < ROUNDS; round++) {
    if (round > 0) {
      await victim.launch();
      registrations.forget(victim);
    }
    let crashed = false;
    const load = registrations.load(victim, 2, () => crashed);
    await new Promise((r) => setTimeout(r, 500 + Math.floor(next() * 2000)));
    crashed = true;
    await victim.crash();
    await load;
    // what was in flight on the killed process, sent again to the one still running
    await registrations.resend(steady);
  }
  stopped = true;
  await steadyLoad;

  await settled(steady);
  console.log(
    `${ROUNDS} kills of one of two processes: ${registrations.acknowledged.size} complaints acknowledged, ` +
      `${registrations.resent} sent again`,
  );
  await expectHistoriesVerify(steady, registrations);
  // what fell due while the histories were verified (an outbox delivery, a timer) is done first
  await settled(steady);
  expect(await steady.stop()).toBe(0);
  await expectNothingLostOrDuplicated(steady, registrations, receivedBefore);
});
