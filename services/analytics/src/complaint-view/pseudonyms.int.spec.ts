import { sealPersonalData } from '@kesu/kernel';
import { get, project, seed, stores, useAnalyticsApp } from '../analytics.test-support';

/*
 * Analysts read each complainant as a stable pseudonym of the tenant: the same on each of one
 * person's complaints, another for another person, none once the person's data is erased; the
 * roles that see the person read no pseudonym, a regulator neither.
 */

useAnalyticsApp();

/** A complaint of the person sealed under `subjectId` (their data key created on first use). */
async function complaintOf(subjectId: string, tenantId = 'demo'): Promise<string> {
  const key = await stores().keys.getOrCreate(tenantId, subjectId);
  const { complaintId } = await seed({
    branchId: 'east-1',
    receivedAt: '2026-11-23T01:00:00.000Z',
    description: '营业厅排队两个小时无人处理。',
    tenantId,
    extra: { complainant: { subjectId, sealed: sealPersonalData(key, subjectId, { name: '李雷' }) } },
  });
  return complaintId;
}

const complainantAs = async (as: string, complaintId: string) => {
  const reply = await get(as, `/api/v1/complaints/${complaintId}`);
  expect([as, reply.statusCode]).toEqual([as, 200]);
  return reply.json().complainant;
};

let first: string;
let again: string;
let other: string;

beforeAll(async () => {
  first = await complaintOf('subject-pseudonym-a');
  again = await complaintOf('subject-pseudonym-a');
  other = await complaintOf('subject-pseudonym-b');
  await project();
});

it('gives an analyst the same pseudonym for one person, another for another person', async () => {
  const a = await complainantAs('analyst1', first);
  expect(a).toEqual({ visibility: 'redacted', pseudonym: expect.stringMatching(/^P-[0-9A-F]{12}$/) });
  expect(await complainantAs('analyst1', again)).toEqual(a);
  const b = await complainantAs('analyst1', other);
  expect(b.pseudonym).toMatch(/^P-[0-9A-F]{12}$/);
  expect(b.pseudonym).not.toBe(a.pseudonym);
  // the pseudonym is keyed by the tenant's secret, not a bare hash of the subject
  expect(a.pseudonym).not.toContain('subject');
});

it('gives the roles that see the person their details, and a regulator no pseudonym', async () => {
  expect(await complainantAs('agent1', first)).toEqual({ visibility: 'shown', name: '李雷' });
  expect(await complainantAs('regulator1', first)).toEqual({ visibility: 'redacted' });
});

it('gives no pseudonym once the person’s data is erased', async () => {
  const erased = await complaintOf('subject-pseudonym-c');
  await project();
  expect((await complainantAs('analyst1', erased)).pseudonym).toMatch(/^P-/);
  await stores().keys.erase('demo', 'subject-pseudonym-c');
  expect(await complainantAs('analyst1', erased)).toEqual({ visibility: 'redacted' });
  expect(await complainantAs('agent1', erased)).toEqual({ visibility: 'erased' });
});
