import { type ClassificationTestApp, startClassification } from '../classification.test-support';

/* Every settings change says who and why, and is decided on a revision the admin saw (If-Match). */

let t: ClassificationTestApp;

beforeAll(async () => {
  t = await startClassification();
});

afterAll(async () => {
  await t.close();
});

const fields = (body: { errors: { field: string }[] }) => body.errors.map((e) => e.field);
const url = (setting: string) => `/api/v1/classification/${setting}`;
const put = (setting: string, body: object, headers: Record<string, string> = {}) =>
  t.request('admin', 'PUT', url(setting), body, headers);
const get = (setting: string) => t.request('analyst1', 'GET', url(setting));

/** A change of each setting, without its reason. */
const CHANGES: readonly [string, object][] = [
  ['taxonomy', { pack: 'telecom' }],
  ['rules', { rules: [] }],
  ['settings', { confidenceThreshold: 0.6 }],
  ['settings', { collectiveThreshold: 10 }],
];

describe('who and why', () => {
  it('requires a reason of 1 to 500 characters with every change, naming the field, and records nothing without', async () => {
    for (const [setting, body] of CHANGES) {
      for (const reason of [undefined, '', '   ', 'x'.repeat(501), 42]) {
        const reply = await put(setting, { ...body, ...(reason !== undefined && { reason }) });
        expect(reply.statusCode).toBe(400);
        expect(fields(reply.json())).toEqual(['reason']);
      }
    }
    for (const stream of ['taxonomy', 'rules', 'threshold', 'collectivethreshold']) {
      expect(await t.store.readStream(`classification-${stream}-demo`)).toHaveLength(0);
    }
  });

  it('keeps the reason with who changed it in each change’s event', async () => {
    const reasons = ['电信业务上线', '规则集清空后重建', '误分较多，提高阈值', '本地联名投诉规模较大'];
    for (const [i, [setting, body]] of CHANGES.entries()) {
      expect((await put(setting, { ...body, reason: reasons[i] })).statusCode).toBe(200);
    }
    const recorded = await Promise.all(
      ['taxonomy', 'rules', 'threshold', 'collectivethreshold'].map(
        async (stream) => (await t.store.readStream(`classification-${stream}-demo`))[0]!,
      ),
    );
    expect(recorded.map((e) => [e.type, e.actor.id, e.data])).toEqual(
      ['TaxonomyChanged', 'RuleSetChanged', 'ConfidenceThresholdChanged', 'CollectiveThresholdChanged'].map(
        (type, i) => [
          type,
          'user-admin',
          expect.objectContaining({ changedBy: 'user-admin', reason: reasons[i] }),
        ],
      ),
    );
  });
});

describe('If-Match', () => {
  it('answers each setting’s revision as its ETag, and refuses a change decided on an earlier one (412)', async () => {
    const before = await get('taxonomy');
    const seen = before.headers.etag as string;
    expect(seen).toMatch(/^"\d+"$/);
    const revision = Number(JSON.parse(seen));

    const changed = await put('taxonomy', { pack: 'retail', reason: '零售业务' }, { 'if-match': seen });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).toBe(`"${revision + 1}"`);
    expect((await get('taxonomy')).headers.etag).toBe(`"${revision + 1}"`);

    const stale = await put('taxonomy', { pack: 'general', reason: '改回通用' }, { 'if-match': seen });
    expect(stale.statusCode).toBe(412);
    expect(stale.json()).toMatchObject({ status: 412, currentRevision: revision + 1 });
    expect(await t.store.readStream('classification-taxonomy-demo')).toHaveLength(revision + 2);
    expect((await get('taxonomy')).json()).toMatchObject({ pack: 'retail' });

    const malformed = await put(
      'taxonomy',
      { pack: 'general', reason: '改回通用' },
      { 'if-match': 'latest' },
    );
    expect(malformed.statusCode).toBe(400);
    expect(fields(malformed.json())).toEqual(['If-Match']);
    expect((await put('taxonomy', { pack: 'general', reason: '改回通用' })).statusCode).toBe(200);
  });

  it('takes the settings as one thing: any change of them moves their revision', async () => {
    const before = (await get('settings')).json() as { revision: number };
    const seen = `"${before.revision}"`;
    expect((await get('settings')).headers.etag).toBe(seen);

    const changed = await put('settings', { autoRetrainAfter: 80, reason: '每周重训' }, { 'if-match': seen });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ autoRetrainAfter: 80, revision: before.revision + 1 });
    expect(changed.headers.etag).toBe(`"${before.revision + 1}"`);

    // another admin's change decided on what they saw before: refused, nothing recorded
    const stale = await put(
      'settings',
      { collectiveThreshold: 20, reason: '大型小区' },
      { 'if-match': seen },
    );
    expect(stale.statusCode).toBe(412);
    expect(stale.json()).toMatchObject({ currentRevision: before.revision + 1 });
    expect((await get('settings')).json()).toMatchObject({ collectiveThreshold: 10, autoRetrainAfter: 80 });

    // without an If-Match nothing is stale
    const blind = await put('settings', { collectiveThreshold: 20, reason: '大型小区' });
    expect(blind.statusCode).toBe(200);
    expect(blind.json()).toMatchObject({ collectiveThreshold: 20, revision: before.revision + 2 });
  });
});

describe('Idempotency-Key', () => {
  it('records a repeated change once, and refuses the key with another change (422)', async () => {
    const change = { autoRetrainAfter: 120, collectiveThreshold: 12, reason: '按季度复核' };
    const key = { 'idempotency-key': 'settings-q3' };
    const first = await put('settings', change, key);
    expect(first.statusCode).toBe(200);
    const again = await put('settings', change, { ...key, 'if-match': '0' });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    const recorded = async (stream: string) =>
      (await t.store.readStream(`classification-${stream}-demo`)).filter((e) =>
        e.causationId.startsWith('idempotency-'),
      );
    expect(await recorded('autoretrain')).toHaveLength(1);
    expect(await recorded('collectivethreshold')).toHaveLength(1);
    const reused = await put('settings', { ...change, collectiveThreshold: 13 }, key);
    expect(reused.statusCode).toBe(422);
    expect((await get('settings')).json()).toMatchObject({ collectiveThreshold: 12 });
  });
});
