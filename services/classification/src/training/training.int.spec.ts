import type { ComplaintClassifiedData } from '@kesu/classification-domain';
import { type ClassificationTestApp, startClassification } from '../classification.test-support';
import { ModelTraining } from './model-training.service';

/* The learning loop through HTTP: examples in, a model trained in the background, corrections learned. */

let t: ClassificationTestApp;

beforeAll(async () => {
  t = await startClassification();
});

afterAll(async () => {
  await t.close();
});

const places = ['营业厅', '网点', '门店', '柜台', '服务中心', '分店', '窗口', '大厅', '热线', '客服中心'];
const EXAMPLES = places.flatMap((place, i) => [
  { text: `${place}的工作人员态度恶劣，对我大声呵斥，还骂人${i}`, category: 'service_attitude' },
  { text: `${place}收费不合理，多收了我${i + 2}十元费用，乱收费`, category: 'fees_price' },
  { text: `在${place}排队等了${i + 2}个小时，办事效率太低太慢`, category: 'service_efficiency' },
]);

const train = async () => {
  const reply = await t.request('admin', 'POST', '/api/v1/classification/models');
  expect(reply.statusCode).toBe(202);
  await t.app.get(ModelTraining).idle('demo');
  return (await t.request('admin', 'GET', '/api/v1/classification/models')).json();
};

const categoryOf = async (description: string) => {
  const { complaintId } = await t.receive({ description });
  const [classified] = await t.classified(complaintId);
  return { complaintId, data: classified!.data as ComplaintClassifiedData };
};

describe('training examples and models', () => {
  it('refuses categories the taxonomy does not have, naming each, and imports the others', async () => {
    const bad = await t.request('admin', 'POST', '/api/v1/classification/training-examples', {
      examples: [EXAMPLES[0], { text: '星座不合', category: 'astrology' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(['examples[1].category']);
    const tooFew = await t.request('admin', 'POST', '/api/v1/classification/models');
    expect(tooFew.statusCode).toBe(422);

    const good = await t.request('admin', 'POST', '/api/v1/classification/training-examples', {
      examples: EXAMPLES,
    });
    expect(good.statusCode).toBe(202);
    expect(good.json()).toEqual({ imported: 30, total: 30 });
    const again = await t.request('admin', 'POST', '/api/v1/classification/training-examples', {
      examples: EXAMPLES,
    });
    expect(again.json()).toEqual({ imported: 30, total: 30 });
    expect(
      (
        await t.request('handler1', 'POST', '/api/v1/classification/training-examples', {
          examples: EXAMPLES,
        })
      ).statusCode,
    ).toBe(403);
  });

  it('trains the first model in the background and activates it', async () => {
    const models = await train();
    expect(models).toMatchObject({
      active: 1,
      training: false,
      versions: [{ version: 1, status: 'active', scores: { trainedOn: 24, heldOut: 6 } }],
    });
    expect(models.versions[0].scores.macroF1).toBeGreaterThan(0.5);
    const { data } = await categoryOf('柜台人员态度恶劣，呵斥顾客');
    expect(data.decision.model).toEqual({ id: 'text-model-demo', version: 1 });
    expect(data.category).toBe('service_attitude');
  });

  it('learns a handler’s correction: near-identical text is classified as corrected after retraining', async () => {
    const text = '快递包裹寄到网点三天了还没有派送，物流信息一直不更新';
    const { complaintId, data: before } = await categoryOf(text);
    expect(before.category).not.toBe('delivery');
    const corrected = await t.request('handler1', 'POST', `/api/v1/complaints/${complaintId}/classify`, {
      category: 'delivery',
      reason: '属于配送问题',
    });
    expect(corrected.statusCode).toBe(202);

    const models = await train();
    expect(models).toMatchObject({ active: 2, versions: [{ version: 2, status: 'active' }, { version: 1 }] });
    const { data: after } = await categoryOf('快递包裹寄到网点四天了还没有派送，物流信息一直不更新');
    expect(after.decision.model).toEqual({ id: 'text-model-demo', version: 2 });
    expect(after.category).toBe('delivery');
    const history = await t.store.readStream('classification-model-demo');
    expect(history.map((e) => e.type)).toEqual([
      'ModelTrained',
      'ModelActivated',
      'ModelTrained',
      'ModelActivated',
    ]);
  });
});
