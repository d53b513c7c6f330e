import { TAXONOMY_PACKS, type Taxonomy } from '@kesu/classification-contracts';
import general from './packs/general.json';
import schema from './taxonomy-pack.schema.json';
import { loadTaxonomyPack, taxonomyPack } from './taxonomy-packs';
import { FALLBACK_CATEGORY, validateTaxonomy } from './taxonomy-validation';

describe('taxonomyPack', () => {
  it.each(TAXONOMY_PACKS)('builds a valid two-level pack: %s', (pack) => {
    const t = taxonomyPack(pack);
    expect(t.pack).toBe(pack);
    expect(t.version).toBe(1);
    expect(validateTaxonomy(t)).toEqual([]);
    expect(t.categories.some((c) => c.code === FALLBACK_CATEGORY && !c.parent)).toBe(true);
    for (const c of t.categories) {
      expect(c.departmentId).toBeTruthy();
      if (c.code !== FALLBACK_CATEGORY) expect(c.keywords.length).toBeGreaterThan(0);
    }
  });

  it('general holds the seeds content categories with zh names', () => {
    const names = taxonomyPack('general')
      .categories.filter((c) => !c.parent)
      .map((c) => c.name.zh);
    expect(names).toEqual([
      '服务态度',
      '服务效率',
      '产品质量',
      '收费/价格',
      '安全',
      '设施设备',
      '卫生',
      '沟通',
      '送货',
      '劳动纪律',
      '政策',
      '其他',
    ]);
  });

  it('telecom mirrors the COCC labels as top-level categories', () => {
    const zh = taxonomyPack('telecom').categories.map((c) => c.name.zh);
    for (const label of [
      '业务使用问题',
      '业务办理问题',
      '信息安全问题',
      '网络问题',
      '费用问题',
      '营销活动问题',
      '不知情定制问题',
      '服务问题',
    ])
      expect(zh).toContain(label);
  });

  it('banking covers the CFPB products and utilities has metering 计量', () => {
    const banking = taxonomyPack('banking').categories.map((c) => c.code);
    expect(banking).toEqual(
      expect.arrayContaining([
        'credit_reporting',
        'debt_collection',
        'mortgage',
        'credit_card',
        'checking_savings',
        'student_loan',
        'vehicle_loan',
        'money_transfer',
        'personal_loan',
      ]),
    );
    const metering = taxonomyPack('utilities').categories.find((c) => c.code === 'metering');
    expect(metering?.name.zh).toBe('计量');
  });

  it('subcategories inherit their parent department unless given', () => {
    const t = taxonomyPack('general');
    const sub = t.categories.find((c) => c.code === 'service_attitude.rude_staff');
    expect(sub).toMatchObject({ parent: 'service_attitude', departmentId: 'customer_service' });
  });

  it('rejects an unknown pack', () => {
    expect(() => taxonomyPack('space' as never)).toThrow(/unknown taxonomy pack/);
  });
});

describe('loadTaxonomyPack', () => {
  it('lists every pack in the schema', () => {
    expect(schema.properties.pack.enum).toEqual([...TAXONOMY_PACKS]);
  });

  it('rejects a pack that does not match the schema, naming the file and every path', () => {
    const broken = {
      pack: 'general',
      categories: [
        {
          code: 'billing',
          name: { zh: '收费' },
          keywords: ['话费', ' '],
          departmentId: 'finance',
          subcategories: [{ code: 'Over-charge', name: { zh: '多收', en: 'Overcharge' }, keywords: [] }],
          owner: 'x',
        },
      ],
    };
    expect(() => loadTaxonomyPack(broken, 'broken.json')).toThrow(
      [
        'broken.json does not match its schema:',
        '- categories[0]: must NOT have additional properties ("owner")',
        "- categories[0].name: must have required property 'en'",
        '- categories[0].keywords[1]: must match pattern "\\S"',
        '- categories[0].subcategories[0].code: must match pattern "^[a-z][a-z0-9_]*$"',
        '- categories[0].subcategories[0].keywords: must NOT have fewer than 1 items',
      ].join('\n'),
    );
  });

  it('rejects a pack that matches the schema but is not a valid taxonomy', () => {
    const noFallback = { ...general, categories: general.categories.filter((c) => c.code !== 'other') };
    expect(() => loadTaxonomyPack(noFallback, 'general.json')).toThrow(
      'general.json is not a valid taxonomy:\n- categories: a top-level "other" category is required',
    );
  });
});

describe('validateTaxonomy', () => {
  const valid: Taxonomy = {
    version: 2,
    pack: 'general',
    categories: [
      { code: 'a', name: { zh: '甲', en: 'A' }, keywords: ['甲'] },
      { code: 'a.x', parent: 'a', name: { zh: '甲一', en: 'A one' }, keywords: [] },
      { code: 'other', name: { zh: '其他', en: 'Other' }, keywords: [] },
    ],
  };

  it('accepts a valid taxonomy', () => {
    expect(validateTaxonomy(valid)).toEqual([]);
  });

  it('reports duplicates, missing parents, a third level and empty names with paths', () => {
    const problems = validateTaxonomy({
      ...valid,
      categories: [
        ...valid.categories,
        { code: 'a', name: { zh: '重复', en: 'dup' }, keywords: [] },
        { code: 'b.y', parent: 'b', name: { zh: '乙', en: 'B' }, keywords: [] },
        { code: 'a.x.z', parent: 'a.x', name: { zh: '丙', en: 'C' }, keywords: [] },
        { code: 'c', name: { zh: ' ', en: 'C' }, keywords: [''] },
      ],
    });
    expect(problems).toEqual([
      { path: 'categories[3].code', message: 'duplicate category code "a"' },
      { path: 'categories[6].name.zh', message: 'must be a non-empty string' },
      { path: 'categories[6].keywords[0]', message: 'must be a non-empty string' },
      { path: 'categories[4].parent', message: 'parent "b" does not exist' },
      {
        path: 'categories[5].parent',
        message: 'parent "a.x" is itself a subcategory: two levels at most',
      },
    ]);
  });

  it.each(['\u0000', '\u200b\u200e', '\uD800', ' \u0007\t'])(
    'refuses names, keywords and department ids without a visible character (%j)',
    (text) => {
      const problems = validateTaxonomy({
        ...valid,
        categories: [
          ...valid.categories,
          { code: 'd', name: { zh: text, en: 'D' }, keywords: [text], departmentId: text },
        ],
      });
      expect(problems).toEqual([
        { path: 'categories[3].name.zh', message: 'must be a non-empty string' },
        { path: 'categories[3].keywords[0]', message: 'must be a non-empty string' },
        { path: 'categories[3].departmentId', message: 'must be a non-empty string when given' },
      ]);
    },
  );

  it.each([
    ['__proto__', 'must be lower-case letters'],
    ['a.__proto__', 'must be lower-case letters'],
    ['constructor', '"constructor" is reserved'],
    ['a.prototype', '"prototype" is reserved'],
    ['Billing', 'must be lower-case letters'],
    ['a\u0000', 'must be lower-case letters'],
  ])(
    'refuses the category code %j, which would reach a prototype or is not written as in the packs',
    (code, message) => {
      const problems = validateTaxonomy({
        ...valid,
        categories: [...valid.categories, { code, name: { zh: '丁', en: 'D' }, keywords: [] }],
      });
      expect(problems).toEqual([{ path: 'categories[3].code', message: expect.stringContaining(message) }]);
    },
  );

  it('requires a top-level other category, a known pack and a version', () => {
    const paths = validateTaxonomy({ version: 0, pack: 'x', categories: [] }).map((p) => p.path);
    expect(paths).toEqual(['version', 'pack', 'categories']);
    expect(validateTaxonomy(null)).toEqual([{ path: '', message: 'a taxonomy must be an object' }]);
  });
});
