import type { RuleSet } from './classification';

/**
 * The built-in rule set (domain.md stage 3), explainable and versioned as data. Term lists are
 * exported so that tenants can start their own rules from them.
 *
 * Escalation, documented:
 * - baseline `minor` (rules/evaluation); angry emotion, a repeat, any escalation threat (media, government,
 *   legal, a vulnerable person, a VIP) → at least `general`; a 12345/12315 transfer or a media
 *   exposure channel → at least `general`, never minor;
 * - injury or safety, or a collective complaint (complainantCount ≥ 5 or collective wording) → `major`;
 * - `critical` when two escalations compound: injury/safety together with a legal, media or government
 *   threat, or with a vulnerable person; a collective complaint threatening petition, media or court
 *   (seed 003: ~20 residents threatening to petition the city → level-3 warning plan).
 * Communication-type natures (help-seeking, inquiry, venting) are set by their wording; the
 * `nature.effective` rule and every escalation rule set `effective`, which wins (NATURE_PRECEDENCE).
 */

export const MEDIA_TERMS: readonly string[] = [
  '媒体',
  '曝光',
  '报料',
  '爆料',
  '记者',
  '微博',
  '抖音',
  '快手',
  '小红书',
  '电视台',
  '报社',
  '上新闻',
  '发到网上',
  '网上曝光',
  'journalist*',
  'reporter*',
  'the press',
  'go to the media',
  'news station',
  'newspaper*',
  'tv station',
  'social media',
  'twitter',
  'tiktok',
  'go viral',
  'expose you',
];

export const GOVERNMENT_TERMS: readonly string[] = [
  '12345',
  '12315',
  '12358',
  '12398',
  '信访',
  '上访',
  '市长热线',
  '政府热线',
  '投诉到政府',
  '找政府',
  '政府部门',
  '市政府',
  '消协',
  '消费者协会',
  '市场监管',
  '工商局',
  '监管部门',
  '银保监',
  '金融监管',
  '通信管理局',
  '工信部',
  '卫健委',
  'regulator*',
  'regulatory',
  'cfpb',
  'ombudsman',
  'attorney general',
  'better business bureau',
  'bbb',
  'fcc',
  'ftc',
  'public utility commission',
  'government',
  'congressman',
  'my senator',
];

export const LEGAL_TERMS: readonly string[] = [
  '律师',
  '起诉',
  '法院',
  '仲裁',
  '诉讼',
  '打官司',
  '法律途径',
  '法律责任',
  '律师函',
  '报警',
  'lawyer*',
  'attorney',
  'attorneys',
  'sue',
  'suing',
  'lawsuit*',
  'court',
  'legal action',
  'small claims',
  'arbitration',
  'class action',
];

export const INJURY_SAFETY_TERMS: readonly string[] = [
  '受伤',
  '烫伤',
  '摔伤',
  '烧伤',
  '砸伤',
  '割伤',
  '骨折',
  '流血',
  '触电',
  '漏电',
  '火灾',
  '着火',
  '起火',
  '爆炸',
  '中毒',
  '燃气泄漏',
  '煤气泄漏',
  '漏气',
  '安全隐患',
  '危及生命',
  '人身伤害',
  '住院',
  '送医',
  '急诊',
  'injur*',
  'got hurt',
  'was hurt',
  'were hurt',
  'been hurt',
  'burned',
  'burnt',
  'fire',
  'electric shock',
  'electrocut*',
  'poisoning',
  'poisoned',
  'gas leak',
  'unsafe',
  'safety hazard',
  'hazardous',
  'hospitali*',
  'explosion',
  'emergency room',
];

export const VULNERABLE_TERMS: readonly string[] = [
  '老人',
  '老年人',
  '孕妇',
  '残疾',
  '残障',
  '小孩',
  '儿童',
  '婴儿',
  '幼儿',
  '独居',
  '低保',
  '轮椅',
  'elderly',
  'senior citizen*',
  'disabled',
  'disabilit*',
  'pregnant',
  'child',
  'children',
  'baby',
  'infant',
  'wheelchair',
  'veteran',
];

/**
 * VIP or authority. Plain 领导 ("your boss") is deliberately left out: "叫你们领导来" is an everyday
 * escalation request, not a claim of authority (seed 003's 显示权威型 shows it as who the person is).
 */
export const VIP_TERMS: readonly string[] = [
  '人大代表',
  '政协委员',
  '媒体人',
  '我是领导',
  '市领导',
  '区领导',
  '政府领导',
  '贵宾',
  'vip',
  'member of parliament',
  'elected official',
];

export const REPEAT_TERMS: readonly string[] = [
  '再次投诉',
  '又投诉',
  '第二次投诉',
  '第三次投诉',
  '多次投诉',
  '反复投诉',
  '已经投诉过',
  '投诉过多次',
  '一直没解决',
  '还是没解决',
  '至今未解决',
  'complained before',
  'already complained',
  'complained multiple times',
  'still not resolved',
  'still not fixed',
  'still unresolved',
  'third time',
  'second time',
];

export const COLLECTIVE_TERMS: readonly string[] = [
  '集体',
  '群体',
  '大家',
  '居民们',
  '业主们',
  '村民们',
  '家长们',
  '乘客们',
  '联名',
  '多位',
  '多名',
  '二十多',
  '几十',
  '数十',
  '很多人',
  '一群',
  'all the residents',
  'many residents',
  'residents have',
  'neighbors',
  'neighbours',
  'group of',
  'dozens of',
  'all of us',
  'class action',
  'signed a petition',
];

/** Wording of a real complaint (a demand, a fault); it keeps the nature `effective`. */
export const EFFECTIVE_TERMS: readonly string[] = [
  '投诉',
  '退款',
  '退费',
  '退钱',
  '赔偿',
  '索赔',
  '道歉',
  '退货',
  '多收',
  '乱收费',
  '扣费',
  '扣错',
  '欺骗',
  '恶劣',
  '要求',
  '不合理',
  '计量不准',
  'complain*',
  'refund*',
  'compensat*',
  'reimburs*',
  'apolog*',
  'demand*',
  'overcharg*',
  'charged me',
  'fraud*',
  'unacceptable',
  'rude',
];

export const HELP_SEEKING_TERMS: readonly string[] = [
  '求助',
  '帮忙',
  '帮帮',
  '帮我',
  '请帮',
  '该怎么办',
  '怎么办呢',
  '怎么办啊',
  '救救',
  'help me',
  'please help',
  'can you help',
  'need help',
  'need assistance',
];

export const INQUIRY_TERMS: readonly string[] = [
  '请问',
  '咨询',
  '想问',
  '问一下',
  '怎么办理',
  '如何办理',
  '怎样办理',
  '能不能',
  '多少钱',
  'how do i',
  'how can i',
  'how to',
  'i would like to know',
  'could you tell me',
  'inquir*',
  'enquir*',
  'question about',
];

export const VENTING_TERMS: readonly string[] = [
  '就是想说',
  '太气人了',
  '气死了',
  '气死我了',
  '吐槽',
  '发泄',
  '说说而已',
  '不需要回复',
  '无语',
  'just want to say',
  'just venting',
  'need to vent',
  'so frustrated',
  'no need to reply',
  'fed up',
];

export const GOVERNMENT_CHANNELS: readonly string[] = ['gov_hotline_12345', 'gov_12315'];
export const MEDIA_CHANNELS: readonly string[] = ['media'];

/** complainantCount at or above which one complaint is collective. */
export const COLLECTIVE_COMPLAINANT_COUNT = 5;

const collective = {
  any: [{ complainantCountAtLeast: COLLECTIVE_COMPLAINANT_COUNT }, { anyTerm: COLLECTIVE_TERMS }],
} as const;
const externalThreat = {
  any: [
    { anyTerm: LEGAL_TERMS },
    { anyTerm: MEDIA_TERMS },
    { anyTerm: GOVERNMENT_TERMS },
    { channelIn: MEDIA_CHANNELS },
    { channelIn: GOVERNMENT_CHANNELS },
  ],
} as const;

export const DEFAULT_RULE_SET: RuleSet = {
  version: 1,
  rules: [
    {
      id: 'channel.government',
      description: {
        zh: '政府热线（12345/12315）转办的投诉不为轻微',
        en: 'A transfer from a government hotline (12345/12315) is never minor',
      },
      when: { channelIn: GOVERNMENT_CHANNELS },
      then: { minSeverity: 'general', nature: 'effective', signals: ['government_petition'] },
    },
    {
      id: 'channel.media',
      description: { zh: '媒体曝光的投诉不为轻微', en: 'A media exposure is never minor' },
      when: { channelIn: MEDIA_CHANNELS },
      then: { minSeverity: 'general', nature: 'effective', signals: ['media_exposure'] },
    },
    {
      id: 'text.media',
      description: { zh: '提到媒体或曝光', en: 'Mentions or threatens media exposure' },
      when: { anyTerm: MEDIA_TERMS },
      then: { minSeverity: 'general', nature: 'effective', signals: ['media_exposure'] },
    },
    {
      id: 'text.government',
      description: {
        zh: '提到政府热线、信访或监管部门',
        en: 'Mentions a government hotline, petition or regulator',
      },
      when: { anyTerm: GOVERNMENT_TERMS },
      then: { minSeverity: 'general', nature: 'effective', signals: ['government_petition'] },
    },
    {
      id: 'text.legal',
      description: { zh: '提到律师、起诉或法院', en: 'Mentions lawyers, lawsuits or courts' },
      when: { anyTerm: LEGAL_TERMS },
      then: { minSeverity: 'general', nature: 'effective', signals: ['legal_action'] },
    },
    {
      id: 'text.injury_or_safety',
      description: { zh: '人身伤害或安全隐患', en: 'Injury or a safety hazard' },
      when: { anyTerm: INJURY_SAFETY_TERMS },
      then: { minSeverity: 'major', nature: 'effective', signals: ['injury_or_safety'] },
    },
    {
      id: 'text.vulnerable_person',
      description: {
        zh: '涉及老人、孕妇、残疾人或儿童',
        en: 'Involves an elderly, pregnant or disabled person or a child',
      },
      when: { anyTerm: VULNERABLE_TERMS },
      then: { minSeverity: 'general', signals: ['vulnerable_person'] },
    },
    {
      id: 'text.vip_or_authority',
      description: { zh: '投诉人为重要人士或权威身份', en: 'The complainant is a VIP or an authority' },
      when: { anyTerm: VIP_TERMS },
      then: { minSeverity: 'general', signals: ['vip_or_authority'] },
    },
    {
      id: 'intake.repeat',
      description: { zh: '受理时标记为重复投诉', en: 'Intake flagged it as a repeat complaint' },
      when: { isRepeat: true },
      then: { minSeverity: 'general', nature: 'effective', signals: ['repeat_complaint'] },
    },
    {
      id: 'text.repeat',
      description: { zh: '自述多次投诉未解决', en: 'Says it was complained about before without result' },
      when: { anyTerm: REPEAT_TERMS },
      then: { minSeverity: 'general', nature: 'effective', signals: ['repeat_complaint'] },
    },
    {
      id: 'intake.many_complainants',
      description: {
        zh: `投诉人数不少于 ${COLLECTIVE_COMPLAINANT_COUNT} 人：集体投诉`,
        en: `${COLLECTIVE_COMPLAINANT_COUNT} or more complainants: a collective complaint`,
      },
      when: { complainantCountAtLeast: COLLECTIVE_COMPLAINANT_COUNT },
      then: { minSeverity: 'major', scope: 'collective', nature: 'effective' },
    },
    {
      id: 'text.collective',
      description: { zh: '集体、群体或联名投诉', en: 'A group, joint or collective complaint' },
      when: { anyTerm: COLLECTIVE_TERMS },
      then: { minSeverity: 'major', scope: 'collective', nature: 'effective' },
    },
    {
      id: 'emotion.angry',
      description: { zh: '投诉人情绪激动', en: 'The complainant is angry' },
      when: { emotionIn: ['angry'] },
      then: { minSeverity: 'general' },
    },
    {
      id: 'combo.injury_with_external_threat',
      description: {
        zh: '人身伤害并威胁诉讼、曝光或上访：重大',
        en: 'Injury together with a legal, media or government threat: critical',
      },
      when: { all: [{ anyTerm: INJURY_SAFETY_TERMS }, externalThreat] },
      then: { minSeverity: 'critical' },
    },
    {
      id: 'combo.injury_vulnerable_person',
      description: {
        zh: '人身伤害涉及老人、孕妇、残疾人或儿童：重大',
        en: 'Injury of an elderly, pregnant or disabled person or a child: critical',
      },
      when: { all: [{ anyTerm: INJURY_SAFETY_TERMS }, { anyTerm: VULNERABLE_TERMS }] },
      then: { minSeverity: 'critical' },
    },
    {
      id: 'combo.collective_with_external_threat',
      description: {
        zh: '集体投诉并威胁上访、曝光或诉讼：重大（启动预警预案）',
        en: 'A collective complaint threatening petition, media or court: critical (warning plan)',
      },
      when: { all: [collective, externalThreat] },
      then: { minSeverity: 'critical' },
    },
    {
      id: 'nature.effective',
      description: {
        zh: '有明确诉求或过错的投诉用语：有效投诉',
        en: 'Wording of a demand or a fault: an effective complaint',
      },
      when: { anyTerm: EFFECTIVE_TERMS },
      then: { nature: 'effective' },
    },
    {
      id: 'nature.help_seeking',
      description: { zh: '求助用语：求助型', en: 'Asks for help: help-seeking' },
      when: { anyTerm: HELP_SEEKING_TERMS },
      then: { nature: 'help_seeking' },
    },
    {
      id: 'nature.inquiry',
      description: { zh: '咨询用语：咨询型', en: 'Asks a question: inquiry' },
      when: { anyTerm: INQUIRY_TERMS },
      then: { nature: 'inquiry' },
    },
    {
      id: 'nature.venting',
      description: { zh: '宣泄情绪用语：发泄型', en: 'Venting feelings: venting' },
      when: { anyTerm: VENTING_TERMS },
      then: { nature: 'venting' },
    },
  ],
};
