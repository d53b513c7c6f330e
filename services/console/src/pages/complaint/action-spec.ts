/** One field of an action's form. */
export interface FieldSpec {
  readonly name: string;
  readonly kind: 'text' | 'textarea' | 'select' | 'number' | 'boolean' | 'remedies' | 'references' | 'tags';
  readonly options?: readonly string[];
  readonly required?: boolean;
}

/** What an action's form may draw on: the case's current proposal. */
export interface ActionContext {
  readonly proposal?: Record<string, unknown> | null;
}

/** What an action's form may draw on: the case's current proposal. */
export interface ActionContext {
  readonly proposal?: Record<string, unknown> | null;
}

/**
 * An action on a complaint, as the console offers it: the route it posts to (under
 * `/api/v1/complaints/{id}/`), its form, which revision it sends as If-Match, and how the form's
 * values become the body.
 */
export interface ActionSpec {
  readonly key: string;
  readonly path: string;
  readonly fields: readonly FieldSpec[];
  readonly revision: 'intake' | 'case' | 'none';
  readonly danger?: boolean;
  readonly body?: (values: Record<string, unknown>, context: ActionContext) => unknown;
  readonly initial?: (context: ActionContext) => Record<string, unknown>;
}

/** The values of a form without its blank fields. */
export function withoutBlanks(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(values).filter(([, v]) => v !== undefined && v !== null && v !== ''),
  );
}
