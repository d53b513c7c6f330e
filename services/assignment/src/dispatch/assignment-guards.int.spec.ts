/*
 * The case holder's actions through HTTP: authority (403), scope (404), forbidden transitions (409),
 * invalid input (400 naming the field), stale revisions (412) and idempotent retries — nothing
 * stored, nobody's workload touched, whenever a request is refused.
 */
import type { ComplaintAssignedData } from '@kesu/assignment-contracts';
import type { RecordedEvent } from '@kesu/kernel';
import { v7 as uuidv7 } from 'uuid';
import { type DispatchTestApp, startDispatch } from './dispatch.test-support';
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
async function dispatched(branchId = 'east-1'): Promise<{ id: string; holder: string }> {
  const id = await t.ready({ branchId });
  return { id, holder: holderOf(await t.assignment(id)) };
}
const TRANSFER = { departmentId: 'east-1-tech', reason: '属于设备问题。' };
const ASSIGN = { assigneeId: 'user-east-1-cs-h3', reason: '指定处理。' };

describe('authority (403) and scope (404)', () => {
  it('refuses roles beyond their authority, and anyone but the assignee accepting or returning', async () => {
    const { id, holder } = await dispatched();
    const other = holder === 'user-handler1' ? 'user-east-1-cs-h2' : 'user-handler1';
    const before = await streamOf(id);
    for (const [as, action, payload, code] of [
      ['agent1', 'assignment/accept', {}, 'auth.forbidden'],
      ['analyst1', 'transfer', TRANSFER, 'auth.forbidden'],
      ['regulator1', 'assignment/return', { reason: '不是我的。' }, 'auth.forbidden'],
      [holder, 'assign', ASSIGN, 'auth.forbidden'],
      [other, 'assignment/accept', {}, 'assignment.not_assignee'],
      [other, 'assignment/return', { reason: '不是我的。' }, 'assignment.not_assignee'],
      [other, 'transfer', TRANSFER, 'assignment.not_assignee'],
    ] as const) {
      const reply = await t.act(as, id, action, payload);
      expect({ as, action, status: reply.statusCode }).toEqual({ as, action, status: 403 });
      if (code !== 'auth.forbidden') expect(reply.json().code).toBe(code);
    }
    expect(await streamOf(id)).toEqual(before);
  });

  it('answers 404 for an unknown complaint, one outside the caller’s branches and one of another tenant', async () => {
    const { id } = await dispatched();
    expect((await t.act('user-handler1', uuidv7(), 'assignment/accept')).statusCode).toBe(404);
    const outside = await t.act('user-west-1-manager', id, 'assign', {
      ...ASSIGN,
      assigneeId: 'user-west-1-cs-h1',
    });
    expect(outside.statusCode).toBe(404);
    expect(outside.json().detail).toBe(`complaint ${id} not found`);
    const foreign = await t.receive({ tenantId: 'other' });
    expect((await t.act('user-director1', foreign, 'assign', ASSIGN)).statusCode).toBe(404);
    expect(await streamOf(foreign)).toEqual([]);
  });
});

describe('forbidden transitions (409)', () => {
  it('refuses accepting twice, returning after accepting, and a transfer to its own department', async () => {
    const { id, holder } = await dispatched();
    expect((await t.act(holder, id, 'assignment/accept')).statusCode).toBe(202);
    const before = await streamOf(id);
    for (const [action, payload, code] of [
      ['assignment/accept', {}, 'assignment.already_accepted'],
      ['assignment/return', { reason: '不是我的。' }, 'assignment.already_accepted'],
      ['transfer', { departmentId: 'east-1-cs', reason: '转回。' }, 'assignment.same_department'],
    ] as const) {
      const reply = await t.act(holder, id, action, payload);
      expect({ action, status: reply.statusCode, code: reply.json().code }).toEqual({
        action,
        status: 409,
        code,
      });
    }
    const again = await t.act('user-manager1', id, 'assign', { assigneeId: holder, reason: '仍由其处理。' });
    expect(again.json()).toMatchObject({ status: 409, code: 'assignment.already_assigned' });
    expect(await streamOf(id)).toEqual(before);
  });
});

describe('invalid input (400), nothing stored', () => {
  it.each([
    ['a return without a reason', 'assignment/return', {}, ['reason']],
    ['a blank reason and an unknown field', 'assignment/return', { reason: ' ', to: 'x' }, ['to', 'reason']],
    ['a transfer to nowhere', 'transfer', { reason: '转出。' }, ['departmentId']],
    [
      'a transfer to an unknown department',
      'transfer',
      { departmentId: 'east-9-cs', reason: '转出。' },
      ['departmentId'],
    ],
    [
      'an assignment to nobody known',
      'assign',
      { assigneeId: 'user-nobody', reason: '指定。' },
      ['assigneeId'],
    ],
    ['an assignment without a reason', 'assign', { assigneeId: 'user-handler1' }, ['reason']],
    ['an acceptance with a field', 'assignment/accept', { note: '好' }, ['note']],
  ] as Array<[string, string, object, string[]]>)('%s', async (_label, action, payload, fields) => {
    const { id, holder } = await dispatched();
    const as = action === 'assign' ? 'user-manager1' : holder;
    const reply = await t.act(as, id, action, payload);
    expect(reply.statusCode).toBe(400);
    expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(reply.json().errors.map((e: { field: string }) => e.field)).toEqual(fields);
    expect((await streamOf(id)).length).toBe(1);
  });

  it('names a malformed If-Match or Idempotency-Key', async () => {
    const { id, holder } = await dispatched();
    const reply = await t.act(holder, id, 'assignment/accept', {}, { 'if-match': 'yesterday' });
    expect(reply.json().errors).toEqual([{ field: 'If-Match', message: expect.any(String) }]);
  });
});

describe('stale revisions (412) and idempotent retries', () => {
  it('refuses an If-Match the stream moved on from, taking nobody’s workload', async () => {
    const { id, holder } = await dispatched();
    const stale = await t.act(holder, id, 'transfer', TRANSFER, { 'if-match': '"5"' });
    expect(stale.statusCode).toBe(412);
    expect((await streamOf(id)).length).toBe(1);
    for (const n of ['h1', 'h2']) expect(await openOf(`user-east-1-tech-${n}`)).not.toContain(id);
    const current = await t.act(holder, id, 'transfer', TRANSFER, { 'if-match': '0' });
    expect(current.json()).toMatchObject({ status: 'assigned', revision: 2 });
  });

  it('answers a repeated Idempotency-Key as it did, recording and taking once; another body is 422', async () => {
    const { id, holder } = await dispatched();
    const key = { 'idempotency-key': `transfer-${id}` };
    const first = await t.act(holder, id, 'transfer', TRANSFER, key);
    const second = await t.act(holder, id, 'transfer', TRANSFER, key);
    expect(second.json()).toEqual(first.json());
    expect(second.headers['idempotent-replayed']).toBe('true');
    const events = await streamOf(id);
    expect(events.filter((e) => e.type === 'ComplaintTransferred')).toHaveLength(1);
    const tech = ['user-east-1-tech-h1', 'user-east-1-tech-h2'];
    const held = await Promise.all(tech.map(openOf));
    expect(held.flat().filter((c) => c === id)).toHaveLength(1);
    const other = await t.act(holder, id, 'transfer', { ...TRANSFER, reason: '另一个理由。' }, key);
    expect(other.statusCode).toBe(422);
  });
});
