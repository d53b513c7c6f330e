import type { RecordedEvent } from '@kesu/kernel';
import Ajv, { type ValidateFunction } from 'ajv';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/*
 * What the services really recorded, checked against the event catalog (contracts/events): every
 * event's type and schema version is published, and its data validates against that version's schema.
 */

const EVENTS = join(__dirname, '../../contracts/events');
const catalog = JSON.parse(readFileSync(join(EVENTS, 'catalog.json'), 'utf8')) as {
  events: Array<{ type: string; schemaVersion: number }>;
};
const ajv = new Ajv({
  strict: true,
  allErrors: true,
  keywords: ['x-event-type', 'x-schema-version', 'x-topic'],
});
const validators = new Map<string, ValidateFunction>();
const keyOf = (type: string, version: number) => `${type}.v${version}`;
for (const { type, schemaVersion } of catalog.events) {
  const key = keyOf(type, schemaVersion);
  validators.set(key, ajv.compile(JSON.parse(readFileSync(join(EVENTS, `${key}.schema.json`), 'utf8'))));
}

/** Each recorded event that is not in the catalog or does not match its schema, with why (none: []). */
export function nonconforming(events: readonly RecordedEvent[]): string[] {
  const problems = new Map<string, string>();
  for (const event of events) {
    const key = keyOf(event.type, event.schemaVersion);
    if (problems.has(key)) continue;
    const validate = validators.get(key);
    if (!validate) problems.set(key, `${key} (on ${event.streamId}) is not in contracts/events/catalog.json`);
    else if (!validate(event.data))
      problems.set(key, `${key} at ${event.globalPosition}: ${ajv.errorsText(validate.errors)}`);
  }
  return [...problems.values()];
}
