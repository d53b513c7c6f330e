import { type AcknowledgementFacts, acknowledgementMessage } from './acknowledgement';
import { outcomeWithinScope } from './register-complaint';

const earlier = { complaintId: '0193a5f0-0000-7000-8000-0000000000e1', reference: 'KS-20261120-000007' };

const zh: AcknowledgementFacts = {
  language: 'zh',
  reference: 'KS-20261123-000001',
  respondBy: '2026-11-24T02:00:00.000Z',
  timeZone: 'Asia/Shanghai',
  contact: '客服热线 400-800-1234',
  outcome: { status: 'received' },
};
const en: AcknowledgementFacts = {
  ...zh,
  language: 'en',
  timeZone: 'America/New_York',
  contact: 'customer care line 400-800-1234',
};

describe('acknowledgement message', () => {
  describe('in Chinese', () => {
    it('gives the reference, the next step, the local deadline and the contact', () => {
      const text = acknowledgementMessage(zh);
      expect(text).toContain('编号 KS-20261123-000001');
      expect(text).toContain('我们将核实情况');
      expect(text).toContain('2026年11月24日 10:00');
      expect(text).toContain('客服热线 400-800-1234');
    });

    it('tells what was done on the spot and when we call back', () => {
      const text = acknowledgementMessage({
        ...zh,
        outcome: { status: 'resolved_on_the_spot', remedy: '当面致歉并退还多收的 20 元。' },
      });
      expect(text).toContain('已当场处理：当面致歉并退还多收的 20 元。我们将');
      expect(text).toContain('2026年11月24日 10:00 前回访');
      expect(text).toContain('客服热线 400-800-1234');
    });

    it('gives the reason of an automatic rejection and how to appeal', () => {
      const explanation = '您反映的“物业费”不在我们的受理范围内，依规定不予受理。';
      const text = acknowledgementMessage({ ...zh, outcome: { status: 'rejected', explanation } });
      expect(text).toContain(explanation);
      expect(text).toContain('提出申诉');
      expect(text).toContain('KS-20261123-000001');
      expect(text).toContain('客服热线 400-800-1234');
    });

    it('names the complaint a duplicate is already handled under', () => {
      const text = acknowledgementMessage({ ...zh, outcome: { status: 'merged', duplicateOf: earlier } });
      expect(text).toContain('已在编号 KS-20261120-000007 下处理中');
      expect(text).toContain('KS-20261123-000001');
      expect(text).toContain('2026年11月24日 10:00');
      expect(text).toContain('客服热线 400-800-1234');
    });

    it('tells a repeat complainant that the earlier complaint is known', () => {
      const text = acknowledgementMessage({ ...zh, outcome: { status: 'received', repeatOf: earlier } });
      expect(text).toContain('KS-20261120-000007');
      expect(text).toContain('重复投诉');
      expect(text).toContain('2026年11月24日 10:00');
    });
  });

  describe('in English', () => {
    it('gives the reference, the next step, the local deadline and the contact', () => {
      const text = acknowledgementMessage(en);
      expect(text).toContain('registered as KS-20261123-000001');
      expect(text).toContain('23 November 2026, 21:00');
      expect(text).toContain('customer care line 400-800-1234');
    });

    it('tells what was done on the spot and when we call back', () => {
      const text = acknowledgementMessage({
        ...en,
        outcome: { status: 'resolved_on_the_spot', remedy: 'Refunded the duplicate charge.' },
      });
      expect(text).toContain('resolved on the spot: Refunded the duplicate charge. We will');
      expect(text).toContain('call you back by 23 November 2026, 21:00');
    });

    it('gives the reason of an automatic rejection and how to appeal', () => {
      const explanation = 'We cannot take up this complaint because it concerns "property tax".';
      const text = acknowledgementMessage({ ...en, outcome: { status: 'rejected', explanation } });
      expect(text).toContain(explanation);
      expect(text).toContain('appeal through our customer care line 400-800-1234');
    });

    it('names the complaint a duplicate is already handled under', () => {
      const text = acknowledgementMessage({ ...en, outcome: { status: 'merged', duplicateOf: earlier } });
      expect(text).toContain('already being handled under reference KS-20261120-000007');
      expect(text).toContain('23 November 2026, 21:00');
    });

    it('tells a repeat complainant that the earlier complaint is known', () => {
      const text = acknowledgementMessage({ ...en, outcome: { status: 'received', repeatOf: earlier } });
      expect(text).toContain('(KS-20261120-000007) was closed');
      expect(text).toContain('repeat complaint');
    });
  });
});

describe('an earlier complaint outside the caller’s scope', () => {
  const chengdu = { unitId: 'west-1', name: { zh: '成都分公司', en: 'Chengdu Branch' } };
  const outside = new Map([[earlier.complaintId, chengdu]]);

  it('is named only by the unit handling it: no id, no reference, no status', () => {
    const merged = outcomeWithinScope({ status: 'merged', duplicateOf: earlier }, outside);
    expect(merged).toEqual({ status: 'merged', duplicateElsewhere: chengdu });
    const repeat = outcomeWithinScope({ status: 'received', repeatOf: earlier }, outside);
    expect(repeat).toEqual({ status: 'received', repeatElsewhere: chengdu });
    const within = outcomeWithinScope({ status: 'merged', duplicateOf: earlier }, new Map());
    expect(within).toEqual({ status: 'merged', duplicateOf: earlier });
  });

  it.each([
    ['zh', { status: 'merged', duplicateElsewhere: chengdu }, '正在成都分公司处理中'],
    ['en', { status: 'merged', duplicateElsewhere: chengdu }, 'in progress with our Chengdu Branch'],
    ['zh', { status: 'received', repeatElsewhere: chengdu }, '此前曾就同一问题向成都分公司投诉'],
    ['en', { status: 'received', repeatElsewhere: chengdu }, 'to our Chengdu Branch before'],
  ] as const)(
    'refers the customer there, in %s, quoting only the new reference',
    (language, outcome, says) => {
      const facts = language === 'zh' ? zh : en;
      const text = acknowledgementMessage({ ...facts, outcome });
      expect(text).toContain(says);
      expect(text).toContain('KS-20261123-000001');
      expect(text).not.toContain(earlier.reference);
      expect(text).not.toMatch(/已办结|closed/);
    },
  );
});
