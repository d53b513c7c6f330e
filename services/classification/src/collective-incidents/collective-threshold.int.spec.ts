import type { ComplaintClassifiedData } from '@kesu/classification-contracts';
import { type ClassificationTestApp, startClassification } from '../classification.test-support';
import { incidentsOf, meterComplaint } from './collective-incidents.test-support';

/*
 * One collective threshold per tenant, changed through the settings API: the rules call a complaint
 * of that many complainants collective, and detection makes an incident of that many complaints.
 */

let t: ClassificationTestApp;

beforeAll(async () => {
  t = await startClassification();
});

afterAll(async () => {
  await t.close();
});

const scopeOf = async (complaintId: string) =>
  ((await t.classified(complaintId))[0]!.data as ComplaintClassifiedData).scope;

describe('the tenant’s collective threshold', () => {
  it('decides the rules and the detection alike, from the next complaint on', async () => {
    const before = await t.receive({ description: '营业厅排队太久，服务态度差', complainantCount: 3 });
    expect(await scopeOf(before.complaintId)).toBe('individual');
    await t.receiveAll([0, 1, 2].map((i) => meterComplaint(i, { branchId: 'west-1' })));
    expect(await incidentsOf(t, 'demo', 'west-1')).toHaveLength(0);

    const change = await t.request('admin', 'PUT', '/api/v1/classification/settings', {
      collectiveThreshold: 3,
      reason: '小区三户以上即按集体投诉处理',
    });
    expect(change.statusCode).toBe(200);

    const after = await t.receive({ description: '营业厅排队太久，服务态度差', complainantCount: 3 });
    expect(await scopeOf(after.complaintId)).toBe('collective');
    const { ids } = await t.receiveAll([3, 4, 5].map((i) => meterComplaint(i, { branchId: 'east-2' })));
    const incidents = await incidentsOf(t, 'demo', 'east-2');
    expect(incidents).toHaveLength(1);
    expect([...incidents[0]!.complaintIds].sort()).toEqual([...ids].sort());
  });
});
