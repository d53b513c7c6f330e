interface ServerErrorFields {
  readonly code?: unknown;
  readonly keyPattern?: unknown;
  readonly message?: unknown;
}

const fieldsOf = (error: unknown): ServerErrorFields =>
  error !== null && typeof error === 'object' ? (error as ServerErrorFields) : {};

/**
 * Whether MongoDB refused a write because a document with the same `_id` exists (E11000 on the
 * `_id_` index), as opposed to a clash on a unique index the application declared. Read from the
 * error's fields rather than its class, so it also holds for bulk write errors.
 */
export function isDuplicateIdError(error: unknown): boolean {
  const { code, keyPattern, message } = fieldsOf(error);
  if (code !== 11000) return false;
  if (keyPattern !== null && typeof keyPattern === 'object') {
    const fields = Object.keys(keyPattern);
    return fields.length === 1 && fields[0] === '_id';
  }
  return typeof message === 'string' && / index: _id_ /.test(message);
}

/** Whether MongoDB refused a transaction because it runs standalone, not as a replica set or mongos. */
export function isTransactionUnsupported(error: unknown): boolean {
  const { code, message } = fieldsOf(error);
  return code === 20 && typeof message === 'string' && message.includes('Transaction numbers');
}

/**
 * Whether `createIndex` was refused because an index of that name or those keys exists with other
 * options (IndexOptionsConflict, 85, or IndexKeySpecsConflict, 86).
 */
export function isIndexOptionsConflict(error: unknown): boolean {
  const { code } = fieldsOf(error);
  return code === 85 || code === 86;
}
