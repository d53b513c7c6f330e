import type { SlaPack } from '@kesu/sla-contracts';

const days = (amount: number) => ({ amount, unit: 'days' as const });
const hours = (amount: number) => ({ amount, unit: 'hours' as const });
const workingDays = (amount: number) => ({ amount, unit: 'working_days' as const });

/**
 * The seeds' own limits (domain.md "Time limits"): acknowledge within 24 h; minor resolved in 2 days,
 * major in 3, critical answered in 2 and resolved in 10; investigation 7 working days (15 with
 * approval); a re-review answered within 6 working days. `general` severity, which the seeds do not
 * name, is held to the major limit.
 */
export const SEEDS_DEFAULT_PACK: SlaPack = {
  id: 'seeds-default',
  name: 'Seeds default (企业投诉处理制度)',
  targets: [
    { milestone: 'acknowledge', within: hours(24) },
    { milestone: 'first_contact', within: workingDays(1) },
    { milestone: 'respond', within: days(2), severities: ['critical'] },
    { milestone: 'resolve', within: days(2), severities: ['minor'] },
    { milestone: 'resolve', within: days(3), severities: ['general', 'major'] },
    { milestone: 'resolve', within: days(10), severities: ['critical'] },
    { milestone: 'investigation', within: workingDays(7) },
    { milestone: 're_review_answer', within: workingDays(6) },
  ],
  warningThreshold: 0.8,
  escalation: { onWarning: 'department', onBreach: 'next' },
  extensions: [
    { milestone: 'investigation', maximum: workingDays(15), approvedBy: 'branch_manager' },
    { milestone: 'resolve', severities: ['minor'], maximum: days(10), approvedBy: 'supervisor' },
    {
      milestone: 'resolve',
      severities: ['general', 'major'],
      maximum: days(15),
      approvedBy: 'branch_manager',
    },
    { milestone: 'resolve', severities: ['critical'], maximum: days(30), approvedBy: 'director' },
  ],
  pausesFor: ['customer', 'external_appraisal'],
  source: 'seed 004 (property, training)',
};

/**
 * China's banking and insurance consumer complaints (银行业保险业消费投诉处理管理办法, 2020): a
 * decision within 15 days; a complex case up to 30, a further 30 with higher approval; the time of
 * an external appraisal does not count.
 */
export const CN_BANKING_INSURANCE_PACK: SlaPack = {
  id: 'cn-banking-insurance',
  name: '银行业保险业消费投诉',
  targets: [{ milestone: 'resolve', within: days(15) }],
  warningThreshold: 0.8,
  escalation: { onWarning: 'department', onBreach: 'next' },
  extensions: [
    { milestone: 'resolve', maximum: days(30), approvedBy: 'branch_manager' },
    { milestone: 'resolve', maximum: days(60), approvedBy: 'director' },
  ],
  pausesFor: ['external_appraisal'],
  source: 'NFRA/CBIRC Order 2020 No. 3, art. 21',
};

/** China's market regulation hotline 12315: accept or reject within 7 working days. */
export const CN_12315_PACK: SlaPack = {
  id: 'cn-12315',
  name: '12315 市场监管投诉',
  targets: [{ milestone: 'acknowledge', within: workingDays(7) }],
  warningThreshold: 0.8,
  escalation: { onWarning: 'department', onBreach: 'next' },
  extensions: [],
  pausesFor: [],
  source: 'SAMR complaint handling measures (2019), art. 16',
};

/**
 * UK FCA DISP 1.5/1.6: a summary resolution by the close of the third business day after receipt;
 * otherwise a final response by the end of 8 weeks.
 */
export const UK_FCA_DISP_PACK: SlaPack = {
  id: 'uk-fca-disp',
  name: 'UK FCA DISP',
  targets: [
    { milestone: 'respond', within: workingDays(3) },
    { milestone: 'resolve', within: { amount: 8, unit: 'weeks' } },
  ],
  warningThreshold: 0.8,
  escalation: { onWarning: 'department', onBreach: 'next' },
  extensions: [],
  pausesFor: [],
  source: 'FCA Handbook DISP 1.5, 1.6',
};

/** US CFPB: the company responds within 15 days and gives its final response within 60. */
export const US_CFPB_PACK: SlaPack = {
  id: 'us-cfpb',
  name: 'US CFPB',
  targets: [
    { milestone: 'respond', within: days(15) },
    { milestone: 'resolve', within: days(60) },
  ],
  warningThreshold: 0.8,
  escalation: { onWarning: 'department', onBreach: 'next' },
  extensions: [],
  pausesFor: [],
  source: 'CFPB company portal response timelines',
};

/** Every built-in pack by id. */
export const BUILT_IN_PACKS: Readonly<Record<string, SlaPack>> = Object.fromEntries(
  [SEEDS_DEFAULT_PACK, CN_BANKING_INSURANCE_PACK, CN_12315_PACK, UK_FCA_DISP_PACK, US_CFPB_PACK].map((p) => [
    p.id,
    p,
  ]),
);
