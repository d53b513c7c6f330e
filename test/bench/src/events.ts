import { type Channel, intakeStream, type SubjectType } from '@kesu/intake-contracts';
import { createHash, randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { type NewEvent, sealPersonalData } from '@kesu/kernel';
import { decideIntake, initialIntakeState } from '@kesu/intake-domain';

const CHANNELS: readonly Channel[] = ['hotline', 'web', 'email', 'walk_in', 'gov_hotline_12345'];
const SUBJECTS: readonly SubjectType[] = ['staff', 'service', 'product', 'billing', 'facility'];
const BRANCHES = ['east-1', 'east-2', 'west-1', 'north-1'];
const NAMES = ['王女士', '李先生', '张女士', '刘先生', '陈女士'];
const DESCRIPTIONS = [
  '营业员态度恶劣，多次催促后仍不理睬，还当众出言不逊。',
  '上月账单多扣了两笔服务费，客服答应退款但至今未到账。',
  '在门店购买的电水壶使用三天即漏电，要求退货被拒绝。',
  '预约的上门安装师傅迟到两个小时，且未提前通知。',
];

const key = randomBytes(32);

/** One complaint as intake records it: a decided ComplaintReceived with a sealed complainant. */
export interface Complaint {
  readonly complaintId: string;
  readonly streamId: string;
  readonly event: NewEvent;
}

/** Realistic ComplaintReceived events, as the intake decider produces them. */
export function complaint(n: number, tenantId = 'demo'): Complaint {
  const complaintId = uuidv7();
  const receivedAt = new Date(Date.UTC(2026, 10, 23, 2, 0, 0) + n * 1000).toISOString();
  const phone = `138${String(10_000_000 + (n % 90_000_000)).padStart(8, '0')}`;
  const details = { name: NAMES[n % NAMES.length]!, phone, email: `customer${n}@example.cn` };
  const subjectId = `contact-${createHash('sha256').update(`${tenantId}:${phone}`).digest('hex').slice(0, 32)}`;
  const branchId = BRANCHES[n % BRANCHES.length]!;
  const [decided] = decideIntake(
    {
      type: 'RegisterComplaint',
      complaintId,
      reference: `KS-20261123-${String(n + 1).padStart(6, '0')}`,
      receivedAt,
      channel: CHANNELS[n % CHANNELS.length]!,
      branchId,
      complainant: { subjectId, sealed: sealPersonalData(key, subjectId, details) },
      subject: { type: SUBJECTS[n % SUBJECTS.length]! },
      description: DESCRIPTIONS[n % DESCRIPTIONS.length]!,
      location: '人民路 88 号营业厅',
      emotion: 'upset',
      language: 'zh',
    },
    initialIntakeState(),
  );
  return {
    complaintId,
    streamId: intakeStream(complaintId),
    event: {
      eventId: uuidv7(),
      type: decided!.type,
      schemaVersion: 1,
      data: decided!.data,
      occurredAt: receivedAt,
      tenantId,
      branchId,
      correlationId: complaintId,
      causationId: `request-${uuidv7()}`,
      actor: { kind: 'user', id: 'agent1', roles: ['agent'] },
    },
  };
}

export function complaints(count: number, offset = 0): Complaint[] {
  return Array.from({ length: count }, (_, i) => complaint(offset + i));
}

/** The JSON size of one event, as a payload for the raw ceiling. */
export function samplePayload(): string {
  return JSON.stringify(complaint(0).event);
}

const WHAT = [
  '营业员态度恶劣，说话很不耐烦',
  '宽带从上周开始经常断线',
  '本月话费比上月多扣了八十多元',
  '不知情被开通了视频会员包月业务',
  '手机信号很差，室内打不了电话',
  '办理携号转网被营业厅一再推脱',
  '积分兑换的礼品一直没有寄到',
  '营销人员承诺的优惠没有兑现',
  '个人信息被泄露，每天接到骚扰电话',
  '安装师傅约好时间却没有上门',
  'The agent hung up on me twice',
  'My refund has not arrived after three weeks',
];
const WHERE = ['在中山路营业厅', '在小区门口', '通过客服热线', '在网上营业厅', '在火车站附近', '在家里'];
const WANT = ['要求道歉', '要求退还费用', '要求尽快处理', '要求给个说法', '要求赔偿损失'];

/** The n-th complaint's text in the load scenarios: combined from varied parts, as real intake is. */
export function variedDescription(n: number): string {
  const pick = <T>(list: readonly T[], salt: number) =>
    list[(n * salt + Math.floor(n / list.length)) % list.length]!;
  return `${pick(WHERE, 5)}，${pick(WHAT, 11)}，${pick(WANT, 3)}。第${n}号来电。`;
}
