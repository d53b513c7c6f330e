/*
 * The case holder's actions through HTTP: accept, return with a reason, transfer (a holder stops at
 * the tenant's limit, a supervisor decides beyond it), a supervisor's assignment to a named person;
 * each hop an event of the complaint's history, workloads kept in step.
 */
import type { ComplaintAssignedData } from '@kesu/assignment-contracts';
import type { RecordedEvent } from '@kesu/kernel';
import { type DispatchTestApp, startDispatch, typesOf } from './dispatch.test-support';
import { Workloads } from './workloads';

let t: DispatchTestApp;
beforeAll(async () => {
  t = await startDispatch();
});
afterAll(() => t.stop());

const streamOf = (id: string) => t.store.readStream(`assignment-complaint-${id}`);
const holderOf = (events: RecordedEvent[]) =>
  (events.filter((e) => e.type === 'ComplaintAssigned').at(-1)!.data as ComplaintAssignedData).assigneeId;
const openOf = async (personId: string) =>
  Object.keys((await t.app.get(Workloads).of('demo', [personId]))[personId]!.open);

/** A complaint dispatched in `branchId`, and who holds it. */
async function dispatched(branchId = 'east-1'): Promise<{ id: string; holder: string }> {
  const id = await t.ready({ branchId });
  return { id, holder: holderOf(await t.assignment(id)) };
}

describe('the assignee', () => {
  it('accepts it: 202 with dispatch’s status and the stream’s revision', async () => {
    const { id, holder } = await dispatched();
    const reply = await t.act(holder, id, 'assignment/accept');
    expect(reply.statusCode).toBe(202);
    expect(reply.json()).toEqual({ complaintId: id, status: 'accepted', revision: 1 });
    expect((await streamOf(id))[1]).toMatchObject({
      type: 'AssignmentAccepted',
      correlationId: id,
      actor: { kind: 'user', id: holder },
      data: { assigneeId: holder, departmentId: 'east-1-cs' },
    });
  });

  it('returns it with a reason: it waits in the queue, the head alerted, and leaves their workload', async () => {
    const { id, holder } = await dispatched();
    const reply = await t.act(holder, id, 'assignment/return', {
      reason: '客户反映的是计量问题，不属于客服部。',
    });
    expect(reply.json()).toEqual({ complaintId: id, status: 'queued', revision: 3 });
    const events = await streamOf(id);
    expect(typesOf(events)).toEqual([
      'ComplaintAssigned',
      'AssignmentReturned',
      'ComplaintQueued',
      'DepartmentHeadAlerted',
    ]);
    expect(events[2]!.data).toMatchObject({ why: 'returned', trigger: 'return' });
    expect(events[3]!.data).toMatchObject({ headId: 'user-east-1-cs-head', why: 'returned' });
    expect(await openOf(holder)).not.toContain(id);
  });
});

describe('transfers', () => {
  it('sends it to another department with a reason, where another handler takes it', async () => {
    const { id, holder } = await dispatched('west-1');
    const reply = await t.act(holder, id, 'transfer', {
      departmentId: 'west-1-tech',
      reason: '属于设备故障。',
    });
    expect(reply.json()).toEqual({ complaintId: id, status: 'assigned', revision: 2 });
    const events = await streamOf(id);
    expect(typesOf(events)).toEqual(['ComplaintAssigned', 'ComplaintTransferred', 'ComplaintAssigned']);
    expect(events[1]!.data).toMatchObject({
      fromDepartmentId: 'west-1-cs',
      toDepartmentId: 'west-1-tech',
      transfers: 1,
      transferredBy: holder,
      reason: '属于设备故障。',
    });
    const moved = events[2]!.data as ComplaintAssignedData;
    expect(moved).toMatchObject({ trigger: 'transfer', departmentId: 'west-1-tech' });
    expect(moved.decision.rule).toBeNull();
    expect(await openOf(holder)).not.toContain(id);
    expect(await openOf(moved.assigneeId)).toContain(id);
  });

  it('stops at the tenant’s limit for holders (no ping-pong): a supervisor decides after it', async () => {
    const { id, holder } = await dispatched('east-2');
    const hop = async (as: string, departmentId: string) =>
      t.act(as, id, 'transfer', { departmentId, reason: '不属于本部门。' });
    expect((await hop(holder, 'east-2-tech')).statusCode).toBe(202);
    expect((await hop(holderOf(await streamOf(id)), 'east-2-cs')).statusCode).toBe(202);
    const third = holderOf(await streamOf(id));
    const before = await streamOf(id);
    const refused = await hop(third, 'east-2-tech');
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'assignment.transfer_limit_reached' });
    expect(refused.json().detail).toMatch(/supervisor decides/);
    expect(await streamOf(id)).toEqual(before);
    expect(await openOf(third)).toContain(id);

    expect(
      (await t.act(third, id, 'assignment/return', { reason: '转了两次仍不属于本部门。' })).statusCode,
    ).toBe(202);
    const decided = await hop('user-east-2-manager', 'east-2-tech');
    expect(decided.statusCode).toBe(202);
    expect(
      (await streamOf(id)).find(
        (e) => e.type === 'ComplaintTransferred' && (e.data as { transfers: number }).transfers === 3,
      ),
    ).toMatchObject({ data: { transferredBy: 'user-east-2-manager', fromDepartmentId: 'east-2-cs' } });
  });
});

describe('a supervisor assigns it to a named person', () => {
  it('reassigns it from its holder, saying why: the decision names them, workloads follow', async () => {
    const { id, holder } = await dispatched();
    await t.act(holder, id, 'assignment/accept');
    const other = ['user-handler1', 'user-east-1-cs-h2', 'user-east-1-cs-h3'].find((p) => p !== holder)!;
    const reply = await t.act('user-manager1', id, 'assign', {
      assigneeId: other,
      reason: '熟悉该客户的情况。',
    });
    expect(reply.json()).toEqual({ complaintId: id, status: 'assigned', revision: 2 });
    const event = (await streamOf(id))[2]!;
    expect(event.data).toMatchObject({
      trigger: 'reassignment',
      assigneeId: other,
      departmentId: 'east-1-cs',
      level: 'handler',
      assignedBy: 'user-manager1',
      reason: '熟悉该客户的情况。',
      decision: { rule: null, chosen: { personId: other, reason: 'named_by_supervisor' } },
    });
    expect(await openOf(holder)).not.toContain(id);
    expect(await openOf(other)).toContain(id);
  });

  it('takes a complaint from the queue, at the level the person holds (a branch manager)', async () => {
    const { id, holder } = await dispatched('west-2');
    await t.act(holder, id, 'assignment/return', { reason: '不是我负责的片区。' });
    const reply = await t.act('user-director1', id, 'assign', {
      assigneeId: 'user-west-2-manager',
      reason: '由分公司经理督办。',
    });
    expect(reply.statusCode).toBe(202);
    expect((await streamOf(id)).at(-1)!.data).toMatchObject({
      level: 'branch_manager',
      departmentId: 'west-2-cs',
    });
  });

  it('is refused for a person off duty (409), and before the complaint is accepted (409)', async () => {
    const { id } = await dispatched('west-2');
    t.staff.update('user-west-2-cs-h3', { onDuty: false });
    const off = await t.act('user-director1', id, 'assign', {
      assigneeId: 'user-west-2-cs-h3',
      reason: '指定。',
    });
    expect(off.statusCode).toBe(409);
    expect(off.json()).toMatchObject({ code: 'assignment.assignee_unavailable' });
    expect(await openOf('user-west-2-cs-h3')).not.toContain(id);
    const early = await t.receive({ branchId: 'west-2' });
    const notReady = await t.act('user-director1', early, 'assign', {
      assigneeId: 'user-west-2-cs-h1',
      reason: '指定。',
    });
    expect(notReady.json()).toMatchObject({ status: 409, code: 'assignment.not_ready' });
  });
});

describe('the complaint’s history', () => {
  it('holds every hop, with the complaint as correlation and its tenant and branch', async () => {
    const { id, holder } = await dispatched('west-1');
    await t.act(holder, id, 'transfer', { departmentId: 'west-1-tech', reason: '设备问题。' });
    await t.act(holderOf(await streamOf(id)), id, 'assignment/accept');
    const history = (await t.store.readByCorrelationId(id)).filter((e) =>
      e.streamId.startsWith('assignment-'),
    );
    expect(typesOf(history)).toEqual([
      'ComplaintAssigned',
      'ComplaintTransferred',
      'ComplaintAssigned',
      'AssignmentAccepted',
    ]);
    expect(
      history.every((e) => e.tenantId === 'demo' && e.branchId === 'west-1' && e.correlationId === id),
    ).toBe(true);
  });
});
