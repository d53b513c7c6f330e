import type { Taxonomy } from '@kesu/classification-contracts';
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
const reason = '按业务线调整分类';

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
    const pack = await t.request('admin', 'PUT', '/api/v1/classification/taxonomy', {
      pack: 'telecom',
      reason,
    });
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
    const whole = await t.request('admin', 'PUT', '/api/v1/classification/taxonomy', { ...tree, reason });
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
      reason,
    });
    expect(broken.statusCode).toBe(400);
    expect(fields(broken.json())).toEqual(expect.arrayContaining(['categories[0].name.en']));
    expect(
      (await t.request('admin', 'PUT', '/api/v1/classification/taxonomy', { pack: 'astro', reason }))
        .statusCode,
    ).toBe(400);
    const handler = await t.request('handler1', 'PUT', '/api/v1/classification/taxonomy', {
      pack: 'retail',
      reason,
    });
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
    const changed = await t.request('admin', 'PUT', '/api/v1/classification/rules', { rules, reason });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toEqual({ version: 2, rules });
    const invalid = await t.request('admin', 'PUT', '/api/v1/classification/rules', {
      rules: [{ id: 'x', description: { zh: 'x', en: 'x' }, when: { anyTerm: [] }, then: {} }],
      reason,
    });
    expect(invalid.statusCode).toBe(400);
    expect(fields(invalid.json()).some((f) => f.startsWith('rules[0]'))).toBe(true);
    expect(
      (await t.request('supervisor1', 'PUT', '/api/v1/classification/rules', { rules, reason })).statusCode,
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
