import { type ComplaintClassifiedData } from '@kesu/classification-contracts';
import { type ClassificationTestApp, startClassification } from '../classification.test-support';
import { ModelTraining, TRAINING_RUNS, type TrainingRun } from './model-training.service';
import { TrainingExamples } from './training-examples';

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

const train = async (options?: object) => {
  const reply = await t.request('admin', 'POST', '/api/v1/classification/models', options);
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
    expect(good.json()).toEqual({ imported: 30, unchanged: 0, total: 30 });
    const again = await t.request('admin', 'POST', '/api/v1/classification/training-examples', {
      examples: EXAMPLES,
    });
    expect(again.json()).toEqual({ imported: 0, unchanged: 30, total: 30 });
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

  it('compares with the active model’s options retrained on the same 80 %, recording both scores', async () => {
    const models = await train();
    const [latest] = models.versions;
    expect(latest).toMatchObject({ version: 3, status: 'active', activeVersion: 2 });
    expect(latest.baseline).toMatchObject({
      trainedOn: latest.scores.trainedOn,
      heldOut: latest.scores.heldOut,
    });
    expect(latest.activeMacroF1).toBe(latest.baseline.macroF1);
    // The same options on the same part: the same model, the same score.
    expect(latest.scores.macroF1).toBe(latest.baseline.macroF1);
    const doc = await t.documents.collection('classification_models').get('demo:v3');
    expect(doc).toMatchObject({ scores: latest.scores, baseline: latest.baseline });
  });

  it('rejects a candidate scoring below the baseline and keeps the active model', async () => {
    // Many more examples of one category; naive Bayes smoothed this much all but ignores the words
    // and predicts that category, which the baseline (the active linear SVM's options) does not.
    const more = places.flatMap((place, i) =>
      ['态度很差', '爱理不理', '冷漠无礼'].map((words) => ({
        text: `${place}的服务人员${words}，让人很不舒服${i}`,
        category: 'service_attitude',
      })),
    );
    expect(
      (await t.request('admin', 'POST', '/api/v1/classification/training-examples', { examples: more }))
        .statusCode,
    ).toBe(202);
    const models = await train({ algorithm: 'naive-bayes', alpha: 1000 });
    expect(models.active).toBe(3);
    expect(models.versions[0]).toMatchObject({ version: 4, status: 'rejected', activeVersion: 3 });
    const [rejected] = models.versions;
    expect(rejected.scores.macroF1).toBeLessThan(rejected.baseline.macroF1);
    expect(rejected.reason).toContain('below the baseline');
    expect(await t.documents.collection('classification_models').get('demo:v4')).toBeNull();
    const { data } = await categoryOf('柜台人员态度恶劣，呵斥顾客');
    expect(data.decision.model).toEqual({ id: 'text-model-demo', version: 3 });
  });

  it('rolls back to an earlier version by hand, recording who and why, and classifies with it', async () => {
    const activation = (version: string | number, body: object, user = 'admin', ifMatch?: string) =>
      t.request(user, 'POST', `/api/v1/classification/models/${version}/activation`, body, {
        ...(ifMatch !== undefined && { 'if-match': ifMatch }),
      });
    const reason = 'v3 files billing complaints under service attitude';
    const before = (await t.store.readStream('classification-model-demo')).length;

    expect((await activation(2, { reason }, 'handler1')).statusCode).toBe(403);
    const badVersion = await activation('latest', { reason });
    expect(badVersion.statusCode).toBe(400);
    expect(badVersion.json().errors).toEqual([{ field: 'version', message: expect.any(String) }]);
    const blank = await activation(2, { reason: '  ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().errors.map((e: { field: string }) => e.field)).toEqual(['reason']);
    expect((await activation(2, { reason, extra: 1 })).statusCode).toBe(400);
    expect((await activation(9, { reason })).statusCode).toBe(404);
    const rejected = await activation(4, { reason });
    expect(rejected.statusCode).toBe(409);
    expect(rejected.json().detail).toContain('rejected');
    expect(await t.store.readStream('classification-model-demo')).toHaveLength(before);

    const rolledBack = await activation(2, { reason });
    expect(rolledBack.statusCode).toBe(200);
    expect(rolledBack.json()).toMatchObject({ active: 2 });
    const statuses = rolledBack.json().versions.map((v: { version: number; status: string }) => v.status);
    expect(statuses).toEqual(['rejected', 'retired', 'active', 'retired']);
    const history = await t.store.readStream('classification-model-demo');
    expect(history).toHaveLength(before + 1);
    expect(history.at(-1)).toMatchObject({
      type: 'ModelActivated',
      actor: { kind: 'user', id: 'user-admin' },
      data: { modelVersion: 2, previousVersion: 3, activatedBy: 'user-admin', reason },
    });
    const { data } = await categoryOf('柜台人员态度恶劣，呵斥顾客');
    expect(data.decision.model).toEqual({ id: 'text-model-demo', version: 2 });

    // The active version again records nothing; forward again to v3.
    expect((await activation(2, { reason })).statusCode).toBe(200);
    expect(await t.store.readStream('classification-model-demo')).toHaveLength(before + 1);
    expect((await activation(3, { reason: 'fixed upstream' })).json()).toMatchObject({ active: 3 });

    // Decided on the versions as listed before the last change: refused (412), nothing recorded.
    const listed = await t.request('admin', 'GET', '/api/v1/classification/models');
    const { revision } = listed.json() as { revision: number };
    expect(listed.headers.etag).toBe(`"${revision}"`);
    const stale = await activation(2, { reason }, 'admin', String(revision - 1));
    expect(stale.statusCode).toBe(412);
    expect(await t.store.readStream('classification-model-demo')).toHaveLength(revision + 1);
    expect((await activation(3, { reason }, 'admin', String(revision))).statusCode).toBe(200);
  });

  it('shows per version how often handlers confirmed or corrected it in production', async () => {
    // v1 classified two complaints, one corrected to delivery; v2 two; v3 one so far, confirmed below.
    const { complaintId, data } = await categoryOf('窗口的工作人员态度恶劣，呵斥顾客');
    expect(data.decision.model).toEqual({ id: 'text-model-demo', version: 3 });
    const confirmed = await t.request('handler1', 'POST', `/api/v1/complaints/${complaintId}/classify`, {
      category: data.category,
      reason: '分类正确',
    });
    expect(confirmed.statusCode).toBe(202);

    type Listed = { version: number; production: Record<string, number | null> };
    let versions: Listed[] = [];
    const byVersion = (v: number) => versions.find((listed) => listed.version === v)!.production;
    const deadline = Date.now() + 10_000;
    do {
      versions = (await t.request('admin', 'GET', '/api/v1/classification/models')).json().versions;
      if (byVersion(3).reviewed === 1) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    } while (Date.now() < deadline);
    expect(byVersion(1)).toMatchObject({ classified: 2, reviewed: 1, corrected: 1, correctionRate: 0.5 });
    expect(byVersion(2)).toMatchObject({ classified: 2, reviewed: 0, corrected: 0, correctionRate: 0 });
    expect(byVersion(3)).toMatchObject({ classified: 2, reviewed: 1, corrected: 0 });
    expect(byVersion(4)).toEqual({
      classified: 0,
      flagged: 0,
      reviewed: 0,
      corrected: 0,
      correctionRate: null,
    });
  });

  it('keeps answering HTTP requests while a model trains on its thread', async () => {
    const pools = {
      service_attitude: '态度恶劣骂人呵斥冷漠',
      fees_price: '收费扣费多收价格',
      service_efficiency: '排队等待太慢拖延',
    };
    const filler = '我们在这个地方办理业务的时候发现了问题希望尽快处理谢谢';
    let seed = 7;
    const pick = (pool: string) => pool[(seed = (seed * 48271) % 2147483647) % pool.length]!;
    const examples = Array.from({ length: 2500 }, (_, i) => {
      const [category, pool] = Object.entries(pools)[i % 3]!;
      const text = Array.from({ length: 40 }, (_, k) => pick(k % 3 === 0 ? pool : filler)).join('');
      return { text: `${text}${i}`, category };
    });
    // Straight into the store: quicker than 2500 examples through HTTP.
    await t.app.get(TrainingExamples).import(
      'demo',
      examples.map((e) => ({ text: e.text, label: e.category })),
      new Date().toISOString(),
    );
    const training = t.app.get(ModelTraining);

    expect((await t.request('admin', 'POST', '/api/v1/classification/models')).statusCode).toBe(202);
    const health = await t.app.getHttpAdapter().getInstance().inject({ method: 'GET', url: '/health/live' });
    expect(health.statusCode).toBe(200);
    const listed = await t.request('admin', 'GET', '/api/v1/classification/models');
    // Both answered while the training was still running: it does not hold the event loop.
    expect(training.isTraining('demo')).toBe(true);
    expect(listed.json()).toMatchObject({ training: true });
    expect((await t.request('admin', 'POST', '/api/v1/classification/models')).statusCode).toBe(409);

    await training.idle('demo');
    const models = (await t.request('admin', 'GET', '/api/v1/classification/models')).json();
    expect(models).toMatchObject({ active: 5, training: false });
    expect(models.versions[0]).toMatchObject({ version: 5, status: 'active' });
  });

  it('resumes on start-up a training a restart interrupted, recording its outcome once', async () => {
    const runs = t.documents.collection<TrainingRun>(TRAINING_RUNS);
    const run: TrainingRun = {
      _id: 'demo',
      tenantId: 'demo',
      author: {
        tenantId: 'demo',
        branchId: 'east-1',
        actor: { kind: 'user', id: 'admin', roles: ['admin'] },
        causationId: 'training-interrupted-1',
      },
      options: {},
      startedAt: new Date().toISOString(),
    };
    await runs.put(run);
    const training = t.app.get(ModelTraining);
    await training.resumeInterrupted();
    expect(training.isTraining('demo')).toBe(true);
    await training.idle('demo');
    expect(await runs.get('demo')).toBeNull();
    const history = await t.store.readStream('classification-model-demo');
    const recorded = history.filter((e) => e.causationId === 'training-interrupted-1');
    expect(recorded.map((e) => e.type)).toEqual(['ModelTrained', 'ModelActivated']);

    // Its outcome was recorded before the document went: started again, it is not trained twice.
    await runs.put(run);
    await training.resumeInterrupted();
    expect(training.isTraining('demo')).toBe(false);
    expect(await runs.get('demo')).toBeNull();
    expect(await t.store.readStream('classification-model-demo')).toHaveLength(history.length);
  });
});
