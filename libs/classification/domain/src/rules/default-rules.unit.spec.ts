import type { ClassificationInput } from '../classification';
import { DEFAULT_RULE_SET } from './default-rules';
import { applyRules } from './evaluation';
import { validateRuleSet } from './validation';

const input = (description: string, over: Partial<ClassificationInput> = {}): ClassificationInput => ({
  complaintId: 'c-1',
  tenantId: 't-1',
  branchId: 'b-1',
  channel: 'hotline',
  subject: { type: 'service' },
  description,
  complainantCount: 1,
  receivedAt: '2024-05-01T08:00:00.000Z',
  ...over,
});

const apply = (description: string, over: Partial<ClassificationInput> = {}) =>
  applyRules(input(description, over), DEFAULT_RULE_SET);
const firedIds = (description: string, over: Partial<ClassificationInput> = {}) =>
  apply(description, over).fired.map((f) => f.id);

describe('DEFAULT_RULE_SET', () => {
  describe('negated injury and legal wording', () => {
    const signals = (text: string) => apply(text).signals;

    it.each(['没有受伤', '未受伤', '没人受伤', 'not injured', 'no one was hurt'])(
      '%s: no injury signal',
      (text) => {
        expect(signals(text)).not.toContain('injury_or_safety');
        expect(firedIds(text)).not.toContain('text.injury_or_safety');
      },
    );

    it.each(['不是要起诉', 'I am not going to sue'])('%s: no legal signal', (text) => {
      expect(signals(text)).not.toContain('legal_action');
    });

    it.each(['受伤了', '孩子被烫伤', 'I was injured', 'Nobody helped and I got hurt'])(
      '%s: the injury signal',
      (text) => {
        expect(signals(text)).toContain('injury_or_safety');
      },
    );

    it('still signals legal action for "we will sue" and 要起诉', () => {
      expect(signals('we will sue')).toContain('legal_action');
      expect(signals('协商未果，我们要起诉')).toContain('legal_action');
    });

    it('keeps a real injury next to a denied threat: major, injury, no legal action', () => {
      const r = apply('孩子被烫伤了，我们不是要起诉，只要赔偿');
      expect(r.signals).toEqual(['injury_or_safety']);
      expect(r.severity).toBe('major');
    });
  });

  it('is a valid version-1 rule set', () => {
    expect(DEFAULT_RULE_SET.version).toBe(1);
    expect(validateRuleSet(DEFAULT_RULE_SET)).toEqual([]);
  });

  describe('seed 003: ~20 residents protest smart meters and threaten to petition', () => {
    const text = '新装智能电表计量不准，二十多位居民到营业厅抗议，说不解决就去信访';

    it('is collective, critical, with the government-petition signal', () => {
      const r = apply(text, { complainantCount: 20, emotion: 'angry' });
      expect(r.scope).toBe('collective');
      expect(r.severity).toBe('critical');
      expect(r.nature).toBe('effective');
      expect(r.signals).toEqual(['government_petition']);
      expect(r.fired).toEqual(
        expect.arrayContaining([
          { id: 'text.government', matched: ['信访'] },
          { id: 'intake.many_complainants', matched: ['complainantCount:20'] },
        ]),
      );
    });

    it('is collective and major from the count alone, without a threat', () => {
      const r = apply('新装智能电表计量不准，电费比以前高很多', { complainantCount: 20 });
      expect(r).toMatchObject({ scope: 'collective', severity: 'major', signals: [] });
    });

    it('is collective from the tenant’s collective threshold, whatever it is', () => {
      const meter = input('新装智能电表计量不准，电费比以前高很多', { complainantCount: 3 });
      expect(applyRules(meter, DEFAULT_RULE_SET).scope).toBe('individual');
      expect(applyRules(meter, DEFAULT_RULE_SET, { collectiveThreshold: 3 })).toMatchObject({
        scope: 'collective',
        severity: 'major',
      });
      const twenty = input('新装智能电表计量不准', { complainantCount: 20 });
      expect(applyRules(twenty, DEFAULT_RULE_SET, { collectiveThreshold: 30 }).scope).toBe('individual');
    });

    it('is collective from the wording even when intake recorded one complainant', () => {
      expect(apply('小区居民们联名反映新电表走得快').scope).toBe('collective');
    });

    it('in English', () => {
      const r = apply(
        'About twenty residents protested at the service hall: the new smart meters over-count. A group of neighbours say they will complain to the regulator.',
        { complainantCount: 20 },
      );
      expect(r).toMatchObject({
        scope: 'collective',
        severity: 'critical',
        signals: ['government_petition'],
      });
    });
  });

  describe('a rude phone agent', () => {
    it('stays minor and individual when calm', () => {
      const r = apply('客服电话里态度恶劣，挂我电话');
      expect(r).toMatchObject({ severity: 'minor', scope: 'individual', nature: 'effective', signals: [] });
    });

    it('becomes general when the customer is angry', () => {
      expect(apply('客服电话里态度恶劣，挂我电话', { emotion: 'angry' }).severity).toBe('general');
      expect(apply('The agent on the phone was rude and hung up on me', { emotion: 'angry' }).severity).toBe(
        'general',
      );
    });

    it('English, calm: minor', () => {
      expect(apply('The agent on the phone was rude and hung up on me').severity).toBe('minor');
    });
  });

  it.each(['gov_hotline_12345', 'gov_12315'])(
    'a %s transfer is never minor and signals petition',
    (channel) => {
      const r = apply('请问怎么办理过户', { channel });
      expect(r.severity).toBe('general');
      expect(r.signals).toContain('government_petition');
      expect(r.nature).toBe('effective');
    },
  );

  it('a media exposure channel is never minor', () => {
    expect(apply('小区门口垃圾堆积', { channel: 'media' })).toMatchObject({
      severity: 'general',
      signals: ['media_exposure'],
    });
  });

  it.each([
    ['我要找记者曝光你们', 'media_exposure'],
    ['I will go to the press about this', 'media_exposure'],
    ['再不解决我就打12345市长热线', 'government_petition'],
    ['I filed a complaint with the CFPB', 'government_petition'],
    ['我已经请了律师，准备起诉', 'legal_action'],
    ['My lawyer will sue you in court', 'legal_action'],
    ['家里老人行动不便', 'vulnerable_person'],
    ['my elderly mother is disabled', 'vulnerable_person'],
    ['我是人大代表', 'vip_or_authority'],
    ['这是我第三次投诉了，一直没解决', 'repeat_complaint'],
    ['this is the third time I complained', 'repeat_complaint'],
  ])('%s → general with signal %s', (text, signal) => {
    const r = apply(text);
    expect(r.signals).toContain(signal);
    expect(r.severity).toBe('general');
  });

  it('does not match English terms inside other words', () => {
    expect(apply('There is an issue with my courtesy call').signals).toEqual([]);
  });

  it('injury or safety is major; with a legal or media threat, or a vulnerable person, critical', () => {
    expect(apply('热水器漏电，我被触电了')).toMatchObject({
      severity: 'major',
      signals: ['injury_or_safety'],
    });
    expect(apply('The heater caught fire and my hand was burned').severity).toBe('major');
    expect(apply('热水器漏电，我被触电了，我要起诉').severity).toBe('critical');
    expect(apply('小孩在商场摔伤了').severity).toBe('critical');
    expect(apply('I was injured and I will go to the press').severity).toBe('critical');
  });

  it('intake repeat flag → repeat signal and at least general', () => {
    const r = apply('空调还是不制冷', { repeatOf: 'c-0' });
    expect(r).toMatchObject({ severity: 'general', signals: ['repeat_complaint'] });
    expect(r.fired).toContainEqual({ id: 'intake.repeat', matched: ['repeatOf:c-0'] });
  });

  it.each([
    ['请问宽带怎么办理', 'inquiry'],
    ['How do I change my billing address?', 'inquiry'],
    ['家里停电了，麻烦帮忙看看怎么办', 'help_seeking'],
    ['Please help me get my power back', 'help_seeking'],
    ['就是想说你们这服务太气人了', 'venting'],
    ['I just want to say I am fed up with the queues', 'venting'],
  ])('%s → nature %s', (text, nature) => {
    expect(apply(text).nature).toBe(nature);
  });

  it('an effective complaint term keeps the nature effective', () => {
    expect(apply('请问多收的电费什么时候退款').nature).toBe('effective');
    expect(apply('How do I get a refund for the overcharge?').nature).toBe('effective');
  });

  it('fires nothing for a plain complaint', () => {
    expect(firedIds('门口的路灯坏了')).toEqual([]);
  });
});
