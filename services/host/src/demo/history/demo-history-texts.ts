import type { SubjectType } from '@kesu/intake-contracts';

/** A situation the demo history's complaints are written from, in the spirit of the seeds'. */
export interface Situation {
  readonly subject: { readonly type: SubjectType; readonly name: string };
  readonly descriptions: readonly string[];
  readonly expectedRemedy: string;
  /** What the handler finds, the root cause code of the case settings, and who was at fault. */
  readonly finding: { readonly facts: string; readonly rootCause: string; readonly companyAtFault: boolean };
  readonly resolution: string;
}

/** Written for the demo; any likeness to real people or places is chance. */
export const SITUATIONS: readonly Situation[] = [
  {
    subject: { type: 'billing', name: '电费账单' },
    descriptions: [
      '这个月电费比上月高出一倍多，家里用电情况没有变化，怀疑电表计量有问题。',
      '账单上多扣了一笔费用，打电话问客服说查不到原因，要求说明并退还。',
      '电费明细看不懂，阶梯电价怎么算的没人解释清楚，感觉被多收了钱。',
    ],
    expectedRemedy: '核实电量，退还多收的电费。',
    finding: { facts: '抄表员估抄导致电量偏高', rootCause: 'billing_error', companyAtFault: true },
    resolution: '已核实实际电量并退还多收电费，向客户致歉。',
  },
  {
    subject: { type: 'service', name: '停电抢修' },
    descriptions: [
      '小区昨晚停电六个小时，打报修电话一直占线，抢修人员很晚才到。',
      '计划停电没有提前通知，家里冰箱里的东西全坏了，要求赔偿损失。',
      '雷雨天气后一直没有复电，也没人告诉我们什么时候能恢复。',
    ],
    expectedRemedy: '说明停电原因，以后提前通知。',
    finding: {
      facts: '线路故障抢修延时，未及时告知客户',
      rootCause: 'communication_gap',
      companyAtFault: true,
    },
    resolution: '已向客户说明停电原因和抢修经过，完善停电告知机制。',
  },
  {
    subject: { type: 'staff', name: '营业厅' },
    descriptions: [
      '在营业厅办理业务排队一个多小时，营业员态度冷淡，问问题爱答不理。',
      '工作人员上门服务时态度恶劣，还说这不归他们管。',
      '客服电话里工作人员不耐烦，没听完就挂断了电话。',
    ],
    expectedRemedy: '工作人员当面道歉，改进服务态度。',
    finding: { facts: '营业员服务用语不规范', rootCause: 'staff_attitude', companyAtFault: true },
    resolution: '已安排当事员工向客户道歉，并对其进行服务规范培训。',
  },
  {
    subject: { type: 'product', name: '智能电能表' },
    descriptions: [
      '家里换了新的智能电表以后每个月电量都在涨，怀疑新表走得快。',
      '电表显示屏不亮了，不知道读数是不是准确的。',
      '新装的电表箱没有锁，担心安全问题，反映多次没人处理。',
    ],
    expectedRemedy: '现场校验电表，必要时更换。',
    finding: {
      facts: '现场校验电表误差在允许范围内',
      rootCause: 'customer_misunderstanding',
      companyAtFault: false,
    },
    resolution: '已现场校验电表并向客户解释校验结果，客户表示理解。',
  },
  {
    subject: { type: 'service', name: '新装报装' },
    descriptions: [
      '申请新装电表已经一个月了，一直说在排期，什么时候能装没人说得清。',
      '报装手续太复杂，来回跑了三趟营业厅还没办完。',
      '办理增容业务承诺的时限已经过了，还没有人联系我。',
    ],
    expectedRemedy: '尽快完成报装，说明办理进度。',
    finding: { facts: '报装流程环节多，超出承诺时限', rootCause: 'process_gap', companyAtFault: true },
    resolution: '已加急完成报装，并精简了相关办理环节。',
  },
  {
    subject: { type: 'facility', name: '线路设施' },
    descriptions: [
      '楼下的变压器噪音很大，晚上吵得睡不着觉。',
      '路边电线杆倾斜很久了，存在安全隐患，要求尽快处理。',
      '电压不稳，家里的灯一直闪，电器也坏了一台。',
    ],
    expectedRemedy: '尽快检修，消除隐患。',
    finding: { facts: '设备老化导致电压波动', rootCause: 'equipment_fault', companyAtFault: true },
    resolution: '已更换老化设备，电压恢复正常，对损坏电器给予补偿。',
  },
];

/** Seed 003's collective complaint: a community whose meters were replaced, at the service hall together. */
export const COLLECTIVE: Situation = {
  subject: { type: 'product', name: '幸福里小区智能电能表轮换' },
  descriptions: [
    '幸福里小区两个月前全部换成智能电表，我家每月电量比以前多了三成，新表计量不准，要求换回原来的机械表。',
    '我们小区换新电表后大家的电费都涨了，业主们一起来营业厅反映，新表肯定有问题。',
    '幸福里小区业主，换表以后电量明显增加，如果不处理我们就一起向市里反映。',
  ],
  expectedRemedy: '对小区电表逐户校验，多收的电费退还。',
  finding: {
    facts: '抽检新表计量准确，部分住户旧表此前计量偏慢',
    rootCause: 'customer_misunderstanding',
    companyAtFault: false,
  },
  resolution: '已对小区电表逐户校验并召开业主说明会，向业主解释电量变化原因。',
};

export const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
];
