import { modelStream } from '@kesu/classification-contracts';
import { type ClassificationTestApp, startClassification } from '../classification.test-support';
import { ModelTraining, TRAINING_RUNS, type TrainingRun } from './model-training.service';
import { TEXT_MODEL_PARTS, TEXT_MODELS, type TextModelDocument, TextModels } from './text-models';
import { TRAINING_EXAMPLES, TrainingExamples } from './training-examples';

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
  t.request('admin', 'PUT', '/api/v1/classification/settings', {
    autoRetrainAfter,
    reason: 'retraining policy under test',
  });
const models = async () => (await t.request('admin', 'GET', '/api/v1/classification/models')).json();
const training = () => t.app.get(ModelTraining);
/**
 * The number of model versions once any training the last request started has ended: whether a
 * training ran is read from its outcome, not from a flag a quick training may already have cleared.
 */
const versionsOnceIdle = async (): Promise<number> => {
  await training().idle('demo');
  return ((await models()) as { versions: unknown[] }).versions.length;
};

describe('automatic retraining', () => {
  it('retrains, as the service, once the policy’s number of new examples arrived', async () => {
    expect((await setPolicy(30)).statusCode).toBe(200);
    expect((await importExamples(batch('a'))).statusCode).toBe(202); // 20: not yet
    expect(await versionsOnceIdle()).toBe(0);
    expect((await importExamples(batch('b'))).statusCode).toBe(202); // 40 since no training
    expect(await versionsOnceIdle()).toBe(1);
    expect(await models()).toMatchObject({ active: 1, versions: [{ version: 1, status: 'active' }] });
    const [trained] = await t.store.readStream('classification-model-demo');
    expect(trained!.actor).toEqual({ kind: 'service', id: 'classification' });
    expect(trained!.causationId).toMatch(/^auto-training-/);
  });

  it('counts only the examples added since the last training, and does nothing when off', async () => {
    await importExamples(batch('c')); // 20 since v1
    expect(await versionsOnceIdle()).toBe(1);
    expect((await setPolicy(0)).statusCode).toBe(200);
    await importExamples(batch('d')); // 40, but off
    expect(await versionsOnceIdle()).toBe(1);
    await training().sweep();
    expect(await versionsOnceIdle()).toBe(1);
  });

  it('is checked periodically too: the sweep starts a retraining that became due', async () => {
    await setPolicy(40); // the 40 examples since v1 make it due, with no new import
    await training().sweep();
    expect(await versionsOnceIdle()).toBe(2);
    expect((await models()).active).toBe(2);
    await setPolicy(0);
  });
  it('counts a file imported again only for the texts whose category changed', async () => {
    expect((await setPolicy(1)).statusCode).toBe(200); // due at the first new example
    // batches c and d again: 40 texts already stored with these categories
    const again = await importExamples([...batch('c'), ...batch('d')]);
    expect(again.json()).toMatchObject({ imported: 0, unchanged: 40 });
    expect(await versionsOnceIdle()).toBe(2);
    const relabelled = batch('c').map((e, i) => (i === 0 ? { ...e, category: 'service_efficiency' } : e));
    expect((await importExamples(relabelled)).json()).toMatchObject({ imported: 1, unchanged: 19 });
    expect(await versionsOnceIdle()).toBe(3);
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

  it('reads only the model events it has not folded yet, and sees a rollback made elsewhere', async () => {
    const models = t.app.get(TextModels);
    const stream = modelStream('demo');
    const head = (await t.store.readStream(stream)).length;
    const active = (await models.active('demo'))!.version;
    const { versions } = (await t.request('admin', 'GET', '/api/v1/classification/models')).json() as {
      versions: { version: number; status: string }[];
    };
    const retired = versions.find((v) => v.status === 'retired')!.version;
    const reads = jest.spyOn(t.store, 'readStream');
    try {
      expect((await models.active('demo'))?.version).toBe(active);
      const modelReads = reads.mock.calls.filter(([id]) => id === stream);
      expect(modelReads).toEqual([[stream, { fromRevision: head }]]);
      expect(await reads.mock.results[reads.mock.calls.indexOf(modelReads[0]!)]!.value).toEqual([]);
    } finally {
      reads.mockRestore();
    }
    const activate = (version: number) =>
      t.request('admin', 'POST', `/api/v1/classification/models/${version}/activation`, { reason: '回退' });
    expect((await activate(retired)).statusCode).toBe(200);
    expect((await models.active('demo'))?.version).toBe(retired);
    await activate(active);
    expect((await models.active('demo'))?.version).toBe(active);
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

describe('curating training examples', () => {
  const list = async (query = '') =>
    t.request('admin', 'GET', `/api/v1/classification/training-examples${query}`);
  const removal = (id: string, body: object) =>
    t.request('admin', 'POST', `/api/v1/classification/training-examples/${id}/removal`, body);
  const wrong = { text: '营业厅门口的台阶太滑，我摔了一跤', category: 'fees_price' };

  it('lists the examples, the latest first, by category and source, with how many match', async () => {
    expect((await importExamples([wrong])).json()).toMatchObject({ imported: 1 });
    const all = (await list('?limit=2')).json();
    expect(all.items).toHaveLength(2);
    expect(all.total).toBe(await t.app.get(TrainingExamples).count('demo'));
    expect(all.nextCursor).toEqual(expect.any(String));
    const fees = (await list('?category=fees_price&source=import&limit=100')).json();
    expect(fees.items.every((e: { category: string }) => e.category === 'fees_price')).toBe(true);
    expect(fees.items[0]).toEqual({
      id: expect.stringMatching(/^import:[0-9a-f]{32}$/),
      text: wrong.text,
      category: 'fees_price',
      source: 'import',
      complaintId: null,
      addedAt: expect.any(String),
      removed: null,
    });
    const next = (await list(`?limit=2&cursor=${encodeURIComponent(all.nextCursor)}`)).json();
    expect(next.items[0].id).not.toBe(all.items[1].id);

    const bad = await list('?source=email&removed=maybe');
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['removed', 'source']);
    expect((await t.request('handler1', 'GET', '/api/v1/classification/training-examples')).statusCode).toBe(
      403,
    );
  });

  it('takes a wrong example out of training, recording who, why and when; importing it again does not bring it back', async () => {
    const before = (await list()).json().total;
    const [example] = (await list('?category=fees_price&source=import&limit=1')).json().items;
    expect(example.text).toBe(wrong.text);

    expect((await removal('nonsense', { reason: 'x' })).json().errors).toEqual([
      { field: 'id', message: expect.any(String) },
    ]);
    expect((await removal(example.id, { reason: ' ' })).json().errors[0].field).toBe('reason');
    expect((await removal(`import:${'0'.repeat(32)}`, { reason: 'x' })).statusCode).toBe(404);
    expect((await list()).json().total).toBe(before);

    const reason = '摔倒属于安全问题，不是收费问题';
    const removed = await removal(example.id, { reason });
    expect(removed.statusCode).toBe(200);
    expect(removed.json()).toMatchObject({
      id: example.id,
      removed: { by: 'user-admin', reason, at: expect.any(String) },
    });
    expect((await list()).json().total).toBe(before - 1);
    expect((await list('?removed=true')).json().items.map((e: { id: string }) => e.id)).toEqual([example.id]);
    const { imported } = await t.app.get(TrainingExamples).all('demo');
    expect(imported.map((e) => e.text)).not.toContain(wrong.text);

    expect((await importExamples([wrong])).json()).toMatchObject({ imported: 0, unchanged: 1 });
    const again = await removal(example.id, { reason: 'twice' });
    expect(again.json().removed.reason).toBe(reason);
    expect((await list()).json().total).toBe(before - 1);
  });

  it('lets a later judgement of the complaint replace a removed example, not an earlier closing', async () => {
    const examples = t.app.get(TrainingExamples);
    const complaintId = '01a20985-7d0d-716c-a70e-89c0e867e42d';
    await examples.correction(
      'demo',
      complaintId,
      '柜台收费多收了二十元',
      'service_attitude',
      '2026-11-20T08:00:00.000Z',
    );
    await examples.remove('demo', `complaint:${complaintId}`, {
      by: 'user-admin',
      reason: '纠正有误',
      at: '2026-11-21T08:00:00.000Z',
    });
    // A closing made before the removal, delivered after it: stays removed.
    const closedEarlier = '2026-11-20T12:00:00.000Z';
    expect(
      await examples.closed(
        'demo',
        complaintId,
        '柜台收费多收了二十元',
        'service_attitude',
        closedEarlier,
        '2026-11-22T08:00:00.000Z',
      ),
    ).toBe(false);
    expect((await list('?removed=true')).json().items.map((e: { id: string }) => e.id)).toContain(
      `complaint:${complaintId}`,
    );
    // Reopened and closed again after the removal, as fees: learned.
    const closedLater = '2026-11-22T09:00:00.000Z';
    expect(
      await examples.closed(
        'demo',
        complaintId,
        '柜台收费多收了二十元',
        'fees_price',
        closedLater,
        '2026-11-22T09:00:01.000Z',
      ),
    ).toBe(true);
    const [doc] = (await list('?source=closed')).json().items;
    expect(doc).toMatchObject({ id: `complaint:${complaintId}`, category: 'fees_price', removed: null });
  });
});
