import { TextClassifier } from '@kesu/classification-text-model';
import { compactModel, expandModel, splitText } from './model-storage';

/* A model stored compactly (float32 base64) and in parts predicts as the model it was. */

const pools: Record<string, string> = {
  service_attitude: '态度恶劣骂人呵斥冷漠无礼爱理不理',
  fees_price: '收费扣费多收价格乱收费退款账单',
  service_efficiency: '排队等待太慢拖延效率低办事久',
  delivery: '快递包裹派送物流配送丢件延误',
};
let seed = 11;
const pick = (pool: string) => pool[(seed = (seed * 48271) % 2147483647) % pool.length]!;
const examples = Array.from({ length: 1200 }, (_, i) => {
  const [label, pool] = Object.entries(pools)[i % 4]!;
  return { text: Array.from({ length: 24 }, () => pick(pool)).join('') + `第${i}号`, label };
});
const probes = Array.from({ length: 200 }, (_, i) =>
  Array.from({ length: 12 }, () => pick(Object.values(pools)[i % 4]!)).join(''),
);

describe('compact model storage', () => {
  const classifier = TextClassifier.train(examples);
  const model = classifier.toJSON();

  it('round-trips to a model that predicts the same labels with the same confidences (to float32)', () => {
    const stored = JSON.stringify(compactModel(model));
    const loaded = TextClassifier.fromJSON(expandModel(JSON.parse(stored)));
    for (const text of probes) {
      const [before, after] = [classifier.predict(text), loaded.predict(text)];
      expect(after.label).toBe(before.label);
      expect(after.confidence).toBeCloseTo(before.confidence, 5);
    }
  });

  it('is much smaller than the model JSON', () => {
    const [plain, compact] = [JSON.stringify(model), JSON.stringify(compactModel(model))];
    expect(compact.length).toBeLessThan(plain.length / 2);
  });

  it('refuses weights that do not fit the labels and terms', () => {
    const compact = compactModel(model);
    expect(() => expandModel({ ...compact, labels: [...compact.labels, 'extra'] })).toThrow(/stored weights/);
  });
});

describe('splitText', () => {
  it('cuts into parts of at most the given length that join back, never inside a surrogate pair', () => {
    const text = `ab${'𠀋'.repeat(5)}cd`;
    for (const max of [1, 2, 3, 4, 100]) {
      const parts = splitText(text, max);
      expect(parts.join('')).toBe(text);
      for (const part of parts) {
        expect(part.length).toBeLessThanOrEqual(Math.max(max, 2));
        expect(encodeURIComponent(part)).toBeTruthy(); // throws on a lone surrogate
      }
    }
    expect(splitText('')).toEqual(['']);
  });
});
