import type {
  AssignmentLevel,
  ChoiceReason,
  IneligibilityReason,
  LocalizedName,
  QueueReason,
} from '@kesu/assignment-contracts';
import type { AssignmentStatus } from './assignment';

/** The levels as people read them. */
export const LEVEL_LABELS: Readonly<Record<AssignmentLevel, LocalizedName>> = {
  handler: { zh: '处理人', en: 'Handler' },
  department_head: { zh: '部门负责人', en: 'Department head' },
  branch_manager: { zh: '分公司经理', en: 'Branch manager' },
  general_manager: { zh: '总经理', en: 'General manager' },
};

/** Why a person could not take a complaint, as people read it. */
export const INELIGIBILITY_LABELS: Readonly<Record<IneligibilityReason, LocalizedName>> = {
  off_duty: { zh: '不在岗', en: 'Off duty' },
  lacks_skill: { zh: '不擅长该类别', en: 'Does not handle this category' },
  lacks_language: { zh: '不会该语言', en: 'Does not speak the language' },
  at_capacity: { zh: '在办量已满', en: 'At capacity' },
  returned_it: { zh: '已退回过此投诉', en: 'Returned this complaint' },
  holds_it: { zh: '正在移交此投诉', en: 'Is handing it on' },
};

/** Why the chosen person won, as people read it. */
export const CHOICE_LABELS: Readonly<Record<ChoiceReason, LocalizedName>> = {
  only_eligible: { zh: '唯一符合条件的人员', en: 'The only one eligible' },
  lowest_weighted_load: { zh: '按严重程度加权的在办量最低', en: 'Lowest open workload weighted by severity' },
  fewest_open: { zh: '加权在办量相同，在办件数最少', en: 'Same weighted workload, fewest open complaints' },
  waited_longest: {
    zh: '在办量相同，距上次分派最久',
    en: 'Same workload, longest since their last assignment',
  },
  first_by_id: { zh: '各项相同，按人员编号排序', en: 'All else equal, first by id' },
  named_by_supervisor: { zh: '由主管指定', en: 'Named by a supervisor' },
};

/** Why a complaint waits in a department's queue, as people read it. */
export const QUEUE_REASON_LABELS: Readonly<Record<QueueReason, LocalizedName>> = {
  no_eligible_person: {
    zh: '无符合条件的人员，进入部门待派队列',
    en: 'Nobody eligible: in the department queue',
  },
  returned: { zh: '处理人退回，等待主管分派', en: 'Returned by its handler: a supervisor assigns it' },
};

/** Where a complaint stands in dispatch, as people read it. */
export const ASSIGNMENT_STATUS_LABELS: Readonly<Record<AssignmentStatus, LocalizedName>> = {
  unassigned: { zh: '未分派', en: 'Not dispatched' },
  queued: { zh: '待分派', en: 'In the department queue' },
  assigned: { zh: '已分派待接收', en: 'Assigned, not yet accepted' },
  accepted: { zh: '已接收', en: 'Accepted' },
  ended: { zh: '已结束', en: 'Ended' },
};
