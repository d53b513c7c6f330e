import { Alert, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { type FieldError, type Problem, ProblemError } from '../api/http';

/** The problem of an error, or one made from any other failure (the network, a bug). */
export function problemOf(error: unknown): Problem {
  if (error instanceof ProblemError) return error.problem;
  return { title: 'Error', status: 0, detail: error instanceof Error ? error.message : String(error) };
}

/** A field error's message in the user's language, when the API gives both. */
export function fieldMessage(error: FieldError, language: string): string {
  return (language === 'en' ? error.messages?.en : error.messages?.zh) ?? error.message;
}

/**
 * Puts each field error of a validation problem on the form field it names (`complainant.name` →
 * ['complainant', 'name']); answers the errors no field of the form shows.
 */
export function showFieldErrors(
  form: FormInstance,
  problem: Problem,
  language: string,
  prefix: readonly string[] = [],
): FieldError[] {
  const unplaced: FieldError[] = [];
  const known = new Set(form.getFieldsError().map((field) => (field.name as (string | number)[]).join('.')));
  const placed = (problem.errors ?? []).flatMap((error) => {
    const path = [...prefix, ...error.field.split('.')];
    if (!known.has(path.join('.'))) {
      unplaced.push(error);
      return [];
    }
    return [{ name: path, errors: [fieldMessage(error, language)] }];
  });
  form.setFields(placed);
  return unplaced;
}

/** A problem shown readably: what was refused and why, every bad field, and what a 412 means. */
export function ProblemAlert({
  problem,
  onClose,
}: {
  readonly problem: Problem;
  readonly onClose?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const known = problem.status === 412 || problem.status === 409 || problem.status === 403;
  const title =
    problem.status === 412 ? t('problem.stale') : known ? t(`problem.${problem.status}`) : problem.title;
  return (
    <Alert
      role="alert"
      type={problem.status >= 500 || problem.status === 0 ? 'error' : 'warning'}
      showIcon
      closable={onClose ? { onClose } : false}
      style={{ marginBottom: 16 }}
      title={title}
      description={
        <div>
          {problem.status === 412 && <p>{t('problem.staleExplained')}</p>}
          {problem.detail && <p data-testid="problem-detail">{problem.detail}</p>}
          {problem.code && (
            <p>
              {t('problem.code')}: <code>{problem.code}</code>
            </p>
          )}
          {problem.allowedActions && (
            <p>
              {t('problem.allowedNow')}:{' '}
              {problem.allowedActions.map((a) => t(`action.${a}`, { defaultValue: a })).join('、')}
            </p>
          )}
          {problem.errors && problem.errors.length > 0 && (
            <ul>
              {problem.errors.map((e) => (
                <li key={e.field}>
                  <code>{e.field}</code>: {fieldMessage(e, i18n.language)}
                </li>
              ))}
            </ul>
          )}
        </div>
      }
    />
  );
}
