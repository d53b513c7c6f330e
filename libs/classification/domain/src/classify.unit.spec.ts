import type { ClassificationInput } from './classification';
import { classificationText, classifyComplaint } from './classify';
import { DEFAULT_RULE_SET } from './rules/default-rules';
import { taxonomyPack } from './taxonomy/taxonomy-packs';

const input = (description: string, over: Partial<ClassificationInput> = {}): ClassificationInput => ({
  complaintId: 'c-1',
  tenantId: 't-1',
  branchId: 'b-1',
  channel: 'walk_in',
  subject: { type: 'service' },
  description,
  complainantCount: 1,
  receivedAt: '2024-05-01T08:00:00.000Z',
  ...over,
});

const general = taxonomyPack('general');
const utilities = { ...taxonomyPack('utilities'), version: 3 };

describe('classifyComplaint', () => {
  it('smart-meter protest by ~20 residents: collective, critical, petition, metering department', () => {
    const { outcome, decision } = classifyComplaint(
      input('新装智能电表计量不准，二十多位居民到营业厅抗议，说不解决就去信访', { complainantCount: 20 }),
      { taxonomy: utilities, rules: DEFAULT_RULE_SET },
    );
    expect(outcome).toMatchObject({
      scope: 'collective',
      severity: 'critical',
      signals: ['government_petition'],
      departmentId: 'metering',
    });
    expect(outcome.category).toMatch(/^metering/);
    expect(decision).toMatchObject({
      model: { id: 'keywords', version: 3 },
      taxonomyVersion: 3,
      ruleSetVersion: 1,
    });
    expect(decision.rules.map((r) => r.id)).toEqual(
      expect.arrayContaining(['text.government', 'intake.many_complainants', 'category.keywords']),
    );
    expect(decision.ranking[0]).toEqual({ category: outcome.category, confidence: outcome.confidence });
  });

  it('rude phone agent: service attitude, minor, customer service', () => {
    const { outcome } = classifyComplaint(input('客服电话里态度恶劣，挂我电话', { channel: 'hotline' }), {
      taxonomy: general,
      rules: DEFAULT_RULE_SET,
    });
    expect(outcome).toMatchObject({
      category: 'service_attitude.rude_staff',
      severity: 'minor',
      scope: 'individual',
      nature: 'effective',
      needsHumanReview: false,
      departmentId: 'customer_service',
    });
  });

  it('rude phone agent in English, angry: service attitude, general', () => {
    const { outcome } = classifyComplaint(
      input('The agent on the phone was rude and hung up on me', { emotion: 'angry' }),
      { taxonomy: general, rules: DEFAULT_RULE_SET },
    );
    expect(outcome.category.startsWith('service_attitude')).toBe(true);
    expect(outcome.severity).toBe('general');
  });

  it('a 12345 transfer is never minor', () => {
    const { outcome, decision } = classifyComplaint(input('门口路灯不亮', { channel: 'gov_hotline_12345' }), {
      taxonomy: general,
      rules: DEFAULT_RULE_SET,
    });
    expect(outcome.severity).not.toBe('minor');
    expect(outcome.signals).toContain('government_petition');
    expect(decision.rules).toContainEqual({
      id: 'channel.government',
      matched: ['channel:gov_hotline_12345'],
    });
  });

  it('uses a trained model when given, and its department via the parent', () => {
    const { outcome, decision } = classifyComplaint(input('whatever'), {
      taxonomy: general,
      rules: DEFAULT_RULE_SET,
      model: { id: 'tenant-model', version: 4 },
      proposeCategory: () => ({
        ranking: [
          { category: 'fees_price', confidence: 0.2 },
          { category: 'hygiene.pests', confidence: 0.7 },
        ],
      }),
    });
    expect(outcome).toMatchObject({
      category: 'hygiene.pests',
      confidence: 0.7,
      needsHumanReview: false,
      departmentId: 'sanitation',
    });
    expect(decision.model).toEqual({ id: 'tenant-model', version: 4 });
    expect(decision.ranking.map((r) => r.category)).toEqual(['hygiene.pests', 'fees_price']);
    expect(decision.rules.some((r) => r.id === 'category.keywords')).toBe(false);
  });

  it('flags low confidence and unknown categories for human review', () => {
    const low = classifyComplaint(input('x'), {
      taxonomy: general,
      rules: DEFAULT_RULE_SET,
      proposeCategory: () => ({ ranking: [{ category: 'hygiene', confidence: 0.69 }] }),
      confidenceThreshold: 0.7,
    });
    expect(low.outcome.needsHumanReview).toBe(true);
    const unknown = classifyComplaint(input('x'), {
      taxonomy: general,
      rules: DEFAULT_RULE_SET,
      proposeCategory: () => ({ ranking: [{ category: '网络问题', confidence: 0.99 }] }),
    });
    expect(unknown.outcome).toMatchObject({ category: '网络问题', needsHumanReview: true });
    expect(unknown.outcome.departmentId).toBeUndefined();
  });

  it('falls back to other for review when no keyword matches', () => {
    const { outcome } = classifyComplaint(input('今天想反映一件事'), {
      taxonomy: general,
      rules: DEFAULT_RULE_SET,
    });
    expect(outcome).toMatchObject({ category: 'other', confidence: 0, needsHumanReview: true });
  });

  it('proposes from the subject name and the description', () => {
    expect(classificationText({ subject: { type: 'staff', name: '前台' }, description: '态度差' })).toBe(
      '前台\n态度差',
    );
    expect(classificationText({ subject: { type: 'staff' }, description: '态度差' })).toBe('态度差');
  });
});
