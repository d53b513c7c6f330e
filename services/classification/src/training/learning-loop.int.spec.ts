import { type ClassificationTestApp, startClassification } from '../classification.test-support';
import { ModelTraining, TRAINING_RUNS, type TrainingRun } from './model-training.service';
import { TEXT_MODEL_PARTS, TEXT_MODELS, type TextModelDocument, TextModels } from './text-models';
import { TRAINING_EXAMPLES } from './training-examples';

/* Production concerns of the learning loop through HTTP: retraining by itself, leases, big imports. */

let t: ClassificationTestApp;

beforeAll(async () => {
  t = await startClassification();
});

afterAll(async () => {
  await t.close();
});

const places = ['营业厅', '网点', '门店', '柜台', '服务中心', '分店', '窗口', '大厅', '热线', '客服中心'];
const batch = (tag: string) =>
  places.flatMap((place, i) => [
    { text: `${place}的工作人员态度恶劣，对我大声呵斥${tag}${i}`, category: 'service_attitude' },
    { text: `${place}收费不合理，多收了我${i + 2}十元${tag}`, category: 'fees_price' },
  ]);
const importExamples = (examples: object[]) =>
  t.request('admin', 'POST', '/api/v1/classification/training-examples', { examples });
const setPolicy = (autoRetrainAfter: number) =>
  t.request('admin', 'PUT', '/api/v1/classification/settings', { autoRetrainAfter });
const models = async () => (await t.request('admin', 'GET', '/api/v1/classification/models')).json();
const training = () => t.app.get(ModelTraining);

describe('automatic retraining', () => {
  it('retrains, as the service, once the policy’s number of new examples arrived', async () => {
    expect((await setPolicy(30)).statusCode).toBe(200);
    expect((await importExamples(batch('a'))).statusCode).toBe(202); // 20: not yet
    expect(training().isTraining('demo')).toBe(false);
    expect((await importExamples(batch('b'))).statusCode).toBe(202); // 40 since no training
    expect(training().isTraining('demo')).toBe(true);
    await training().idle('demo');
    expect(await models()).toMatchObject({ active: 1, versions: [{ version: 1, status: 'active' }] });
    const [trained] = await t.store.readStream('classification-model-demo');
    expect(trained!.actor).toEqual({ kind: 'service', id: 'classification' });
    expect(trained!.causationId).toMatch(/^auto-training-/);
  });

  it('counts only the examples added since the last training, and does nothing when off', async () => {
    await importExamples(batch('c')); // 20 since v1
    expect(training().isTraining('demo')).toBe(false);
    expect((await setPolicy(0)).statusCode).toBe(200);
    await importExamples(batch('d')); // 40, but off
    expect(training().isTraining('demo')).toBe(false);
    await training().sweep();
    expect(training().isTraining('demo')).toBe(false);
  });

  it('is checked periodically too: the sweep starts a retraining that became due', async () => {
    await setPolicy(40); // the 40 examples since v1 make it due, with no new import
    await training().sweep();
    expect(training().isTraining('demo')).toBe(true);
    await training().idle('demo');
    expect((await models()).active).toBe(2);
    await setPolicy(0);
  });
  it('counts a file imported again only for the texts whose category changed', async () => {
    expect((await setPolicy(1)).statusCode).toBe(200); // due at the first new example
    // batches c and d again: 40 texts already stored with these categories
    const again = await importExamples([...batch('c'), ...batch('d')]);
    expect(again.json()).toMatchObject({ imported: 0, unchanged: 40 });
    expect(training().isTraining('demo')).toBe(false);
    const relabelled = batch('c').map((e, i) => (i === 0 ? { ...e, category: 'service_efficiency' } : e));
    expect((await importExamples(relabelled)).json()).toMatchObject({ imported: 1, unchanged: 19 });
    expect(training().isTraining('demo')).toBe(true);
    await training().idle('demo');
    await setPolicy(0);
  });
});

describe('training leases', () => {
  it('answers 409, naming the replica, while another replica holds a live lease on the tenant’s run', async () => {
    const runs = t.documents.collection<TrainingRun>(TRAINING_RUNS);
    await runs.put({
      _id: 'demo',
      tenantId: 'demo',
      author: {
        tenantId: 'demo',
        branchId: 'east-1',
        actor: { kind: 'user', id: 'admin' },
        causationId: 'training-elsewhere',
      },
      options: {},
      startedAt: new Date().toISOString(),
      lease: { owner: 'replica-2', heartbeatAt: Date.now() },
    });
    const reply = await t.request('admin', 'POST', '/api/v1/classification/models');
    expect(reply.statusCode).toBe(409);
    expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(reply.json()).toMatchObject({ status: 409, detail: expect.stringContaining('replica-2') });
    await training().resumeInterrupted();
    expect(training().isTraining('demo')).toBe(false);
    await runs.delete('demo');
  });
});

describe('model storage', () => {
  it('stores each model version in parts and loads it back, and still loads a model stored whole', async () => {
    const doc = await t.documents.collection<TextModelDocument>(TEXT_MODELS).get('demo:v2');
    expect(doc).toMatchObject({ version: 2, stored: { parts: 1 } });
    expect(doc!.model).toBeUndefined();
    const parts = await t.documents.collection(TEXT_MODEL_PARTS).count({ tenantId: 'demo', version: 2 });
    expect(parts).toBe(1);

    const models = t.app.get(TextModels);
    const model = (await models.modelOf(doc!))!;
    const whole: TextModelDocument = { ...doc!, _id: 'demo:v2-whole', stored: undefined, model };
    const loaded = (await models.modelOf(whole))!;
    expect(loaded).toEqual(model);
    expect((await models.active('demo'))?.classifier.predict('柜台的工作人员态度恶劣').label).toBe(
      'service_attitude',
    );
  });
});

describe('bulk import size', () => {
  const long = (i: number) => ({
    text: `${'营业厅收费不合理多收费用'.repeat(16)}${i}`, // ~ 600 bytes of UTF-8
    category: 'fees_price',
  });

  it('takes a 3 MB import on the training-examples route', async () => {
    const examples = Array.from({ length: 5000 }, (_, i) => long(i));
    expect(Buffer.byteLength(JSON.stringify({ examples }))).toBeGreaterThan(3_000_000);
    const reply = await importExamples(examples);
    expect(reply.statusCode).toBe(202);
    expect(reply.json().imported).toBe(5000);
  });

  it('answers a body above 20 MiB with a 413 problem naming the limit, storing nothing', async () => {
    const before = await t.documents.collection(TRAINING_EXAMPLES).count({ tenantId: 'demo' });
    const examples = Array.from({ length: 5000 }, (_, i) => ({
      ...long(i),
      text: `${'长'.repeat(1500)}${i}`,
    }));
    const reply = await importExamples(examples);
    expect(reply.statusCode).toBe(413);
    expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(reply.json()).toMatchObject({ status: 413, limitBytes: 20 * 1024 * 1024 });
    expect(reply.json().detail).toContain(String(20 * 1024 * 1024));
    expect(await t.documents.collection(TRAINING_EXAMPLES).count({ tenantId: 'demo' })).toBe(before);
  });

  it('keeps the other routes at the default limit', async () => {
    const reply = await t.request('admin', 'POST', '/api/v1/classification/models', {
      algorithm: 'softmax',
      padding: 'x'.repeat(100_000),
    });
    expect(reply.statusCode).toBe(413);
    expect(reply.json()).toMatchObject({ limitBytes: 64 * 1024 });
  });
});
