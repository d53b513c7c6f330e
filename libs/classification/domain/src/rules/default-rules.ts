// The built-in rule set: data in default-rules.json, checked against default-rules.schema.json.
import { type RuleCondition, type RuleSet } from '@kesu/classification-contracts';
import { checkedData } from '../bundled-data';
import data from './default-rules.json';
import schema from './default-rules.schema.json';
import { validateRuleSet } from './validation';

/** A condition of the data file: a rule condition, or `{ use: name }` for one of its named conditions. */
export type DefaultRuleCondition =
  | RuleCondition
  | { readonly use: string }
  | { readonly all: readonly DefaultRuleCondition[] }
  | { readonly any: readonly DefaultRuleCondition[] };

/** The data file: named conditions and the rules, whose conditions may name them. */
export interface DefaultRulesFile {
  readonly version: number;
  readonly conditions: Readonly<Record<string, DefaultRuleCondition>>;
  readonly rules: ReadonlyArray<
    Omit<RuleSet['rules'][number], 'when'> & { readonly when: DefaultRuleCondition }
  >;
}

/**
 * The rules file's content as a rule set, once it matches the schema: every `{ use: name }` replaced
 * by the named condition (which may name others), and the result valid by `validateRuleSet`.
 * Throws an error naming `file` and the path of every problem otherwise.
 */
export function loadDefaultRules(content: unknown, file: string): RuleSet {
  const { version, conditions, rules } = checkedData<DefaultRulesFile>(content, schema, file);
  const resolve = (
    condition: DefaultRuleCondition,
    path: string,
    using: readonly string[],
  ): RuleCondition => {
    if ('use' in condition) {
      const named = Object.hasOwn(conditions, condition.use) ? conditions[condition.use] : undefined;
      if (!named) throw new Error(`${file}: ${path}.use: no condition named "${condition.use}"`);
      if (using.includes(condition.use))
        throw new Error(`${file}: ${path}.use: "${condition.use}" names itself through ${using.join(' → ')}`);
      return resolve(named, `conditions.${condition.use}`, [...using, condition.use]);
    }
    if ('all' in condition)
      return { all: condition.all.map((c, i) => resolve(c, `${path}.all[${i}]`, using)) };
    if ('any' in condition)
      return { any: condition.any.map((c, i) => resolve(c, `${path}.any[${i}]`, using)) };
    return condition;
  };
  const ruleSet: RuleSet = {
    version,
    rules: rules.map((rule, i) => ({ ...rule, when: resolve(rule.when, `rules[${i}].when`, []) })),
  };
  const problems = validateRuleSet(ruleSet);
  if (problems.length > 0)
    throw new Error(
      `${file} is not a valid rule set:\n${problems.map((p) => `- ${p.path}: ${p.message}`).join('\n')}`,
    );
  return ruleSet;
}

/**
 * The built-in rule set (domain.md stage 3), explainable and versioned as data. Term lists are
 * exported so that tenants can start their own rules from them.
 *
 * Escalation, documented:
 * - baseline `minor` (rules/evaluation); angry emotion, a repeat, any escalation threat (media, government,
 *   legal, a vulnerable person, a VIP) → at least `general`; a 12345/12315 transfer or a media
 *   exposure channel → at least `general`, never minor;
 * - injury or safety, or a collective complaint (as many complainants as the tenant's collective
 *   threshold, 5 by default, or collective wording) → `major`;
 * - `critical` when two escalations compound: injury/safety together with a legal, media or government
 *   threat, or with a vulnerable person; a collective complaint threatening petition, media or court
 *   (seed 003: ~20 residents threatening to petition the city → level-3 warning plan).
 * Communication-type natures (help-seeking, inquiry, venting) are set by their wording; the
 * `nature.effective` rule and every escalation rule set `effective`, which wins (NATURE_PRECEDENCE).
 */
export const DEFAULT_RULE_SET: RuleSet = loadDefaultRules(data, 'default-rules.json');

const conditions = (data as unknown as DefaultRulesFile).conditions;

function terms(name: string): readonly string[] {
  const condition = Object.hasOwn(conditions, name) ? conditions[name] : undefined;
  if (!condition || !('anyTerm' in condition)) throw new Error(`default-rules.json: no term list "${name}"`);
  return condition.anyTerm;
}

function channels(name: string): readonly string[] {
  const condition = Object.hasOwn(conditions, name) ? conditions[name] : undefined;
  if (!condition || !('channelIn' in condition))
    throw new Error(`default-rules.json: no channel list "${name}"`);
  return condition.channelIn;
}

export const MEDIA_TERMS: readonly string[] = terms('mediaTerms');
export const GOVERNMENT_TERMS: readonly string[] = terms('governmentTerms');
export const LEGAL_TERMS: readonly string[] = terms('legalTerms');
export const INJURY_SAFETY_TERMS: readonly string[] = terms('injuryOrSafetyTerms');
export const VULNERABLE_TERMS: readonly string[] = terms('vulnerablePersonTerms');
/**
 * VIP or authority. Plain 领导 ("your boss") is deliberately left out: "叫你们领导来" is an everyday
 * escalation request, not a claim of authority (seed 003's 显示权威型 shows it as who the person is).
 */
export const VIP_TERMS: readonly string[] = terms('vipTerms');
export const REPEAT_TERMS: readonly string[] = terms('repeatTerms');
export const COLLECTIVE_TERMS: readonly string[] = terms('collectiveTerms');
/** Wording of a real complaint (a demand, a fault); it keeps the nature `effective`. */
export const EFFECTIVE_TERMS: readonly string[] = terms('effectiveTerms');
export const HELP_SEEKING_TERMS: readonly string[] = terms('helpSeekingTerms');
export const INQUIRY_TERMS: readonly string[] = terms('inquiryTerms');
export const VENTING_TERMS: readonly string[] = terms('ventingTerms');
export const GOVERNMENT_CHANNELS: readonly string[] = channels('governmentChannels');
export const MEDIA_CHANNELS: readonly string[] = channels('mediaChannels');
