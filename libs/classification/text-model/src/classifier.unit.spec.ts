import { bestTemperature } from './calibration';
import { applyCorrections, TextClassifier, trainClassifier } from './classifier';
import {
  DEFAULT_C_BY_SCRIPT,
  hanShare,
  NAIVE_BAYES_OPTIONS,
  resolveClassifierOptions,
} from './classifier-options';
import type { LabeledText } from './labeled-text';

/** Synthetic complaints, Chinese and English, in three categories. */
const FIXTURES: Record<string, string[]> = {
  billing: [
    '客户反映本月话费多扣了50元，要求退还多收的费用',
    '******客户投诉，流量套餐扣费不对，账单金额比平时高很多',
    '用户称没有使用却被扣费30元，要求查明扣费原因并退费',
    '客户质疑月租费重复收取，要求核实账单并返还费用',
    '客户反映缴费100元未到账，要求尽快处理充值问题',
    '电费账单翻倍，用户认为计费有误，要求重新核算费用',
    '客户投诉国际漫游费用过高，对收费标准不认可',
    '宽带包年费用已缴纳但仍被扣月租，要求退费',
    'I was charged twice for the same bill, please refund the extra fee',
    'My invoice shows a fee of {$45.00} that I never agreed to',
    'The monthly charge went up without notice and I want a refund',
    'Billing error: overcharged on my account XXXX, refund requested',
  ],
  network: [
    '客户反映家中手机信号很差，经常无法接通电话',
    '用户投诉4G网络上网速度慢，网页打不开',
    '客户所在小区没有信号，通话经常中断掉线',
    '宽带频繁断网，晚上基本无法上网，要求派人维修',
    '客户称WLAN无法连接，提示网络异常',
    '用户反映在地铁站内手机没有网络覆盖',
    '客户家里光纤故障，网络一直不通，要求尽快抢修',
    '信号满格但是无法上网，客户要求查明网络问题',
    'No signal at my home, calls keep dropping every few minutes',
    'The internet connection is down again and speed is very slow',
    'Mobile data does not work in my area, the network coverage is poor',
    'Broadband outage for three days, router shows no connection',
  ],
  service: [
    '客户投诉营业厅工作人员态度恶劣，对客户大声呵斥',
    '客服人员电话中态度很差，不耐烦并挂断客户电话',
    '用户反映营业员服务态度冷漠，不愿解释业务',
    '客户投诉热线客服推诿，多次来电无人回复处理',
    '客户称安装师傅态度粗鲁，上门服务时辱骂客户',
    '营业厅排队两小时无人处理，工作人员在聊天玩手机',
    '客户不满客服承诺回电却一直没有回复',
    '客户反映工作人员说话难听，要求道歉',
    'The agent on the phone was rude and hung up on me',
    'Staff at the store ignored me and were very unprofessional',
    'Customer service never called back as promised, terrible attitude',
    'The technician was disrespectful and shouted at my family',
  ],
};

const EXAMPLES: LabeledText[] = Object.entries(FIXTURES).flatMap(([label, texts]) =>
  texts.map((text) => ({ text, label })),
);

const HELD_OUT: LabeledText[] = [
  { text: '客户反映话费被多扣，要求退还费用', label: 'billing' },
  { text: '小区手机信号差，电话打不通', label: 'network' },
  { text: '营业厅工作人员态度差，客户要求道歉', label: 'service' },
  { text: 'I want a refund of the extra charge on my bill', label: 'billing' },
  { text: 'The network is down and there is no signal', label: 'network' },
  { text: 'The staff were rude and unprofessional', label: 'service' },
  { text: '上网速度慢 and the connection drops', label: 'network' },
];

describe('TextClassifier', () => {
  const classifier = trainClassifier(EXAMPLES);

  it('classifies unseen Chinese, English and mixed texts', () => {
    for (const { text, label } of HELD_OUT)
      expect([text, classifier.predict(text).label]).toEqual([text, label]);
  });

  it('ranks every label with confidences that sum to 1, the best first', () => {
    const prediction = classifier.predict('客户反映话费被多扣');
    expect(prediction.ranking.map((r) => r.label).sort()).toEqual(['billing', 'network', 'service']);
    expect(prediction.ranking.reduce((sum, r) => sum + r.confidence, 0)).toBeCloseTo(1, 10);
    expect(prediction.ranking[0]).toEqual({ label: prediction.label, confidence: prediction.confidence });
    const confidences = prediction.ranking.map((r) => r.confidence);
    expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
  });

  it('is less confident about a text unlike any it learned from', () => {
    const clear = classifier.predict('I was charged twice, please refund the fee').confidence;
    const unclear = classifier.predict('今天天气不错').confidence;
    expect(clear).toBeGreaterThan(0.6);
    expect(unclear).toBeLessThan(clear);
    expect(classifier.temperature).toBeGreaterThan(0);
  });

  it('round-trips through JSON with the same predictions', () => {
    const json = JSON.parse(JSON.stringify(classifier.toJSON()));
    const restored = TextClassifier.fromJSON(json);
    for (const { text } of [...HELD_OUT, { text: '无关的文本', label: '' }]) {
      expect(restored.predict(text)).toEqual(classifier.predict(text));
    }
    expect(restored.toJSON()).toEqual(classifier.toJSON());
    expect(json).toMatchObject({ format: 'kesu.text-classifier', version: 1, trainedOn: EXAMPLES.length });
  });

  it('refuses a JSON document that is not a model of a known version', () => {
    const json = { ...classifier.toJSON(), version: 2 } as unknown as ReturnType<TextClassifier['toJSON']>;
    expect(() => TextClassifier.fromJSON(json)).toThrow('not a text classifier model of a known version');
  });

  it('is deterministic: the same examples and seed give the same model', () => {
    expect(JSON.stringify(trainClassifier(EXAMPLES).toJSON())).toBe(JSON.stringify(classifier.toJSON()));
    const reseeded = trainClassifier(EXAMPLES, { seed: 99 }).toJSON();
    expect(JSON.stringify(reseeded.weights)).not.toBe(JSON.stringify(classifier.toJSON().weights));
  });

  it('needs at least two labels', () => {
    expect(() => trainClassifier([{ text: 'a', label: 'x' }])).toThrow(
      'training needs at least 2 labels, got 1',
    );
  });

  it.each([
    ['naive Bayes', NAIVE_BAYES_OPTIONS],
    ['softmax regression', { algorithm: 'softmax' as const, calibrationFolds: 0 }],
  ])('trains the %s alternative on the same features', (_name, options) => {
    const other = trainClassifier(EXAMPLES, options);
    const correct = HELD_OUT.filter(({ text, label }) => other.predict(text).label === label).length;
    expect(correct).toBeGreaterThanOrEqual(HELD_OUT.length - 1);
    expect(other.temperature).toBe(1);
  });
});

describe('learning from a correction', () => {
  // A complaint about a fee charged for a technician's visit: the model calls it network trouble,
  // the handler reclassifies it as billing.
  const complaint = '客户反映宽带维修上网后收取上门费，宽带故障已修好';
  const nearlyTheSame = '客户反映宽带维修上网后收取上门费，宽带故障已经修好';

  it('changes the next prediction for near-identical text after retraining', () => {
    const before = trainClassifier(EXAMPLES);
    expect(before.predict(complaint).label).toBe('network');
    expect(before.predict(nearlyTheSame).label).toBe('network');

    const after = trainClassifier(applyCorrections(EXAMPLES, [{ text: complaint, label: 'billing' }]));
    expect(after.predict(nearlyTheSame).label).toBe('billing');
    // What it knew before still holds.
    for (const { text, label } of HELD_OUT) expect(after.predict(text).label).toBe(label);
  });

  it('replaces an example of the same text with the corrected label rather than keeping both', () => {
    const examples = [...EXAMPLES, { text: complaint, label: 'network' }];
    const corrected = applyCorrections(examples, [{ text: ` ${complaint} `, label: 'billing' }]);
    expect(corrected).toHaveLength(examples.length);
    expect(corrected.filter((e) => e.text.trim() === complaint)).toEqual([
      { text: ` ${complaint} `, label: 'billing' },
    ]);
  });
});

describe('bestTemperature', () => {
  it('softens overconfident scores and sharpens timid ones', () => {
    // Scores say class 0 by a wide margin, but it is right only 3 times in 5.
    const overconfident = [0, 0, 0, 1, 1].map((label) => ({ scores: [10, 0], label }));
    expect(bestTemperature(overconfident)).toBeGreaterThan(5);
    // Scores lean the right way by a hair every time.
    const timid = [0, 1, 0, 1].map((label) => ({ scores: label === 0 ? [0.1, 0] : [0, 0.1], label }));
    expect(bestTemperature(timid)).toBeLessThan(0.05);
  });
});

describe('resolveClassifierOptions', () => {
  it('takes C by the training texts’ script unless it is given', () => {
    const zh = [{ text: '客户反映话费多扣', label: 'a' }];
    const en = [{ text: 'I was charged twice', label: 'a' }];
    expect(hanShare(zh.map((e) => e.text))).toBe(1);
    expect(resolveClassifierOptions(zh).c).toBe(DEFAULT_C_BY_SCRIPT.han);
    expect(resolveClassifierOptions(en).c).toBe(DEFAULT_C_BY_SCRIPT.other);
    expect(resolveClassifierOptions(zh, { c: 2 }).c).toBe(2);
  });
});
