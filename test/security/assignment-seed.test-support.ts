import type { SecurityApp } from './security-app.test-support';
import { complaintBody, freshComplaint, must, register, viewWhen } from './seed.test-support';

/*
 * What the assignment routes act on, put in place through HTTP: complaints accepted (受理), classified
 * and dispatched to a handler, escalated complaints, declared incident plans, and directory records
 * made to be removed.
 */

/** The handler the holder's actions are asked of: east-1's customer-service head. */
export const HOLDER = 'handler1';
export const HOLDER_ID = 'user-handler1';

/** What the assignment routes read: an escalated complaint of east-1 and a declared plan. */
export interface SeededAssignment {
  readonly escalatedComplaintId: string;
  readonly planId: string;
}

/** A reason every change gives. */
export const BECAUSE = { reason: '安全测试：按规定办理。' };

/** Whom complaints are assigned to by a supervisor in the suites: east-1's customer service. */
export const ASSIGNEE_ID = 'user-handler2';

/**
 * Lets the holder and the assignee take every complaint the suites hand them (capacity far above
 * what they reach), as the directory's admin would for a busy season.
 */
async function roomForTheHandlers(t: SecurityApp): Promise<void> {
  const directory = (await t.send('admin', { method: 'GET', url: '/api/v1/directory' })).json() as {
    people: Array<{ personId: string; username: string; name: object; roles: string[] }>;
  };
  for (const personId of [HOLDER_ID, ASSIGNEE_ID]) {
    const { username, name, roles } = directory.people.find((p) => p.personId === personId)!;
    await must(t, 'admin', {
      method: 'PUT',
      url: `/api/v1/directory/people/${personId}`,
      payload: { username, name, roles, capacity: 1000, ...BECAUSE },
    });
  }
}

/**
 * A new complaint of east-1, accepted by intake, classified and dispatched: its id, with the holder.
 * The background work is let catch up first, so dispatch has decided (a person, or the department's
 * queue when the classifier's severity routes it where nobody has room) before the admin assigns it.
 */
export async function dispatchedComplaint(t: SecurityApp, holderId = HOLDER_ID): Promise<string> {
  const complaintId = await freshComplaint(t, ['handler1', 'accept', {}]);
  await t.settle();
  const assigneeId = await viewWhen(t, complaintId, (v) =>
    v.assignment ? ((v.assignment.assigneeId as string | null) ?? 'nobody') : undefined,
  );
  if (assigneeId !== holderId)
    await must(t, 'admin', {
      method: 'POST',
      url: `/api/v1/complaints/${complaintId}/assign`,
      payload: { assigneeId: holderId, ...BECAUSE },
    });
  return complaintId;
}

const MATTERS = ['柜台', '窗口', '热线', '网点', '门店', '大厅'];
let lone = 0;

/**
 * A new complaint of east-1 of a matter of its own (no collective incident takes it up the chain),
 * classified and with nobody above its handler: its id.
 */
export async function loneComplaint(t: SecurityApp): Promise<string> {
  // Escalation's own triggers (the severity the classifier gives, a repeat) may take a complaint up
  // the chain by themselves: such a one is no lone complaint, and another is registered.
  for (let attempt = 0; attempt < 5; attempt++) {
    const complaintId = await newComplaint(t);
    await t.settle();
    const escalation = await t.send('admin', {
      method: 'GET',
      url: `/api/v1/complaints/${complaintId}/escalation`,
    });
    if ((escalation.json() as { escalation?: unknown }).escalation == null) return complaintId;
  }
  throw new Error('every complaint registered was escalated by itself');
}

async function newComplaint(t: SecurityApp): Promise<string> {
  const n = ++lone;
  const description = `我本人在${MATTERS[n % MATTERS.length]}办理业务时，叫号屏幕跳过了我的号码，多等了十分钟`;
  // a target of its own (a counter named by letters): no other complaint is about the same one
  const counter = `${String.fromCharCode(65 + (n % 26))}${String.fromCharCode(65 + (Math.floor(n / 26) % 26))}`;
  const { complaintId } = await register(
    t,
    complaintBody({
      branchId: 'east-1',
      contact: 'phone',
      description,
      subject: { type: 'staff', name: `${counter}号柜台` },
    }),
  );
  await viewWhen(t, complaintId, (v) => v.classification ?? undefined);
  return complaintId;
}

/**
 * The tenant escalates by hand only (no rule on severity, scope or signals), as the directory's
 * admin may set it: what the suite's rows escalate and hand back is then where they put it, whatever
 * the classifier makes of the complaints the suites register by the hundred.
 */
async function escalationByHandOnly(t: SecurityApp): Promise<void> {
  const url = '/api/v1/assignments/escalation-policy';
  const reply = await t.send('admin', { method: 'GET', url });
  const { policy, revision } = reply.json() as { policy: Record<string, unknown>; revision: number };
  await must(t, 'admin', {
    method: 'PUT',
    url,
    payload: { ...policy, rules: [], ...BECAUSE },
    headers: { 'if-match': revision < 0 ? '*' : String(revision) },
  });
}

/** A new complaint of east-1 escalated once by its branch manager: its id. */
export async function escalatedComplaint(t: SecurityApp): Promise<string> {
  const complaintId = await loneComplaint(t);
  await must(t, 'manager1', {
    method: 'POST',
    url: `/api/v1/complaints/${complaintId}/escalate`,
    payload: { reason: '客户情绪激动，需部门负责人处理。' },
  });
  return complaintId;
}

/** A collective incident declared by the admin over a new complaint of east-1: the plan's id. */
export async function declaredPlan(t: SecurityApp): Promise<string> {
  const complaintId = await freshComplaint(t);
  const reply = await t.send('admin', {
    method: 'POST',
    url: '/api/v1/incident-plans',
    payload: { complaintIds: [complaintId], reason: '同一小区多户联名投诉。' },
  });
  if (reply.statusCode !== 201) throw new Error(`plan: ${reply.statusCode} ${reply.body}`);
  return (reply.json() as { planId: string }).planId;
}

/** Puts in place what the assignment routes read. */
export async function seedAssignment(t: SecurityApp): Promise<SeededAssignment> {
  await roomForTheHandlers(t);
  await escalationByHandOnly(t);
  return { escalatedComplaintId: await escalatedComplaint(t), planId: await declaredPlan(t) };
}
