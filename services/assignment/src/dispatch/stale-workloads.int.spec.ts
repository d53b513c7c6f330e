/*
 * A workload a stopped process left behind: a complaint taken onto a person's workload whose
 * assignment event was never recorded (the process stopped in between). Dispatch lets it go once it
 * is older than a take in flight could be, and only then; the person's real complaints stay.
 */
import { workloadStream } from '@kesu/assignment-contracts';
import { ManualClock } from '@kesu/ports';
import { member } from '../dispatch-staff.test-support';
import { type DispatchTestApp, eventually, startDispatch } from './dispatch.test-support';
import { STALE_AFTER_MS } from './stale-workloads';
import { Workloads } from './workloads';

const clock = new ManualClock('2026-11-23T02:00:00.000Z');
const SOLO = 'user-east-2-solo';

let t: DispatchTestApp;
beforeAll(async () => {
  t = await startDispatch({ clock });
  t.staff.staffDepartment('east-2-cs', [
    member(SOLO, 'east-2', { departmentIds: ['east-2-cs'], capacity: 2 }),
  ]);
});
afterAll(() => t.stop());

const open = async () => {
  const state = await t.app.get(Workloads).of('demo', [SOLO]);
  return Object.keys(state[SOLO]!.open).sort();
};
const assigneeOf = async (complaintId: string) => {
  const events = await t.assignment(complaintId, (e) => e.some((x) => x.type === 'ComplaintAssigned'));
  const assigned = events.find((e) => e.type === 'ComplaintAssigned')!;
  return (assigned.data as { assigneeId: string }).assigneeId;
};

it('lets go of a take whose complaint was never assigned, once it is older than a take in flight', async () => {
  const left = await t.receive({ branchId: 'east-2' });
  const cause = {
    branchId: 'east-2',
    causationId: 'crashed',
    actor: { kind: 'service' as const, id: 'test' },
  };
  await t.app
    .get(Workloads)
    .take('demo', SOLO, { complaintId: left, severity: 'general', capacity: 2 }, cause);

  // moments later the take may still be in flight: it stays, and counts
  const first = await t.ready({ branchId: 'east-2' });
  expect(await assigneeOf(first)).toBe(SOLO);
  expect(await open()).toEqual([first, left].sort());

  clock.advance(STALE_AFTER_MS + 1_000);
  const second = await t.ready({ branchId: 'east-2' });
  expect(await assigneeOf(second)).toBe(SOLO);
  expect(await eventually(open, (ids) => ids.length === 2)).toEqual([first, second].sort());

  const released = (await t.store.readStream(workloadStream('demo', SOLO))).filter(
    (e) => e.type === 'WorkloadReleased',
  );
  expect(released.map((e) => (e.data as { complaintId: string }).complaintId)).toEqual([left]);
  expect(released[0]!.causationId).toBe(`workload-repair:demo/${SOLO}/${left}`);
});
