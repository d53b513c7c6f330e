import type { Update } from '@kesu/ports';
import type { Document as BsonDocument } from 'mongodb';
import { validFieldPath } from './mongo-filter';

const operators = new Set(['$set', '$setOnInsert', '$inc', '$unset', '$max']);

/**
 * Translates the port's update to MongoDB's: the operators map 1:1, so MongoDB applies them
 * atomically itself. Paths are checked as in the embedded adapter, and `_id` stays immutable.
 * An update with nothing to change becomes an empty `$set`, which MongoDB (5.0 and later) treats as
 * a no-op, so it still finds the document (and inserts `{ _id }` on an upsert) like the embedded one.
 */
export function updateToMongo(update: Update): BsonDocument {
  const translated: BsonDocument = {};
  for (const [operator, fields] of Object.entries(update) as [string, unknown][]) {
    if (!operators.has(operator)) throw new Error(`unsupported update operator '${operator}'`);
    if (fields === undefined) continue;
    const checked = checkedFields(operator, fields);
    if (Object.keys(checked).length > 0) translated[operator] = checked;
  }
  return Object.keys(translated).length > 0 ? translated : { $set: {} };
}

function checkedFields(operator: string, fields: unknown): BsonDocument {
  if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) {
    throw new Error(`${operator} takes an object of field paths`);
  }
  const checked: BsonDocument = {};
  for (const [path, value] of Object.entries(fields)) {
    if (validFieldPath(path) === '_id' || path.startsWith('_id.')) throw new Error('_id cannot be updated');
    if (operator === '$inc' && typeof value !== 'number') throw new Error(`$inc of '${path}' needs a number`);
    checked[path] = value;
  }
  return checked;
}
