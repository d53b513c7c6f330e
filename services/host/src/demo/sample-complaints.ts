/** A complaint the demo tenant starts with, and which agent takes it. */
export interface SampleComplaint {
  readonly agent: 'agent1' | 'agent2';
  readonly channel: Channel;
  readonly channelDetails?: ChannelDetails;
  readonly branchId: string;
  readonly complainant: { name: string; phone?: string; email?: string; customerId?: string };
  readonly subject: { type: SubjectType; name?: string };
  readonly description: string;
  readonly expectedRemedy?: string;
  readonly emotion?: Emotion;
  readonly complainantCount?: number;
  readonly language: Language;
}

/** Written for the demo; any likeness to real people is chance. */
export const sampleComplaints: readonly SampleComplaint[] = [
  {
    agent: 'agent1',
    channel: 'hotline',
    branchId: 'east-1',
    language: 'zh',
    emotion: 'angry',
    complainant: { name: '王女士', phone: '13800000001' },
    subject: { type: 'staff', name: '人民路营业厅' },
    description: '在人民路营业厅办理业务，排队两个小时，营业员态度恶劣，还说我听不懂就别来办。',
    expectedRemedy: '营业员当面道歉，并改进排队管理。',
  },
  {
    agent: 'agent1',
    channel: 'web',
    branchId: 'east-2',
    language: 'zh',
    emotion: 'upset',
    complainant: { name: '李先生', phone: '13900000002', customerId: 'C-100233' },
    subject: { type: 'billing', name: '十月账单' },
    description: '十月份账单多扣了 58 元流量费，我当月流量根本没有用完，客服说查不到原因。',
    expectedRemedy: '退还多扣的费用并说明原因。',
  },
  {
    agent: 'agent1',
    channel: 'gov_hotline_12345',
    channelDetails: {
      externalOrderNo: '12345-20261120-0318',
      transferredAt: '2026-11-20T09:15:00+08:00',
      governmentDeadline: '2026-11-27T17:00:00+08:00',
    },
    branchId: 'east-1',
    language: 'zh',
    emotion: 'angry',
    complainantCount: 20,
    complainant: { name: '张先生（业主代表）', phone: '13700000003' },
    subject: { type: 'product', name: '智能电表' },
    description: '小区更换智能电表后，二十多户居民电费翻倍，怀疑电表计量不准，要求现场校验，否则向媒体曝光。',
    expectedRemedy: '请计量部门现场校验电表，多收的电费退还。',
  },
  {
    agent: 'agent1',
    channel: 'walk_in',
    channelDetails: { receptionPoint: '人民路营业厅' },
    branchId: 'east-1',
    language: 'zh',
    emotion: 'calm',
    complainant: { name: '陈阿姨' },
    subject: { type: 'facility', name: '营业厅无障碍通道' },
    description: '营业厅门口的无障碍坡道被电动车堵住，轮椅进不去。',
  },
  {
    agent: 'agent1',
    channel: 'social_media',
    channelDetails: { platform: '微博', account: '@小周' },
    branchId: 'east-2',
    language: 'zh',
    emotion: 'upset',
    complainant: { name: '微博用户@小周', email: 'xiaozhou@example.cn' },
    subject: { type: 'service', name: '上门安装' },
    description: '预约了周六上午上门安装宽带，等了一整天没人来，也没人通知改期。',
    expectedRemedy: '尽快安排安装，并补偿一个月费用。',
  },
  {
    agent: 'agent2',
    channel: 'email',
    branchId: 'west-1',
    language: 'en',
    emotion: 'upset',
    complainant: { name: 'Daniel Brooks', email: 'd.brooks@example.com', customerId: 'C-200871' },
    subject: { type: 'billing', name: 'Roaming charges' },
    description: 'I was charged roaming fees for a trip although I bought the travel package before leaving.',
    expectedRemedy: 'Refund the roaming charges.',
  },
  {
    agent: 'agent2',
    channel: 'web',
    branchId: 'west-2',
    language: 'en',
    emotion: 'calm',
    complainant: { name: 'Amelia Chen', email: 'amelia.chen@example.com' },
    subject: { type: 'service', name: 'Online account' },
    description: 'The password reset link in the app expires before the email arrives, so I cannot log in.',
  },
  {
    agent: 'agent2',
    channel: 'hotline',
    branchId: 'west-1',
    language: 'zh',
    emotion: 'angry',
    complainant: { name: '刘先生', phone: '13600000008' },
    subject: { type: 'service', name: '网络信号' },
    description: '家里手机信号一直很差，打电话经常断线，投诉过两次都没有解决，再不处理就打 12315。',
    expectedRemedy: '派人检测信号并给出解决方案。',
  },
  {
    agent: 'agent2',
    channel: 'letter',
    channelDetails: { letterReceivedOn: '2026-11-18' },
    branchId: 'west-2',
    language: 'zh',
    emotion: 'calm',
    complainant: { name: '赵老师', phone: '13500000009' },
    subject: { type: 'other' },
    description: '收到的纸质账单字太小，老年人看不清，建议提供大字版账单。',
  },
  {
    agent: 'agent2',
    channel: 'media',
    channelDetails: { outlet: 'Local Evening News', link: 'https://news.example.org/2026/11/smart-meters' },
    branchId: 'west-1',
    language: 'en',
    emotion: 'angry',
    complainant: { name: 'Local Evening News desk', email: 'desk@example.org' },
    subject: { type: 'product', name: 'Smart meter rollout' },
    description:
      'Several readers report that their bills doubled after the smart meter rollout; we plan to publish on Friday.',
  },
];
import {
  type Channel,
  type ChannelDetails,
  type Emotion,
  type Language,
  type SubjectType,
} from '@kesu/intake-contracts';
