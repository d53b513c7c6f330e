import { type ComplaintClassifiedData, type Taxonomy } from '@kesu/classification-contracts';
import { type ClassificationTestApp, startClassification } from '../classification.test-support';

/* A tenant's taxonomy and rules through HTTP: every change an event on the tenant's streams. */

let t: ClassificationTestApp;

beforeAll(async () => {
  t = await startClassification();
});

afterAll(async () => {
  await t.close();
});

const fields = (body: { errors: { field: string }[] }) => body.errors.map((e) => e.field);

describe('taxonomy', () => {
  it('starts from the general pack, readable by every user of the tenant', async () => {
    const reply = await t.request('agent1', 'GET', '/api/v1/classification/taxonomy');
    expect(reply.statusCode).toBe(200);
    const taxonomy = reply.json() as Taxonomy;
    expect(taxonomy).toMatchObject({ version: 1, pack: 'general' });
    expect(taxonomy.categories.map((c) => c.code)).toEqual(
      expect.arrayContaining(['service_attitude', 'other']),
    );
  });

  it('is replaced by a pack or a whole tree by an administrator, each change a new version and event', async () => {
    const pack = await t.request('admin', 'PUT', '/api/v1/classification/taxonomy', { pack: 'telecom' });
    expect(pack.statusCode).toBe(200);
    expect(pack.json()).toMatchObject({ version: 2, pack: 'telecom' });

    const tree = {
      pack: 'general',
      categories: [
        {
          code: 'billing',
          name: { zh: '账单', en: 'Billing' },
          keywords: ['电费', 'bill'],
          departmentId: 'finance',
        },
        { code: 'other', name: { zh: '其他', en: 'Other' }, keywords: [] },
      ],
    };
    const whole = await t.request('admin', 'PUT', '/api/v1/classification/taxonomy', tree);
    expect(whole.statusCode).toBe(200);
    expect(whole.json()).toEqual({ version: 3, ...tree });
    expect((await t.request('handler1', 'GET', '/api/v1/classification/taxonomy')).json()).toMatchObject({
      version: 3,
    });
    const events = await t.store.readStream('classification-taxonomy-demo');
    expect(events.map((e) => [e.type, e.actor.id])).toEqual([
      ['TaxonomyChanged', 'user-admin'],
      ['TaxonomyChanged', 'user-admin'],
    ]);
  });

  it('refuses an invalid tree, naming the paths, and non-administrators', async () => {
    const broken = await t.request('admin', 'PUT', '/api/v1/classification/taxonomy', {
      pack: 'general',
      categories: [{ code: 'x', name: { zh: 'X' }, keywords: [], parent: 'nowhere' }],
    });
    expect(broken.statusCode).toBe(400);
    expect(fields(broken.json())).toEqual(expect.arrayContaining(['categories[0].name.en']));
    expect(
      (await t.request('admin', 'PUT', '/api/v1/classification/taxonomy', { pack: 'astro' })).statusCode,
    ).toBe(400);
    const handler = await t.request('handler1', 'PUT', '/api/v1/classification/taxonomy', { pack: 'retail' });
    expect(handler.statusCode).toBe(403);
  });
});

describe('rules', () => {
  it('starts from the default rule set and is replaced as a whole by an administrator', async () => {
    const current = await t.request('analyst1', 'GET', '/api/v1/classification/rules');
    expect(current.statusCode).toBe(200);
    expect(current.json().version).toBe(1);
    const rules = [
      {
        id: 'petition',
        description: { zh: '信访', en: 'petition' },
        when: { anyTerm: ['信访'] },
        then: { minSeverity: 'major', signals: ['government_petition'] },
      },
    ];
    const changed = await t.request('admin', 'PUT', '/api/v1/classification/rules', { rules });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toEqual({ version: 2, rules });
    const invalid = await t.request('admin', 'PUT', '/api/v1/classification/rules', {
      rules: [{ id: 'x', description: { zh: 'x', en: 'x' }, when: { anyTerm: [] }, then: {} }],
    });
    expect(invalid.statusCode).toBe(400);
    expect(fields(invalid.json()).some((f) => f.startsWith('rules[0]'))).toBe(true);
    expect(
      (await t.request('supervisor1', 'PUT', '/api/v1/classification/rules', { rules })).statusCode,
    ).toBe(403);
  });

  it('are tried out with a dry run: the fired rules with their matched terms, and why', async () => {
    const reply = await t.request('supervisor1', 'POST', '/api/v1/classification/rules/dry-run', {
      text: '二十户居民电费翻倍，要去市政府信访',
      channel: 'gov_hotline_12345',
      complainantCount: 20,
      rules: [
        {
          id: 'many',
          description: { zh: '多人', en: 'many people' },
          when: { complainantCountAtLeast: 5 },
          then: { scope: 'collective', minSeverity: 'major' },
        },
      ],
    });
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toMatchObject({
      severity: 'major',
      scope: 'collective',
      fired: [{ id: 'many' }],
      explanation: { zh: expect.any(String), en: expect.any(String) },
    });
    const tenants = await t.request('admin', 'POST', '/api/v1/classification/rules/dry-run', {
      text: '我要去信访',
    });
    expect(tenants.json()).toMatchObject({ ruleSetVersion: 2, signals: ['government_petition'] });
    const empty = await t.request('admin', 'POST', '/api/v1/classification/rules/dry-run', {});
    expect(fields(empty.json())).toEqual(['text']);
  });
});

describe('confidence threshold', () => {
  const BILLING = '这个月电费bill多收了两百元，要求退还多收的电费。';

  it('is 0.5 until changed, readable by every user of the tenant', async () => {
    const reply = await t.request('agent1', 'GET', '/api/v1/classification/settings');
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toEqual({ confidenceThreshold: 0.5, autoRetrainAfter: 50 });
  });

  it('is changed by an administrator, as an event, and flags the next complaint below it for people', async () => {
    const before = await t.receive({ description: BILLING });
    const [first] = await t.classified(before.complaintId);
    const confident = first!.data as ComplaintClassifiedData;
    expect(confident.confidence).toBeGreaterThanOrEqual(0.5);
    expect(confident.confidence).toBeLessThan(1);
    expect(confident.needsHumanReview).toBe(false);

    const changed = await t.request('admin', 'PUT', '/api/v1/classification/settings', {
      confidenceThreshold: 1,
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toEqual({ confidenceThreshold: 1, autoRetrainAfter: 50 });
    expect((await t.request('handler1', 'GET', '/api/v1/classification/settings')).json()).toEqual({
      confidenceThreshold: 1,
      autoRetrainAfter: 50,
    });
    const events = await t.store.readStream('classification-threshold-demo');
    expect(events.map((e) => [e.type, e.actor.id, e.data])).toEqual([
      [
        'ConfidenceThresholdChanged',
        'user-admin',
        expect.objectContaining({ tenantId: 'demo', confidenceThreshold: 1, previousThreshold: 0.5 }),
      ],
    ]);

    const after = await t.receive({ description: BILLING });
    const [next] = await t.classified(after.complaintId);
    const unsure = next!.data as ComplaintClassifiedData;
    expect(unsure.category).toBe(confident.category);
    expect(unsure.confidence).toBe(confident.confidence);
    expect(unsure.needsHumanReview).toBe(true);

    // the same threshold again records nothing
    const same = await t.request('admin', 'PUT', '/api/v1/classification/settings', {
      confidenceThreshold: 1,
    });
    expect(same.statusCode).toBe(200);
    expect(await t.store.readStream('classification-threshold-demo')).toHaveLength(1);

    // other tenants keep the default
    const elsewhere = await t.receive({ description: BILLING, tenantId: 'other-tenant' });
    const [theirs] = await t.classified(elsewhere.complaintId);
    expect((theirs!.data as ComplaintClassifiedData).needsHumanReview).toBe(false);

    await t.request('admin', 'PUT', '/api/v1/classification/settings', { confidenceThreshold: 0.5 });
  });

  it('refuses a threshold outside 0–1 or not a number, naming the field, and non-administrators', async () => {
    for (const body of [
      { confidenceThreshold: 1.5 },
      { confidenceThreshold: -0.1 },
      { confidenceThreshold: '0.7' },
      {},
      { confidenceThreshold: 0.7, extra: true },
    ]) {
      const reply = await t.request('admin', 'PUT', '/api/v1/classification/settings', body);
      expect(reply.statusCode).toBe(400);
      expect(fields(reply.json()).length).toBeGreaterThan(0);
    }
    const bad = await t.request('admin', 'PUT', '/api/v1/classification/settings', {
      confidenceThreshold: 2,
    });
    expect(fields(bad.json())).toEqual(['confidenceThreshold']);
    const supervisor = await t.request('supervisor1', 'PUT', '/api/v1/classification/settings', {
      confidenceThreshold: 0.7,
    });
    expect(supervisor.statusCode).toBe(403);
  });
});

describe('automatic retraining policy', () => {
  it('is 50 until changed, changed by an administrator as an event, alone or with the threshold', async () => {
    const changed = await t.request('admin', 'PUT', '/api/v1/classification/settings', {
      autoRetrainAfter: 0,
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toEqual({ confidenceThreshold: 0.5, autoRetrainAfter: 0 });
    const both = await t.request('admin', 'PUT', '/api/v1/classification/settings', {
      confidenceThreshold: 0.6,
      autoRetrainAfter: 200,
    });
    expect(both.json()).toEqual({ confidenceThreshold: 0.6, autoRetrainAfter: 200 });
    expect((await t.request('analyst1', 'GET', '/api/v1/classification/settings')).json()).toEqual({
      confidenceThreshold: 0.6,
      autoRetrainAfter: 200,
    });
    const events = await t.store.readStream('classification-autoretrain-demo');
    expect(events.map((e) => [e.type, e.actor.id, e.data])).toEqual([
      [
        'AutoRetrainChanged',
        'user-admin',
        expect.objectContaining({ autoRetrainAfter: 0, previousAutoRetrainAfter: 50 }),
      ],
      [
        'AutoRetrainChanged',
        'user-admin',
        expect.objectContaining({ autoRetrainAfter: 200, previousAutoRetrainAfter: 0 }),
      ],
    ]);
    await t.request('admin', 'PUT', '/api/v1/classification/settings', {
      confidenceThreshold: 0.5,
      autoRetrainAfter: 50,
    });
  });

  it('refuses anything but a whole number from 0 to a million, naming the field', async () => {
    for (const autoRetrainAfter of [-1, 2.5, '10', 1_000_001, null]) {
      const reply = await t.request('admin', 'PUT', '/api/v1/classification/settings', { autoRetrainAfter });
      expect(reply.statusCode).toBe(400);
      expect(fields(reply.json())).toContain('autoRetrainAfter');
    }
    expect(await t.store.readStream('classification-autoretrain-demo')).toHaveLength(3);
  });
});
