import type { HostProcess } from './host-process';

/** Tokens of the demo people case work involves (east-1: handler2 in customer service, headed by handler1). */
export interface CaseTokens {
  readonly agent1: string;
  readonly handler1: string;
  readonly handler2: string;
  readonly manager1: string;
}

export async function caseTokens(host: HostProcess): Promise<CaseTokens> {
  const [agent1, handler1, handler2, manager1] = await Promise.all(
    ['agent1', 'handler1', 'handler2', 'manager1'].map((u) => host.token(u)),
  );
  return { agent1: agent1!, handler1: handler1!, handler2: handler2!, manager1: manager1! };
}

/**
 * A complaint at the Shanghai branch, accepted (受理), dispatched, assigned by the branch manager to
 * handler2 of customer service and accepted by them: a case ready to be worked. Returns its id.
 */
export async function acceptedCase(
  host: HostProcess,
  tokens: CaseTokens,
  description: string,
): Promise<string> {
  const registered = await host.request('POST', '/api/v1/complaints', {
    token: tokens.agent1,
    body: {
      channel: 'hotline',
      branchId: 'east-1',
      complainant: { name: '李先生', phone: '13800000555' },
      subject: { type: 'billing', name: '电费账单' },
      description,
      emotion: 'upset',
      language: 'zh',
    },
  });
  expect(registered.status).toBe(201);
  const { complaintId } = registered.body as { complaintId: string };
  await host.eventually(async () => {
    const reply = await host.request('GET', `/api/v1/complaints/${complaintId}`, { token: tokens.manager1 });
    return reply.body?.classification ?? undefined;
  });
  const accepted = await host.request('POST', `/api/v1/complaints/${complaintId}/accept`, {
    token: tokens.handler1,
    body: {},
  });
  expect(accepted.status).toBe(202);
  await host.eventually(async () => {
    const reply = await host.request('GET', `/api/v1/complaints/${complaintId}`, { token: tokens.manager1 });
    return reply.body?.assignment?.assigneeId ? reply.body : undefined;
  });
  const assigned = await host.request('POST', `/api/v1/complaints/${complaintId}/assign`, {
    token: tokens.manager1,
    body: { assigneeId: 'user-handler2', departmentId: 'east-1-cs', reason: '由客服部张伟之外的专人处理' },
  });
  expect(assigned.status).toBe(202);
  const taken = await host.request('POST', `/api/v1/complaints/${complaintId}/assignment/accept`, {
    token: tokens.handler2,
    body: {},
  });
  expect(taken.status).toBe(202);
  return complaintId;
}

/** A case action as a person sends it. */
export const act = (
  host: HostProcess,
  token: string,
  complaintId: string,
  action: string,
  body: object = {},
) => host.request('POST', `/api/v1/complaints/${complaintId}/${action}`, { token, body });

/** A tiny but real PNG (1×1), as a photo of the meter would be. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** Uploads a file as evidence (the raw body, its own Content-Type). */
export const upload = (
  host: HostProcess,
  token: string,
  complaintId: string,
  content: Buffer,
  type = 'image/png',
) =>
  fetch(
    `${host.url}/api/v1/complaints/${complaintId}/evidence/files?fileName=${encodeURIComponent('电表照片.png')}`,
    {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': type },
      body: content,
    },
  );
