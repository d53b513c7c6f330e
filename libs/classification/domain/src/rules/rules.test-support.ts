// Fixtures shared by the rules' specs.
import { type RuleSet } from '@kesu/classification-contracts';
import type { ClassificationInput } from '../classification';

/** A complaint as the rules read it, with the given fields. */
export const input = (over: Partial<ClassificationInput> = {}): ClassificationInput => ({
  complaintId: 'c-1',
  tenantId: 't-1',
  branchId: 'b-1',
  channel: 'hotline',
  subject: { type: 'service' },
  description: '',
  complainantCount: 1,
  receivedAt: '2024-05-01T08:00:00.000Z',
  ...over,
});

/** A small rule set exercising every kind of condition and effect. */
export const rules: RuleSet = {
  version: 7,
  rules: [
    {
      id: 'r.media',
      description: { zh: '媒体', en: 'media' },
      when: { anyTerm: ['曝光', 'journalist*'] },
      then: { minSeverity: 'general', signals: ['media_exposure'] },
    },
    {
      id: 'r.injury',
      description: { zh: '受伤', en: 'injury' },
      when: { anyTerm: ['受伤', 'injured'] },
      then: { minSeverity: 'major', signals: ['injury_or_safety'] },
    },
    {
      id: 'r.low',
      description: { zh: '低', en: 'low' },
      when: { anyTerm: ['受伤'] },
      then: { minSeverity: 'minor' },
    },
    {
      id: 'r.many',
      description: { zh: '多人', en: 'many' },
      when: { complainantCountAtLeast: 5 },
      then: { scope: 'collective' },
    },
    {
      id: 'r.combo',
      description: { zh: '组合', en: 'combo' },
      when: { all: [{ channelIn: ['media'] }, { any: [{ emotionIn: ['angry'] }, { isRepeat: true }] }] },
      then: { minSeverity: 'critical' },
    },
    {
      id: 'r.ask',
      description: { zh: '咨询', en: 'ask' },
      when: { anyTerm: ['请问'] },
      then: { nature: 'inquiry' },
    },
    {
      id: 'r.real',
      description: { zh: '投诉', en: 'complaint' },
      when: { anyTerm: ['投诉'] },
      then: { nature: 'effective' },
    },
  ],
};
