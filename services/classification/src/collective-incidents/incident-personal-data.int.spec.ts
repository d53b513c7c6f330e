import { type ClassificationTestApp, startClassification } from '../classification.test-support';
import { incidentsOf } from './collective-incidents.test-support';

/*
 * What a collective incident says it is about (its target, shown to analysts and regulators) comes
 * from the complaints' texts without the mentions the tenant marks as personal: no phone number or
 * e-mail address of a complainant becomes a term of an incident.
 */

let t: ClassificationTestApp;

beforeAll(async () => {
  t = await startClassification();
});

afterAll(async () => {
  await t.close();
});

const PHONE = '13812345678';
const EMAIL = 'wang.fang@example.com';

it('names an incident by terms of its texts, never a marked mention', async () => {
  await t.receiveAll([
    {
      description: `幸福小区三十户居民联名投诉电费账单金额异常。联系人电话 ${PHONE}，邮箱 ${EMAIL}。`,
      subject: { type: 'billing' },
      complainantCount: 30,
      branchId: 'west-2',
    },
  ]);
  const [incident] = await incidentsOf(t, 'demo', 'west-2');
  expect(incident?.target).toContain('terms:');
  for (const mention of [PHONE, 'wang', 'fang', 'example']) expect(incident!.target).not.toContain(mention);
  const listed = await t.request('analyst1', 'GET', '/api/v1/classification/incidents');
  expect(listed.statusCode).toBe(200);
  for (const mention of [PHONE, 'wang', 'example']) expect(listed.body).not.toContain(mention);
});
