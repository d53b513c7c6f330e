// Data files bundled with this library (taxonomy packs, the default rules), checked when loaded.
import Ajv, { type ErrorObject } from 'ajv';

const ajv = new Ajv({ allErrors: true, strict: true });

/**
 * The data of a bundled JSON file, once it matches its JSON Schema; otherwise an error naming the
 * file and, for every problem, the path of the offending value (`categories[3].keywords[0]`).
 */
export function checkedData<T>(data: unknown, schema: object, file: string): T {
  const validate = ajv.compile<T>(schema);
  if (validate(data)) return data;
  const problems = (validate.errors ?? []).map(describeProblem);
  throw new Error(`${file} does not match its schema:\n${problems.map((p) => `- ${p}`).join('\n')}`);
}

function describeProblem(error: ErrorObject): string {
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((key) => key.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((at, key) => (/^\d+$/.test(key) ? `${at}[${key}]` : at ? `${at}.${key}` : key), '');
  const extra =
    error.keyword === 'additionalProperties' ? ` ("${String(error.params.additionalProperty)}")` : '';
  return `${path || '(the document)'}: ${error.message ?? error.keyword}${extra}`;
}
