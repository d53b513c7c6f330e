import { nearDuplicateGroups, summariseGroups, templateUnits } from './near-duplicates';
import { seededRandom } from './random';

describe('templateUnits', () => {
  it('keeps Han characters and words, one # for every number, no punctuation', () => {
    expect(templateUnits('客户138****1234于10月12日来电，订单600000151384').join('')).toBe(
      '客户#于#月#日来电订单#',
    );
    expect(templateUnits('Called XXXX on XX/XX/2019 about {$45.00}, twice')).toEqual([
      'called',
      '#',
      'on',
      '#',
      'about',
      '#',
      'twice',
    ]);
  });
});

describe('nearDuplicateGroups', () => {
  const template = (place: string, since: string) =>
    `客户于（时间）反映${place}无信号或信号较弱，已持续${since}，周围客户情况一样，客户是同意联系进行测试。`;

  it('puts one template filled in with other numbers, dates and a word more or less in one group', () => {
    const groups = nearDuplicateGroups([
      '客户反映手机从2017年3月7日开始短信不好用，经营业员操作记录查询为垃圾信息灰名单审核，请后台帮助处理。',
      '客户反映本月话费多扣了50元，要求退还多收的费用',
      '客户反映手机从3月5日开始短信不好用，经营业员操作记录查询为垃圾信息灰名单审核，请后台帮助处理。',
      '客户反映本月话费多扣了30元，要求退还多收的费用',
      '用户投诉4G网络上网速度慢，网页打不开',
      '客户反映本月话费多扣了30元，要求尽快退还多收的费用并道歉',
    ]);
    expect(groups).toEqual([0, 1, 0, 1, 2, 3]);
  });

  it('tells apart fillings of one template whose own parts differ too much (places of a signal complaint)', () => {
    expect(
      nearDuplicateGroups([template('苏州市相城大道2888号', '很久'), template('无锡市丁家路路口', '一个月')]),
    ).toEqual([0, 1]);
  });

  it('joins near-duplicates of near-duplicates (union-find), and numbers groups by their first text', () => {
    const a = 'the card was charged twice for one order and the refund never came back to my account';
    const b = 'the card was charged twice for one order and the refund never came back to my bank account';
    const c =
      'the card was charged twice for one order and the refund never came back to my bank account at all';
    expect(
      nearDuplicateGroups(['another matter entirely', a, c, b], { similarity: 0.75, shingle: 4 }),
    ).toEqual([0, 1, 1, 1]);
  });

  it('groups identical masked texts, short and empty ones included', () => {
    expect(nearDuplicateGroups(['XXXX', '1234', '', '!!', 'ok'])).toEqual([0, 0, 1, 1, 2]);
  });

  it('summarises the groups', () => {
    expect(summariseGroups([0, 1, 0, 2, 0, 1])).toEqual({
      texts: 6,
      groups: 3,
      merged: { groups: 2, texts: 5 },
      largest: 3,
    });
    expect(summariseGroups([])).toEqual({ texts: 0, groups: 0, merged: { groups: 0, texts: 0 }, largest: 0 });
  });

  it('stays fast on six thousand texts (a guard against comparing every pair)', () => {
    const random = seededRandom(7);
    const words = () => Array.from({ length: 80 }, () => `w${Math.floor(random() * 5000)}`).join(' ');
    const texts = Array.from({ length: 6000 }, (_, i) =>
      i % 3 === 0 ? template(`第${i}号楼`, `${i % 7}天`) : `complaint ${i}: ${words()}`,
    );
    const started = performance.now();
    const groups = nearDuplicateGroups(texts);
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(summariseGroups(groups)).toMatchObject({ groups: 4001, merged: { groups: 1, texts: 2000 } });
  });
});
