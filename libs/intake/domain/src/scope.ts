import type { Language, ScopeList, SubjectType } from '@kesu/intake-contracts';

export type { ScopeList } from '@kesu/intake-contracts';

/** What puts a complaint outside the scope list: its subject type, terms found in it, or both. */
export interface OutOfScope {
  readonly subjectType?: SubjectType;
  readonly terms: readonly string[];
}

const fold = (text: string): string => text.normalize('NFKC').toLowerCase();

/**
 * Checks a complaint against the scope list: a subject type the tenant does not handle, and every
 * out-of-scope term found (case-insensitively) in the subject's name or the description. Null when
 * the complaint is within scope.
 */
export function checkScope(
  scope: ScopeList,
  complaint: {
    readonly subject: { readonly type: SubjectType; readonly name?: string };
    readonly description: string;
  },
): OutOfScope | null {
  const text = fold(`${complaint.subject.name ?? ''}\n${complaint.description}`);
  const terms = scope.outOfScopeTerms.filter(
    (term) => term.trim() !== '' && text.includes(fold(term.trim())),
  );
  const typeExcluded =
    scope.subjectTypes !== undefined && !scope.subjectTypes.includes(complaint.subject.type);
  if (!typeExcluded && terms.length === 0) return null;
  return typeExcluded ? { subjectType: complaint.subject.type, terms } : { terms };
}

const SUBJECT_TYPE_NAMES: Readonly<Record<Language, Readonly<Record<SubjectType, string>>>> = {
  zh: {
    product: '产品',
    service: '服务',
    staff: '工作人员',
    facility: '设施',
    billing: '收费',
    other: '其他',
  },
  en: {
    product: 'products',
    service: 'services',
    staff: 'staff conduct',
    facility: 'facilities',
    billing: 'billing',
    other: 'other matters',
  },
};

/** The reasoned answer (不予受理的理由) to a complaint outside the scope list, in the customer's language. */
export function notInScopeExplanation(language: Language, outOfScope: OutOfScope): string {
  const { subjectType, terms } = outOfScope;
  if (language === 'zh') {
    const what = [
      ...(subjectType ? [`${SUBJECT_TYPE_NAMES.zh[subjectType]}类事项`] : []),
      ...terms.map((term) => `“${term}”`),
    ].join('、');
    return `您反映的${what}不在我们的受理范围内，依规定不予受理，建议您向负责该事项的主管部门或单位反映。`;
  }
  const what = [
    ...(subjectType ? [SUBJECT_TYPE_NAMES.en[subjectType]] : []),
    ...terms.map((term) => `"${term}"`),
  ].join(', ');
  return `We cannot take up this complaint because it concerns ${what}, which lies outside the matters we handle. Please contact the authority or organisation responsible for it.`;
}
