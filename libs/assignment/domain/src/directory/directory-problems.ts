import type { LocalizedName } from '@kesu/assignment-contracts';
import { DomainRuleViolation, type FieldError, InvalidInputError } from '@kesu/kernel';

/**
 * One thing wrong with a change of the directory: the field it is about (as the record names it,
 * `parentId`, `name.zh`), a stable code, and a message in both languages. A conflict is a record
 * that is well formed but does not fit the directory as it stands (a username another person has,
 * a second headquarters): 409 for a single change, where a malformed one is 400.
 */
export interface DirectoryProblem {
  readonly field: string;
  readonly code: string;
  readonly message: LocalizedName;
  readonly conflict: boolean;
}

const problem = (
  field: string,
  code: string,
  zh: string,
  en: string,
  conflict = false,
): DirectoryProblem => ({
  field,
  code,
  message: { zh, en },
  conflict,
});

/** Every problem the directory's rules report, by code. */
export const Problems = {
  required: (field: string) => problem(field, 'field.required', `${field} 为必填项`, `${field} is required`),
  notText: (field: string, max: number) =>
    problem(
      field,
      'field.text',
      `${field} 须为 1 至 ${max} 个字符的文字`,
      `${field} must be text of 1 to ${max} characters`,
    ),
  badId: (field: string, value: unknown) =>
    problem(
      field,
      'field.id',
      `${field} 不是有效的标识：${show(value)}（字母、数字、“_”和“-”，最多 64 个字符）`,
      `${field} is not a valid id: ${show(value)} (letters, digits, "_" and "-", at most 64)`,
    ),
  badTenantId: (value: unknown) =>
    problem(
      'tenantId',
      'tenant.id',
      `租户标识无效：${show(value)}（2 至 63 个小写字母、数字或“-”，不能是 platform）`,
      `tenantId is not valid: ${show(value)} (2 to 63 lower-case letters, digits or "-", not "platform")`,
    ),
  notOneOf: (field: string, value: unknown, allowed: readonly string[]) =>
    problem(
      field,
      'field.not_allowed',
      `${field} 的值 ${show(value)} 无效，可选值：${allowed.join('、')}`,
      `${field} ${show(value)} is not one of ${allowed.join(', ')}`,
    ),
  notList: (field: string) => problem(field, 'field.list', `${field} 须为列表`, `${field} must be a list`),
  badTimeZone: (value: unknown) =>
    problem(
      'timeZone',
      'tenant.time_zone',
      `timeZone 须为 IANA 时区（如 Asia/Shanghai），而不是 ${show(value)}`,
      `timeZone must name an IANA time zone (e.g. Asia/Shanghai), not ${show(value)}`,
    ),
  badCapacity: (value: unknown) =>
    problem(
      'capacity',
      'person.capacity',
      `capacity 须为 0 至 1000 的整数，而不是 ${show(value)}`,
      `capacity must be a whole number from 0 to 1000, not ${show(value)}`,
    ),
  notBoolean: (field: string, value: unknown) =>
    problem(
      field,
      'field.boolean',
      `${field} 须为是或否，而不是 ${show(value)}`,
      `${field} must be true or false, not ${show(value)}`,
    ),
  noRole: () => problem('roles', 'person.no_role', '至少须有一个角色', 'roles must name at least one role'),
  duplicateRecord: (field: string, id: string) =>
    problem(
      field,
      'record.duplicate',
      `文件中 ${id} 出现了不止一次`,
      `${id} appears more than once in the file`,
    ),
  duplicateUsername: (username: string) =>
    problem(
      'username',
      'record.duplicate_username',
      `文件中用户名 ${username} 出现了不止一次`,
      `username ${username} appears more than once in the file`,
    ),
  usernameTaken: (username: string, holder: string) =>
    problem(
      'username',
      'person.username_taken',
      `用户名 ${username} 已属于 ${holder}`,
      `username ${username} belongs to ${holder} already`,
      true,
    ),
  parentUnknown: (parentId: string) =>
    problem(
      'parentId',
      'unit.parent_unknown',
      `上级单位 ${parentId} 不存在`,
      `there is no unit ${parentId} to be the parent`,
    ),
  parentKind: (kind: string, parentKind: string | null) =>
    problem(
      'parentId',
      'unit.parent_kind',
      `${KIND_ZH[kind] ?? kind}不能隶属于${parentKind === null ? '无上级单位' : (KIND_ZH[parentKind] ?? parentKind)}`,
      `a ${kind} cannot sit ${parentKind === null ? 'at the top' : `under a ${parentKind}`} (headquarters → regions → branches → outlets)`,
    ),
  cycle: (unitId: string) =>
    problem(
      'parentId',
      'unit.cycle',
      `单位 ${unitId} 不能成为自己的下级`,
      `unit ${unitId} would be its own ancestor`,
    ),
  secondHeadquarters: (existing: string) =>
    problem(
      'kind',
      'unit.second_headquarters',
      `租户已有总部 ${existing}`,
      `the tenant has its headquarters already (${existing})`,
      true,
    ),
  childrenMisplaced: (unitId: string, children: readonly string[]) =>
    problem(
      'kind',
      'unit.children_misplaced',
      `单位 ${unitId} 的下级单位 ${children.join('、')} 将无法隶属于它`,
      `the units under ${unitId} (${children.join(', ')}) could no longer sit under it`,
      true,
    ),
  unitUnknown: (field: string, unitId: string) =>
    problem(field, 'unit.unknown', `单位 ${unitId} 不存在`, `there is no unit ${unitId}`),
  departmentUnknown: (departmentId: string) =>
    problem(
      'departmentIds',
      'department.unknown',
      `部门 ${departmentId} 不存在`,
      `there is no department ${departmentId}`,
    ),
  headUnknown: (personId: string) =>
    problem(
      'headId',
      'department.head_unknown',
      `负责人 ${personId} 不在名录中`,
      `there is no person ${personId} to head it`,
    ),
  departmentsOutside: (departments: readonly string[]) =>
    problem(
      'departmentIds',
      'person.department_outside_units',
      `部门 ${departments.join('、')} 不在此人所属单位之内`,
      `departments ${departments.join(', ')} lie outside the units the person acts in`,
    ),
  strandsPeople: (field: string, people: readonly string[]) =>
    problem(
      field,
      'directory.strands_people',
      `此变更会使 ${people.join('、')} 所在的部门落在其所属单位之外`,
      `the change would leave the departments of ${people.join(', ')} outside the units they act in`,
      true,
    ),
  lastAdmin: () =>
    problem(
      'roles',
      'tenant.last_admin',
      '租户至少须保留一名管理员',
      'the tenant must keep at least one admin',
      true,
    ),
} as const;

const KIND_ZH: Readonly<Record<string, string>> = {
  headquarters: '总部',
  region: '区域',
  branch: '分公司',
  outlet: '营业厅',
};

function show(value: unknown): string {
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (value === undefined) return 'nothing';
  return JSON.stringify(value)?.slice(0, 40) ?? String(value);
}

/** A problem as a field error of a 400 answer: its English message, and both languages. */
export function fieldErrorOf(
  problem: DirectoryProblem,
  field = problem.field,
): FieldError & {
  readonly code: string;
  readonly messages: LocalizedName;
} {
  return { field, message: problem.message.en, code: problem.code, messages: problem.message };
}

/**
 * Throws the domain error of a single change's problems: a conflict with the directory as it stands
 * is a rule violation (409, the first one's code); malformed input is 400 naming every field.
 */
export function rejectChange(problems: readonly DirectoryProblem[]): never {
  const conflict = problems.find((p) => p.conflict);
  if (conflict) throw new DomainRuleViolation(conflict.code, conflict.message.en);
  throw new InvalidInputError(problems.map((p) => fieldErrorOf(p)));
}
